namespace ApiBuilder.Cli.Project;

/// <summary>The ApiBuilder.Runtime .nupkg that <c>init repo</c> copies into a new project's local feed.</summary>
internal sealed record RuntimePackage(string Path, string Version)
{
    public const string Id = "ApiBuilder.Runtime";

    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>The package in <paramref name="directory"/>: exactly one <c>ApiBuilder.Runtime.&lt;version&gt;.nupkg</c>.</summary>
    public static RuntimePackage Find(string directory)
    {
        var candidates = Directory.Exists(directory)
            ? Directory.GetFiles(directory, Id + ".*.nupkg").Where(p => !p.EndsWith(".symbols.nupkg", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray()
            : [];
        if (candidates.Length != 1)
        {
            throw new UserError(
                candidates.Length == 0
                    ? $"this apiserver-boot carries no {Id} package (looked in {directory})"
                    : $"{directory} holds several {Id} packages ({string.Join(", ", candidates.Select(System.IO.Path.GetFileName))})",
                $"Install the tool from its package (dotnet pack src/Cli, then dotnet tool install; see ApiBuilder's README), or set {ToolInfo.PackagesVariable} to a folder with exactly one {Id}.<version>.nupkg");
        }

        var name = System.IO.Path.GetFileNameWithoutExtension(candidates[0]);
        return new RuntimePackage(candidates[0], name[(Id.Length + 1)..]);
    }
}
