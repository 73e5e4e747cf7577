using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Discovery;

/// <summary>
/// Discovery documents, computed once at start-up as UTF-8 JSON: APIGroupList, APIGroup,
/// APIResourceList per group-version, and aggregated discovery (v2 and v2beta1) with its ETag.
/// </summary>
internal sealed class DiscoveryDocuments
{
    private static readonly string[] ResourceVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] SubresourceVerbs = ["get", "patch", "update"];

    private readonly Dictionary<string, byte[]> groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> resourceLists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (byte[] Body, string ETag)> aggregated = new(StringComparer.Ordinal);

    public DiscoveryDocuments(IReadOnlyList<ResourceDefinition> resources)
    {
        var byGroup = resources.GroupBy(r => r.Group).ToList();
        var groupList = new JsonArray();
        var aggregatedItems = new JsonArray();
        foreach (var group in byGroup)
        {
            var versions = group.Select(r => r.Version).Distinct().Order(Comparer<string>.Create(VersionPriority.Compare)).ToList();
            var apiGroup = ApiGroup(group.Key, versions);
            groupList.Add(apiGroup.DeepClone());
            var single = (JsonObject)apiGroup.DeepClone();
            single.Insert(0, "kind", "APIGroup");
            single.Insert(1, "apiVersion", "v1");
            groups[group.Key] = ResponseWriter.ToJson(single);

            var versionItems = new JsonArray();
            foreach (var version in versions)
            {
                var inVersion = group.Where(r => r.Version == version).OrderBy(r => r.Plural, StringComparer.Ordinal).ToList();
                resourceLists[group.Key + "/" + version] = ResponseWriter.ToJson(ResourceList(group.Key, version, inVersion, resources));
                versionItems.Add(new JsonObject
                {
                    ["version"] = version,
                    ["resources"] = new JsonArray([.. inVersion.Select(AggregatedResource)]),
                    ["freshness"] = "Current",
                });
            }

            aggregatedItems.Add(new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = group.Key },
                ["versions"] = versionItems,
            });
        }

        GroupList = ResponseWriter.ToJson(new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groupList });
        foreach (var version in (string[])["v2", "v2beta1"])
        {
            var body = ResponseWriter.ToJson(new JsonObject
            {
                ["kind"] = "APIGroupDiscoveryList",
                ["apiVersion"] = "apidiscovery.k8s.io/" + version,
                ["metadata"] = new JsonObject(),
                ["items"] = aggregatedItems.DeepClone(),
            });
            aggregated[version] = (body, "\"" + Convert.ToHexString(SHA512.HashData(body)) + "\"");
        }
    }

    public byte[] GroupList { get; }

    public byte[]? Group(string group) => groups.GetValueOrDefault(group);

    public byte[]? ResourceList(string group, string version) => resourceLists.GetValueOrDefault(group + "/" + version);

    public (byte[] Body, string ETag) Aggregated(string version) => aggregated[version];

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

    private static JsonObject ResourceList(string group, string version, List<ResourceDefinition> inVersion, IReadOnlyList<ResourceDefinition> all)
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
                ["verbs"] = Strings(ResourceVerbs),
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
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group + "/" + version,
            ["resources"] = resources,
        };
    }

    private static JsonObject AggregatedResource(ResourceDefinition r)
    {
        var entry = new JsonObject
        {
            ["resource"] = r.Plural,
            ["responseKind"] = Kind("", "", r.Kind),
            ["scope"] = r.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = r.Singular,
            ["verbs"] = Strings(ResourceVerbs),
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
