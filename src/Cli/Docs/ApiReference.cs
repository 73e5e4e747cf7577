using System.Text.Json.Nodes;

namespace ApiBuilder.Cli.Docs;

/// <summary>One field of a Kind, flattened: <c>spec.replicas</c>, its type, and what the schema says about it.</summary>
internal sealed record FieldDoc(string Path, string Type, bool Required, string Description, string Constraints);

/// <summary>A sample manifest of a Kind, from config/samples.</summary>
internal sealed record SampleDoc(string File, string Yaml);

/// <summary>Everything the reference says about one Kind in one version.</summary>
internal sealed record KindDoc(
    string Group, string Version, string Kind, string Plural, bool Namespaced, IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Subresources, string Description, IReadOnlyList<FieldDoc> Fields, IReadOnlyList<SampleDoc> Samples)
{
    public string Anchor => $"{Kind}-{Group}-{Version}".ToLowerInvariant().Replace('.', '-');
}

/// <summary>
/// The API reference of a server, read from what it serves: the OpenAPI v3 document and the
/// discovery document of each group-version, plus the sample manifests of the project.
/// </summary>
internal static class ApiReference
{
    /// <summary>One group-version as served: <c>/apis/&lt;g&gt;/&lt;v&gt;</c> (discovery) and <c>/openapi/v3/apis/&lt;g&gt;/&lt;v&gt;</c>.</summary>
    public sealed record GroupVersion(string Group, string Version, JsonObject Discovery, JsonObject OpenApi);

    public static IReadOnlyList<KindDoc> Build(IEnumerable<GroupVersion> groupVersions, IReadOnlyList<SampleDoc> samples)
    {
        var kinds = new List<KindDoc>();
        foreach (var gv in groupVersions)
        {
            var schemas = gv.OpenApi["components"]?["schemas"] as JsonObject ?? [];
            foreach (var resource in (gv.Discovery["resources"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var name = (string?)resource["name"] ?? "";
                var kind = (string?)resource["kind"] ?? "";
                if (name.Contains('/', StringComparison.Ordinal) || kind.Length == 0)
                {
                    continue;
                }

                var schema = FindSchema(schemas, gv.Group, gv.Version, kind);
                var subresources = (gv.Discovery["resources"] as JsonArray ?? []).OfType<JsonObject>()
                    .Select(r => (string?)r["name"] ?? "").Where(n => n.StartsWith(name + "/", StringComparison.Ordinal))
                    .Select(n => n[(name.Length + 1)..]).Order(StringComparer.Ordinal).ToList();
                var apiVersion = gv.Group + "/" + gv.Version;
                kinds.Add(new KindDoc(
                    gv.Group,
                    gv.Version,
                    kind,
                    name,
                    (bool?)resource["namespaced"] ?? true,
                    [.. (resource["shortNames"] as JsonArray ?? []).Select(s => (string?)s ?? "")],
                    subresources,
                    (string?)schema?["description"] ?? "",
                    schema is null ? [] : Fields(schema, schemas),
                    [.. samples.Where(s => SampleIs(s.Yaml, apiVersion, kind))]));
            }
        }

        return [.. kinds.OrderBy(k => k.Group, StringComparer.Ordinal).ThenBy(k => k.Kind, StringComparer.Ordinal).ThenBy(k => k.Version, StringComparer.Ordinal)];
    }

    /// <summary>The sample manifests under <paramref name="directory"/> (<c>*.yaml</c>, <c>*.yml</c>), by file name.</summary>
    public static IReadOnlyList<SampleDoc> ReadSamples(string directory, string root) =>
        !Directory.Exists(directory) ? [] :
        [.. Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new SampleDoc(Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f).ReplaceLineEndings("\n").TrimEnd('\n')))];

    private static bool SampleIs(string yaml, string apiVersion, string kind)
    {
        var lines = yaml.Split('\n').Select(l => l.TrimEnd()).ToList();
        return lines.Contains("apiVersion: " + apiVersion, StringComparer.Ordinal) && lines.Contains("kind: " + kind, StringComparer.Ordinal);
    }

