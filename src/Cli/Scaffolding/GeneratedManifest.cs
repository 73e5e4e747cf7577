using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ApiBuilder.Cli.Project;

namespace ApiBuilder.Cli.Scaffolding;

/// <summary>
/// <c>.apibuilder/generated.json</c>: the SHA-256 of every file as apiserver-boot last wrote it. A
/// file whose hash still matches is "unchanged since generated" and may be re-rendered; any other
/// content was edited by the user and is kept unless <c>--force</c>.
/// </summary>
internal sealed class GeneratedManifest
{
    public const string RelativePath = ProjectLocation.StateFolder + "/generated.json";

    private readonly SortedDictionary<string, string> hashes;

    private GeneratedManifest(SortedDictionary<string, string> hashes) => this.hashes = hashes;

    public static GeneratedManifest Empty() => new(new SortedDictionary<string, string>(StringComparer.Ordinal));

    public static GeneratedManifest Load(string root)
    {
        var path = Path.Combine(root, RelativePath);
        if (!File.Exists(path))
        {
            return Empty();
        }

        try
        {
            var read = JsonSerializer.Deserialize(File.ReadAllText(path), ProjectJsonContext.Default.SortedDictionaryStringString);
            return new GeneratedManifest(new SortedDictionary<string, string>(read ?? [], StringComparer.Ordinal));
        }
        catch (JsonException e)
        {
            throw new UserError($"{path} is not valid JSON ({e.Message})", "Restore it from version control, or delete it to treat every existing file as edited");
        }
    }

    public string? this[string path] => hashes.TryGetValue(path, out var hash) ? hash : null;

    public GeneratedManifest With(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var copy = new SortedDictionary<string, string>(hashes, StringComparer.Ordinal);
        foreach (var (path, hash) in entries)
        {
            copy[path] = hash;
        }

        return new GeneratedManifest(copy);
    }

    /// <summary>The manifest without <paramref name="path"/>.</summary>
    public GeneratedManifest Without(string path)
    {
        var copy = new SortedDictionary<string, string>(hashes, StringComparer.Ordinal);
        copy.Remove(path);
        return new GeneratedManifest(copy);
    }

    public string ToJson() => JsonSerializer.Serialize(hashes, ProjectJsonContext.Default.SortedDictionaryStringString).ReplaceLineEndings("\n") + "\n";

    public static string Hash(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public static string Hash(string content) => Hash(Encoding.UTF8.GetBytes(content));
}
