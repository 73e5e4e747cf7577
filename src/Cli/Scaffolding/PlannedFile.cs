namespace ApiBuilder.Cli.Scaffolding;

/// <summary>A file a command wants on disk: its path relative to the project root ('/' separators) and its content.</summary>
internal sealed record PlannedFile(string Path, string Content);
