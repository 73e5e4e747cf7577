namespace ApiBuilder.Cli.Scaffolding;

/// <summary>
/// Fills a new (or empty) folder all or nothing: everything is written into a staging folder
/// beside it, then moved in. A failure leaves the target as it was.
/// </summary>
internal static class NewFolder
{
    public static void Create(string target, Action<string> fill)
    {
        var parent = Path.GetDirectoryName(target) ?? throw new UserError($"cannot create a project at {target}", "Pass --output with a folder below the root");
        var createdParents = new List<string>();
        for (var dir = parent; !Directory.Exists(dir); dir = Path.GetDirectoryName(dir)!)
        {
            createdParents.Add(dir);
        }

        createdParents.Reverse();
        var staging = Path.Combine(parent, ".apiserver-boot-" + Guid.NewGuid().ToString("N")[..12]);
        var moved = new List<string>();
        var targetCreated = false;
        try
        {
            foreach (var dir in createdParents)
            {
                Directory.CreateDirectory(dir);
            }

            Directory.CreateDirectory(staging);
            fill(staging);
            if (!Directory.Exists(target))
            {
                Directory.Move(staging, target);
                targetCreated = true;
                return;
            }

            // The target exists (empty, or only .git): move the staged entries into it.
            foreach (var entry in Directory.EnumerateFileSystemEntries(staging).Order(StringComparer.Ordinal).ToList())
            {
                var destination = Path.Combine(target, Path.GetFileName(entry));
                if (Directory.Exists(entry))
                {
                    Directory.Move(entry, destination);
                }
                else
                {
                    File.Move(entry, destination);
                }

                moved.Add(destination);
            }

            Directory.Delete(staging, recursive: true);
        }
        catch
        {
            foreach (var path in moved)
            {
                Delete(path);
            }

            if (targetCreated)
            {
                Delete(target);
            }

            Delete(staging);
            for (var i = createdParents.Count - 1; i >= 0; i--)
            {
                Delete(createdParents[i]);
            }

            throw;
        }
    }

    private static void Delete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
