using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Discovery;

/// <summary>
/// Discovery documents as UTF-8 JSON, built once at start-up: APIGroupList, APIGroup,
/// APIResourceList per group-version, and aggregated discovery (v2 and v2beta1) with its ETag.
/// Each group's documents are the generator's precomputed ones when the group serves exactly the
/// definitions they were generated for, and are computed from the definitions otherwise; the lists
/// across groups are stitched from the groups' documents.
/// </summary>
internal sealed class DiscoveryDocuments
{
    private static readonly IReadOnlyList<string> ResourceVerbs = Rest.RestVerbs.All;
    private static readonly string[] SubresourceVerbs = ["get", "patch", "update"];

    private readonly Dictionary<string, GroupDocuments> groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (byte[] Body, string ETag)> aggregated = new(StringComparer.Ordinal);

    /// <param name="resources">Every served definition.</param>
    /// <param name="precomputed">The generator's documents, used for groups they describe exactly.</param>
    /// <param name="verbsOf">The verbs each resource's storage serves; all verbs when null.</param>
    /// <param name="subresourcesOf">The subresources each resource serves with user code.</param>
    public DiscoveryDocuments(
        IReadOnlyList<ResourceDefinition> resources, IReadOnlyList<PrecomputedGroupDiscovery>? precomputed = null,
        Func<ResourceDefinition, IReadOnlyList<string>>? verbsOf = null, Func<ResourceDefinition, IReadOnlyList<Rest.SubresourceDefinition>>? subresourcesOf = null)
    {
        verbsOf ??= _ => ResourceVerbs;
        subresourcesOf ??= _ => [];
        var ordered = new List<GroupDocuments>();
        foreach (var group in resources.GroupBy(r => r.Group))
        {
            var served = group.ToList();
            // The generator assumes stored resources with every verb; a group with other storage is computed.
            var fullyStored = served.All(r => (ReferenceEquals(verbsOf(r), ResourceVerbs) || verbsOf(r).SequenceEqual(ResourceVerbs)) && subresourcesOf(r).Count == 0);
            var documents = (fullyStored ? precomputed?.Where(p => p.Group == group.Key).Select(p => p.DocumentsFor(served)).FirstOrDefault(d => d is not null) : null)
                ?? Compute(group.Key, served, verbsOf, subresourcesOf);
            groups[group.Key] = documents;
            ordered.Add(documents);
        }

        // An APIGroup document is the group's APIGroupList entry with kind and apiVersion in front.
        GroupList = Stitch("{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":["u8,
            ordered.Select(g => (ReadOnlyMemory<byte>)g.ApiGroup.AsMemory(PrecomputedGroupDiscovery.ApiGroupPrefix.Length)), "{"u8);
        foreach (var version in (string[])["v2", "v2beta1"])
        {
            var head = Encoding.UTF8.GetBytes("{\"kind\":\"APIGroupDiscoveryList\",\"apiVersion\":\"apidiscovery.k8s.io/" + version + "\",\"metadata\":{},\"items\":[");
            var body = Stitch(head, ordered.Select(g => (ReadOnlyMemory<byte>)g.AggregatedEntry), []);
            aggregated[version] = (body, "\"" + Convert.ToHexString(SHA512.HashData(body)) + "\"");
        }
    }

    public byte[] GroupList { get; }

    public byte[]? Group(string group) => groups.GetValueOrDefault(group)?.ApiGroup;

    public byte[]? ResourceList(string group, string version) => groups.GetValueOrDefault(group)?.ResourceLists.GetValueOrDefault(version);

    public (byte[] Body, string ETag) Aggregated(string version) => aggregated[version];

    /// <summary>Whether the documents of <paramref name="group"/> are the generator's precomputed ones.</summary>
    public bool IsPrecomputed(string group) => groups.GetValueOrDefault(group)?.Precomputed == true;

    /// <summary>
    /// The documents of one group computed from its definitions. The generator emits the same bytes
    /// (<c>DiscoveryJson</c> in ApiBuilder.Generator); a test compares them, so change both together.
    /// </summary>
    public static GroupDocuments Compute(
        string group, IReadOnlyList<ResourceDefinition> definitions, Func<ResourceDefinition, IReadOnlyList<string>>? verbsOf = null,
        Func<ResourceDefinition, IReadOnlyList<Rest.SubresourceDefinition>>? subresourcesOf = null)
    {
        verbsOf ??= _ => ResourceVerbs;
        subresourcesOf ??= _ => [];
        var versions = definitions.Select(r => r.Version).Distinct().Order(Comparer<string>.Create(VersionPriority.Compare)).ToList();
        var apiGroup = ApiGroup(group, versions);
        apiGroup.Insert(0, "kind", "APIGroup");
        apiGroup.Insert(1, "apiVersion", "v1");

        var resourceLists = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var versionItems = new JsonArray();
        foreach (var version in versions)
        {
            var inVersion = definitions.Where(r => r.Version == version).OrderBy(r => r.Plural, StringComparer.Ordinal).ToList();
            resourceLists[version] = ResponseWriter.ToJson(ResourceList(group, version, inVersion, definitions, verbsOf, subresourcesOf));
            versionItems.Add(new JsonObject
            {
                ["version"] = version,
                ["resources"] = new JsonArray([.. inVersion.Select(r => AggregatedResource(r, verbsOf(r), subresourcesOf(r)))]),
                ["freshness"] = "Current",
            });
        }

        var aggregatedEntry = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = group },
            ["versions"] = versionItems,
        };
        return new GroupDocuments(ResponseWriter.ToJson(apiGroup), resourceLists, ResponseWriter.ToJson(aggregatedEntry), Precomputed: false);
    }

    /// <summary><paramref name="head"/>, then each part (after <paramref name="partPrefix"/>) separated by commas, then <c>]}</c>.</summary>
    private static byte[] Stitch(ReadOnlySpan<byte> head, IEnumerable<ReadOnlyMemory<byte>> parts, ReadOnlySpan<byte> partPrefix)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        buffer.Write(head);
        var first = true;
        foreach (var part in parts)
        {
            if (!first)
            {
                buffer.Write(","u8);
            }

            first = false;
            buffer.Write(partPrefix);
            buffer.Write(part.Span);
        }

        buffer.Write("]}"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Std-base64 of the first 8 bytes of SHA-256 over group/version/kind of the storage version, as Kubernetes computes it.</summary>
    public static string StorageVersionHash(string group, string version, string kind)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{group}/{version}/{kind}"));
        return Convert.ToBase64String(hash, 0, 8);
    }

    private static JsonObject ApiGroup(string name, List<string> versions)
    {
        var list = new JsonArray();
        foreach (var v in versions)
        {
            list.Add(new JsonObject { ["groupVersion"] = name + "/" + v, ["version"] = v });
        }

        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = list,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = name + "/" + versions[0], ["version"] = versions[0] },
        };
    }

    private static JsonObject ResourceList(
        string group, string version, List<ResourceDefinition> inVersion, IReadOnlyList<ResourceDefinition> all, Func<ResourceDefinition, IReadOnlyList<string>> verbsOf,
        Func<ResourceDefinition, IReadOnlyList<Rest.SubresourceDefinition>> subresourcesOf)
    {
        var resources = new JsonArray();
        foreach (var r in inVersion)
        {
            var storage = all.FirstOrDefault(x => x.Group == r.Group && x.Kind == r.Kind && x.IsStorageVersion) ?? r;
            var entry = new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = Strings(verbsOf(r)),
            };
            if (r.ShortNames.Count > 0)
            {
                entry["shortNames"] = Strings(r.ShortNames);
            }

            if (r.Categories.Count > 0)
            {
                entry["categories"] = Strings(r.Categories);
            }

            entry["storageVersionHash"] = StorageVersionHash(storage.Group, storage.Version, storage.Kind);
            resources.Add(entry);
            if (r.HasStatusSubresource)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = r.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = r.Namespaced,
                    ["kind"] = r.Kind,
                    ["verbs"] = Strings(SubresourceVerbs),
                });
            }

            if (r.Scale is not null)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = r.Plural + "/scale",
                    ["singularName"] = "",
                    ["namespaced"] = r.Namespaced,
                    ["group"] = "autoscaling",
                    ["version"] = "v1",
                    ["kind"] = "Scale",
                    ["verbs"] = Strings(SubresourceVerbs),
                });
            }

            foreach (var sub in subresourcesOf(r).OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                resources.Add(new JsonObject
                {
                    ["name"] = r.Plural + "/" + sub.Name,
                    ["singularName"] = "",
                    ["namespaced"] = r.Namespaced,
                    ["kind"] = sub.Kind ?? r.Kind,
                    ["verbs"] = Strings(sub.Verbs),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group + "/" + version,
            ["resources"] = resources,
        };
    }

    private static JsonObject AggregatedResource(ResourceDefinition r, IReadOnlyList<string> verbs, IReadOnlyList<Rest.SubresourceDefinition> custom)
    {
        var entry = new JsonObject
        {
            ["resource"] = r.Plural,
            ["responseKind"] = Kind("", "", r.Kind),
            ["scope"] = r.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = r.Singular,
            ["verbs"] = Strings(verbs),
        };
        if (r.ShortNames.Count > 0)
        {
            entry["shortNames"] = Strings(r.ShortNames);
        }

        if (r.Categories.Count > 0)
        {
            entry["categories"] = Strings(r.Categories);
        }

        var subresources = new JsonArray();
        if (r.HasStatusSubresource)
        {
            subresources.Add(new JsonObject { ["subresource"] = "status", ["responseKind"] = Kind("", "", r.Kind), ["verbs"] = Strings(SubresourceVerbs) });
        }

        if (r.Scale is not null)
        {
            subresources.Add(new JsonObject { ["subresource"] = "scale", ["responseKind"] = Kind("autoscaling", "v1", "Scale"), ["verbs"] = Strings(SubresourceVerbs) });
        }

        foreach (var sub in custom.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            subresources.Add(new JsonObject { ["subresource"] = sub.Name, ["responseKind"] = Kind("", "", sub.Kind ?? r.Kind), ["verbs"] = Strings(sub.Verbs) });
        }

        if (subresources.Count > 0)
        {
            entry["subresources"] = subresources;
        }

        return entry;
    }

    private static JsonObject Kind(string group, string version, string kind) =>
        new() { ["group"] = group, ["version"] = version, ["kind"] = kind };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}

/// <summary>The discovery documents of one API group, as UTF-8 JSON.</summary>
/// <param name="ApiGroup">The APIGroup document, starting with <see cref="PrecomputedGroupDiscovery.ApiGroupPrefix"/>.</param>
/// <param name="ResourceLists">The APIResourceList of each version.</param>
/// <param name="AggregatedEntry">The group's APIGroupDiscovery.</param>
/// <param name="Precomputed">Whether the documents come from the generator.</param>
internal sealed record GroupDocuments(byte[] ApiGroup, IReadOnlyDictionary<string, byte[]> ResourceLists, byte[] AggregatedEntry, bool Precomputed);
