using System.Text;

namespace ApiBuilder.Cli.Scaffolding;

/// <summary>
/// Writes planned files into a project all or nothing: new contents are staged beside their
/// targets, then swapped in; any failure puts every file back as it was. Files the user edited are
/// never overwritten without <c>force</c>.
/// </summary>
internal static class FileWriter
{
    private const string StagedSuffix = ".apiserver-boot-new";
    private const string BackupSuffix = ".apiserver-boot-old";

    /// <summary>Decides, for each planned file, what writing it would do.</summary>
    public static IReadOnlyList<(PlannedFile File, FileChange Change)> Plan(string root, IEnumerable<PlannedFile> files, GeneratedManifest manifest, bool force)
    {
        var plan = new List<(PlannedFile, FileChange)>();
        foreach (var file in files)
        {
            var path = Full(root, file.Path);
            var hash = GeneratedManifest.Hash(file.Content);
            if (!File.Exists(path))
            {
                plan.Add((file, FileChange.Create));
                continue;
            }

            var current = GeneratedManifest.Hash(File.ReadAllBytes(path));
            var recorded = manifest[file.Path];
            var change = current == hash ? FileChange.Unchanged
                : current == recorded ? FileChange.Update
                : recorded == hash ? FileChange.KeepEdited
                : file.Owner == FileOwner.User ? FileChange.KeepYours
                : force ? FileChange.Overwrite
                : FileChange.Conflict;
            plan.Add((file, change));
        }

        return plan;
    }

    /// <summary>
    /// Writes the files the plan creates, updates or overwrites, and <paramref name="stateFiles"/>
    /// (always), as one change. Returns the new manifest entries.
    /// </summary>
    public static void Apply(string root, IReadOnlyList<(PlannedFile File, FileChange Change)> plan, IReadOnlyList<PlannedFile> stateFiles)
    {
        var writes = plan.Where(p => p.Change is FileChange.Create or FileChange.Update or FileChange.Overwrite).Select(p => p.File)
            .Concat(stateFiles.Where(s => !File.Exists(Full(root, s.Path)) || File.ReadAllText(Full(root, s.Path)) != s.Content))
            .ToList();
        var createdDirectories = new List<string>();
        var staged = new List<(string Staged, string Target)>();
        var swapped = new List<(string Target, string? Backup)>();
        try
        {
            foreach (var file in writes)
            {
                var target = Full(root, file.Path);
                CreateDirectory(Path.GetDirectoryName(target)!, createdDirectories);
                var temp = target + StagedSuffix;
                File.WriteAllBytes(temp, Encoding.UTF8.GetBytes(file.Content));
                staged.Add((temp, target));
            }

            foreach (var (temp, target) in staged)
            {
                string? backup = null;
                if (File.Exists(target))
                {
                    backup = target + BackupSuffix;
                    File.Move(target, backup, overwrite: true);
                }

                swapped.Add((target, backup));
                File.Move(temp, target);
            }
        }
        catch
        {
            for (var i = swapped.Count - 1; i >= 0; i--)
            {
                var (target, backup) = swapped[i];
                TryDelete(target);
                if (backup is not null)
                {
                    File.Move(backup, target, overwrite: true);
                }
            }

            foreach (var (temp, _) in staged)
            {
                TryDelete(temp);
            }

            for (var i = createdDirectories.Count - 1; i >= 0; i--)
            {
                try
                {
                    Directory.Delete(createdDirectories[i]);
                }
                catch (IOException)
                {
                }
            }

            throw;
        }

        foreach (var (_, backup) in swapped)
        {
            if (backup is not null)
            {
                TryDelete(backup);
            }
        }
    }

    public static string Full(string root, string relative) => Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static void CreateDirectory(string directory, List<string> created)
    {
        var missing = new Stack<string>();
        for (var dir = directory; !Directory.Exists(dir); dir = Path.GetDirectoryName(dir)!)
        {
            missing.Push(dir);
        }

        while (missing.Count > 0)
        {
            var dir = missing.Pop();
            Directory.CreateDirectory(dir);
            created.Add(dir);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
