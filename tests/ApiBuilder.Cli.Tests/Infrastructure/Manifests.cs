using YamlDotNet.RepresentationModel;

namespace ApiBuilder.Cli.Tests.Infrastructure;

/// <summary>The objects of a folder of manifests, parsed back with YamlDotNet.</summary>
internal sealed class Manifests
{
    private Manifests(IReadOnlyList<(string File, YamlMappingNode Object)> objects) => Objects = objects;

    public IReadOnlyList<(string File, YamlMappingNode Object)> Objects { get; }

    public static Manifests Read(string folder)
    {
        var objects = new List<(string, YamlMappingNode)>();
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }

            objects.AddRange(stream.Documents.Select(d => (Path.GetFileName(file), (YamlMappingNode)d.RootNode)));
        }

        return new Manifests(objects);
    }

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(o => Text(o.Object, "kind") == kind).Select(o => o.Object);

    public YamlMappingNode Single(string kind) => Assert.Single(OfKind(kind));

    public YamlMappingNode Single(string kind, string name) => Assert.Single(OfKind(kind), o => Text(o, "metadata.name") == name);

    /// <summary>The node at a dotted path (keys with dots are not supported), or null.</summary>
    public static YamlNode? At(YamlNode node, string path)
    {
        foreach (var key in path.Split('.'))
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            node = next;
        }

        return node;
    }

    public static string? Text(YamlNode node, string path) => (At(node, path) as YamlScalarNode)?.Value;

    public static IReadOnlyList<YamlNode> Items(YamlNode node, string path) => At(node, path) is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    public static IReadOnlyDictionary<string, string> Map(YamlNode node, string path) =>
        At(node, path) is YamlMappingNode map
            ? map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!, StringComparer.Ordinal)
            : new Dictionary<string, string>();
}
