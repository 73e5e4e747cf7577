using ApiBuilder.Cli.Output;
using ApiBuilder.Cli.Project;

namespace ApiBuilder.Cli.Scaffolding;

/// <summary>Writes rendered files and the project state into an existing project, and says what changed.</summary>
internal static class Scaffolder
{
    /// <summary>
    /// Writes <paramref name="files"/> and <paramref name="state"/> all or nothing. Files the user
    /// owns are kept once edited; refuses (exit 1, nothing written) when a file of apiserver-boot's
    /// that the user edited would change, unless <paramref name="force"/>, and when a kept file is in
    /// the layout of an earlier apiserver-boot that would not build beside the new one.
    /// Returns whether anything was written.
    /// </summary>
    public static bool Write(ProjectLocation project, ProjectState state, IReadOnlyList<PlannedFile> files, bool force, ICliConsole console)
    {
        var manifest = GeneratedManifest.Load(project.Root);
        var plan = FileWriter.Plan(project.Root, files, manifest, force);
        OldLayout.Check(project.Root, plan);
        var conflicts = plan.Where(p => p.Change == FileChange.Conflict).Select(p => p.File.Path).ToList();
        if (conflicts.Count > 0)
        {
            var more = conflicts.Count > 1 ? $" (and {conflicts.Count - 1} more: {string.Join(", ", conflicts.Skip(1))})" : "";
            throw new UserError(
                $"{conflicts[0]}{more} was changed since apiserver-boot wrote it, and the command would write a different version",
                "Pass --force to overwrite your changes, or make the change yourself; nothing was written");
        }

        var recorded = manifest.With(plan
            .Where(p => p.Change is not (FileChange.KeepEdited or FileChange.KeepYours or FileChange.Conflict))
            .Select(p => KeyValuePair.Create(p.File.Path, GeneratedManifest.Hash(p.File.Content))));
        var stateFiles = new[]
        {
            new PlannedFile(ProjectLocation.StateFolder + "/" + ProjectState.FileName, state.ToJson()),
            new PlannedFile(GeneratedManifest.RelativePath, recorded.ToJson()),
        };
        var changed = plan.Any(p => p.Change is FileChange.Create or FileChange.Update or FileChange.Overwrite)
            || state.ToJson() != ReadOrNull(project.StatePath);
        FileWriter.Apply(project.Root, plan, stateFiles);

        foreach (var (file, change) in plan)
        {
            var verb = change switch
            {
                FileChange.Create => "create",
                FileChange.Update => "update",
                FileChange.Overwrite => "overwrite",
                FileChange.KeepEdited or FileChange.KeepYours => "keep",
                _ => null,
            };
            var note = change switch
            {
                FileChange.KeepEdited => " (edited by you; the generated version is unchanged)",
                FileChange.KeepYours => " (yours, edited: left as it is)",
                _ => "",
            };
            if (verb is not null)
            {
                console.Line($"  {verb,-9} {file.Path}{note}");
            }
        }

        return changed;
    }

    private static string? ReadOrNull(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
