using System.Text.Json;
using System.Text.Json.Serialization;

namespace ApiBuilder.Cli.Project;

/// <summary>
/// What <c>apiserver-boot</c> knows about a project, kept in <c>.apibuilder/project.json</c>:
/// its name and domain, the runtime version it was made with, and every Kind created, so that a
/// later command (a subresource, the docs) renders the same files again.
/// </summary>
internal sealed record ProjectState
{
    public const string FileName = "project.json";

    public int SchemaVersion { get; init; } = 1;

    public required string Name { get; init; }

    public required string Domain { get; init; }

    public required string RuntimeVersion { get; init; }

    public IReadOnlyList<ResourceState> Resources { get; init; } = [];

    /// <summary>The lower-case name of the server: kubeconfig context, image name.</summary>
    [JsonIgnore]
    public string ServerName => Names.ApiNames.Kebab(Name);

    [JsonIgnore]
    public string ServerProject => $"src/{Name}/{Name}.csproj";

    [JsonIgnore]
    public string TestProject => $"tests/{Name}.Tests/{Name}.Tests.csproj";

    /// <summary>The state with <paramref name="resource"/> added or replaced, resources kept in a stable order.</summary>
    public ProjectState With(ResourceState resource) => this with
    {
        Resources = [.. Resources.Where(r => !r.SameKind(resource)).Append(resource)
            .OrderBy(r => r.Group, StringComparer.Ordinal).ThenBy(r => r.Version, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal)],
    };

    public string ToJson() => JsonSerializer.Serialize(this, ProjectJsonContext.Default.ProjectState).ReplaceLineEndings("\n") + "\n";

    public static ProjectState FromJson(string json, string path) =>
        JsonSerializer.Deserialize(json, ProjectJsonContext.Default.ProjectState)
        ?? throw new UserError($"{path} is empty", "Restore it from version control");
}

/// <summary>One Kind of the project and the options it was created with.</summary>
internal sealed record ResourceState
{
    /// <summary>The group's first label, e.g. <c>ships</c> (the API group is <c>ships.&lt;domain&gt;</c>).</summary>
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Kind { get; init; }

    public bool Namespaced { get; init; } = true;

    /// <summary>The resource name given with --plural, when the English guess is wrong (<c>people</c>); null for the guess.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Plural { get; init; }

    /// <summary>The resource name in URLs and on kubectl's command line.</summary>
    [JsonIgnore]
    public string PluralName => Plural ?? Names.ApiNames.Plural(Kind);

    public bool StatusSubresource { get; init; }

    public bool Scale { get; init; }

    public bool Controller { get; init; }

    /// <summary>Whether objects are stored in this version (set on one version when a Kind has several).</summary>
    public bool StorageVersion { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Custom subresources: a <c>[Subresource]</c> class each (and its test), served by the generated registration.</summary>
    public IReadOnlyList<string> CustomSubresources { get; init; } = [];

    public bool SameKind(ResourceState other) => Group == other.Group && Version == other.Version && Kind == other.Kind;
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(ProjectState))]
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class ProjectJsonContext : JsonSerializerContext;