    private static JsonObject? FindSchema(JsonObject schemas, string group, string version, string kind)
    {
        foreach (var (_, node) in schemas)
        {
            if (node is JsonObject schema && schema["x-kubernetes-group-version-kind"] is JsonArray gvks
                && gvks.OfType<JsonObject>().Any(g => (string?)g["group"] == group && (string?)g["version"] == version && (string?)g["kind"] == kind))
            {
                return schema;
            }
        }

        return null;
    }

    private static List<FieldDoc> Fields(JsonObject schema, JsonObject schemas)
    {
        var fields = new List<FieldDoc>();
        AddProperties(schema, "", schemas, fields, depth: 0);
        return fields;
    }

    private static void AddProperties(JsonObject schema, string prefix, JsonObject schemas, List<FieldDoc> fields, int depth)
    {
        if (depth > 12 || schema["properties"] is not JsonObject properties)
        {
            return;
        }

        var required = (schema["required"] as JsonArray ?? []).Select(r => (string?)r).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, node) in properties.OrderBy(p => Order(prefix, p.Key)).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            if (node is not JsonObject property)
            {
                continue;
            }

            var path = prefix + name;
            fields.Add(new FieldDoc(path, TypeOf(property), required.Contains(name), Description(property), Constraints(property)));
            if (Reference(property) is null)
            {
                AddProperties(property, path + ".", schemas, fields, depth + 1);
                if (property["items"] is JsonObject items && Reference(items) is null)
                {
                    AddProperties(items, path + "[].", schemas, fields, depth + 1);
                }

                if (property["additionalProperties"] is JsonObject values && Reference(values) is null)
                {
                    AddProperties(values, path + "[key].", schemas, fields, depth + 1);
                }
            }
        }
    }

    // apiVersion, kind, metadata, spec, status first, as Kubernetes' own reference orders them.
    private static int Order(string prefix, string name) => prefix.Length > 0 ? 0 : name switch
    {
        "apiVersion" => 0,
        "kind" => 1,
        "metadata" => 2,
        "spec" => 3,
        "status" => 4,
        _ => 5,
    };

    private static string? Reference(JsonObject schema) =>
        (string?)schema["$ref"] ?? (schema["allOf"] as JsonArray)?.OfType<JsonObject>().Select(a => (string?)a["$ref"]).FirstOrDefault(r => r is not null);

    private static string TypeOf(JsonObject schema)
    {
        if (Reference(schema) is { } reference)
        {
            return reference[(reference.LastIndexOf('.') + 1)..];
        }

        if (schema["x-kubernetes-preserve-unknown-fields"] is JsonValue preserve && (bool?)preserve == true && schema["properties"] is null)
        {
            return "any";
        }

        var type = (string?)schema["type"] ?? "object";
        var format = (string?)schema["format"];
        return type switch
        {
            "array" => "[]" + (schema["items"] is JsonObject items ? TypeOf(items) : "any"),
            "object" when schema["additionalProperties"] is JsonObject values => "map[string]" + TypeOf(values),
            _ when format is not null => $"{type} ({format})",
            _ => type,
        };
    }

    private static string Description(JsonObject schema) =>
        ((string?)schema["description"] ?? (Reference(schema) is not null ? (string?)(schema["allOf"] as JsonArray)?.OfType<JsonObject>().Select(a => a["description"]).FirstOrDefault() : null) ?? "")
        .ReplaceLineEndings(" ").Trim();

    private static string Constraints(JsonObject schema)
    {
        var parts = new List<string>();
        void Add(string key, string label)
        {
            if (schema[key] is JsonNode value)
            {
                parts.Add($"{label} {Text(value)}");
            }
        }

        Add("minimum", "minimum");
        Add("maximum", "maximum");
        Add("minLength", "min length");
        Add("maxLength", "max length");
        Add("minItems", "min items");
        Add("maxItems", "max items");
        Add("pattern", "pattern");
        Add("default", "default");
        if (schema["enum"] is JsonArray values)
        {
            parts.Add("one of " + string.Join(", ", values.Select(v => v is null ? "null" : Text(v))));
        }

        if ((bool?)schema["nullable"] == true)
        {
            parts.Add("may be null");
        }

        return string.Join("; ", parts);
    }

    private static string Text(JsonNode value) => value is JsonValue v && v.TryGetValue<string>(out var s)
        ? s
        : value.ToJsonString();
}
