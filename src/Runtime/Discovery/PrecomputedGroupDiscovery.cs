using System.ComponentModel;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Discovery;

/// <summary>
/// The discovery documents of one API group, precomputed as UTF-8 JSON by the source generator:
/// the APIGroup document, the APIResourceList of each version and the group's entry of aggregated
/// discovery (an APIGroupDiscovery). The server serves them as they are when the resources it serves
/// in the group are exactly <see cref="Definitions"/>; otherwise it computes the group's documents.
/// Used by generated code; not meant to be written by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PrecomputedGroupDiscovery
{
    /// <summary>What every APIGroup document starts with; the group's entry of an APIGroupList is the rest.</summary>
    internal static ReadOnlySpan<byte> ApiGroupPrefix => "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\","u8;

    private readonly byte[] apiGroup;
    private readonly byte[] aggregatedEntry;
    private readonly List<(string Version, byte[] Json)> resourceLists = [];

    /// <summary>Starts the documents of <paramref name="group"/>; add each version's list with <see cref="AddResourceList"/>.</summary>
    /// <param name="group">The API group.</param>
    /// <param name="definitions">The definitions the documents describe, all in <paramref name="group"/>.</param>
    /// <param name="apiGroup">The APIGroup document (<c>/apis/&lt;group&gt;</c>), starting with <c>kind</c> and <c>apiVersion</c>.</param>
    /// <param name="aggregatedEntry">The group's APIGroupDiscovery, an item of aggregated discovery.</param>
    public PrecomputedGroupDiscovery(string group, IReadOnlyList<ResourceDefinition> definitions, ReadOnlySpan<byte> apiGroup, ReadOnlySpan<byte> aggregatedEntry)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentNullException.ThrowIfNull(definitions);
        if (definitions.Count == 0 || definitions.Any(d => d is null || d.Group != group))
        {
            throw new ArgumentException($"The definitions must be non-null and all in the group {group}.", nameof(definitions));
        }

        if (!apiGroup.StartsWith(ApiGroupPrefix) || apiGroup[^1] != (byte)'}')
        {
            throw new ArgumentException("Not an APIGroup document in the runtime's compact form.", nameof(apiGroup));
        }

        Group = group;
        Definitions = [.. definitions];
        this.apiGroup = apiGroup.ToArray();
        this.aggregatedEntry = aggregatedEntry.ToArray();
    }

    /// <summary>The API group.</summary>
    public string Group { get; }

    /// <summary>The definitions the documents describe.</summary>
    public IReadOnlyList<ResourceDefinition> Definitions { get; }

    /// <summary>The APIGroup document.</summary>
    public ReadOnlyMemory<byte> ApiGroup => apiGroup;

    /// <summary>The group's entry of aggregated discovery.</summary>
    public ReadOnlyMemory<byte> AggregatedEntry => aggregatedEntry;

    /// <summary>The APIResourceList of each version, in the order added.</summary>
    public IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> ResourceLists =>
        [.. resourceLists.Select(l => KeyValuePair.Create(l.Version, (ReadOnlyMemory<byte>)l.Json))];

    /// <summary>Adds the APIResourceList of one version (<c>/apis/&lt;group&gt;/&lt;version&gt;</c>).</summary>
    /// <param name="version">The version.</param>
    /// <param name="apiResourceList">The document.</param>
    /// <returns>This object.</returns>
    public PrecomputedGroupDiscovery AddResourceList(string version, ReadOnlySpan<byte> apiResourceList)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        if (resourceLists.Any(l => l.Version == version))
        {
            throw new ArgumentException($"The version {version} is already added.", nameof(version));
        }

        resourceLists.Add((version, apiResourceList.ToArray()));
        return this;
    }

    /// <summary>
    /// The documents, when the group serves exactly these definitions (the same objects, each once) and
    /// every version served has its list; null otherwise.
    /// </summary>
    internal GroupDocuments? DocumentsFor(IReadOnlyList<ResourceDefinition> served)
    {
        var mine = new HashSet<ResourceDefinition>(Definitions, ReferenceEqualityComparer.Instance);
        var theirs = new HashSet<ResourceDefinition>(served, ReferenceEqualityComparer.Instance);
        if (theirs.Count != served.Count || !mine.SetEquals(theirs))
        {
            return null;
        }

        var versions = served.Select(d => d.Version).ToHashSet(StringComparer.Ordinal);
        if (!versions.SetEquals(resourceLists.Select(l => l.Version)))
        {
            return null;
        }

        return new GroupDocuments(apiGroup, resourceLists.ToDictionary(l => l.Version, l => l.Json, StringComparer.Ordinal), aggregatedEntry, Precomputed: true);
    }
}
