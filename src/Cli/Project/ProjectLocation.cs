namespace ApiBuilder.Cli.Project;

/// <summary>A project on disk: its root folder and its state.</summary>
internal sealed record ProjectLocation(string Root, ProjectState State)
{
    public const string StateFolder = ".apibuilder";

    public string StatePath => Path.Combine(Root, StateFolder, ProjectState.FileName);

    public string Full(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// The project containing <paramref name="start"/>: the nearest folder at or above it with
    /// <c>.apibuilder/project.json</c>. Fails with the fix when there is none.
    /// </summary>
    public static ProjectLocation Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var state = Path.Combine(dir.FullName, StateFolder, ProjectState.FileName);
            if (File.Exists(state))
            {
                string json;
                try
                {
                    json = File.ReadAllText(state);
                    return new ProjectLocation(dir.FullName, ProjectState.FromJson(json, state));
                }
                catch (System.Text.Json.JsonException e)
                {
                    throw new UserError($"{state} is not valid JSON ({e.Message})", "Restore it from version control");
                }
            }
        }

        throw new UserError(
            $"{start} is not inside an ApiBuilder project (no {StateFolder}/{ProjectState.FileName} here or in a parent folder)",
            "Run the command in a project made by 'apiserver-boot init repo --domain <domain>', or create one first");
    }
}
