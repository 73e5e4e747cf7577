namespace ApiBuilder.Cli.Scaffolding;

/// <summary>
/// A file a command wants on disk: its path relative to the project root ('/' separators), its
/// content, and who owns it once written.
/// </summary>
internal sealed record PlannedFile(string Path, string Content, FileOwner Owner = FileOwner.Tool);
