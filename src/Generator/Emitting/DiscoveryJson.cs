using System.Collections.Generic;
using System.Linq;
using ApiBuilder.Generator.Model;

namespace ApiBuilder.Generator.Emitting
{
    /// <summary>
    /// A group's discovery documents as the runtime writes them (<c>Runtime/Discovery/DiscoveryDocuments</c>):
    /// compact JSON, members in the same order, the same verbs. A test compares both byte for byte, so
    /// change them together. Only for <see cref="DiscoveryGroup.Precomputed"/> groups, whose strings are
    /// printable ASCII, where <see cref="JsonText.Quote"/> escapes as the runtime's writer does.
    /// </summary>
    internal static class DiscoveryJson
    {
        private static readonly string ResourceVerbs = JsonText.Array(new[] { "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch" });
        private static readonly string SubresourceVerbs = JsonText.Array(new[] { "get", "patch", "update" });

        /// <summary>The APIGroup document (<c>/apis/&lt;group&gt;</c>).</summary>
        public static string ApiGroup(DiscoveryGroup group)
        {
            var preferred = group.Versions[0].Version;
            return new JsonObjectText()
                .AddString("kind", "APIGroup")
                .AddString("apiVersion", "v1")
                .AddString("name", group.Name)
                .Add("versions", List(group.Versions.Select(v => GroupVersion(group.Name, v.Version))))
                .Add("preferredVersion", GroupVersion(group.Name, preferred))
                .ToString();
        }

        /// <summary>The APIResourceList of one version (<c>/apis/&lt;group&gt;/&lt;version&gt;</c>).</summary>
        public static string ResourceList(DiscoveryGroup group, DiscoveryVersion version)
        {
            var resources = new List<string>();
            foreach (var entry in version.Resources)
            {
                var r = entry.Resource;
                var resource = new JsonObjectText()
                    .AddString("name", r.Plural)
                    .AddString("singularName", r.Singular)
                    .Add("namespaced", Bool(r.Namespaced))
                    .AddString("kind", r.Kind)
                    .Add("verbs", ResourceVerbs);
                Strings(resource, "shortNames", r.ShortNames);
                Strings(resource, "categories", r.Categories);
                resources.Add(resource.AddString("storageVersionHash", entry.StorageVersionHash).ToString());
                if (r.StatusSubresource)
                {
                    resources.Add(new JsonObjectText()
                        .AddString("name", r.Plural + "/status")
                        .AddString("singularName", "")
                        .Add("namespaced", Bool(r.Namespaced))
                        .AddString("kind", r.Kind)
                        .Add("verbs", SubresourceVerbs)
                        .ToString());
                }

                if (r.ScaleSubresource)
                {
                    resources.Add(new JsonObjectText()
                        .AddString("name", r.Plural + "/scale")
                        .AddString("singularName", "")
                        .Add("namespaced", Bool(r.Namespaced))
                        .AddString("group", "autoscaling")
                        .AddString("version", "v1")
                        .AddString("kind", "Scale")
                        .Add("verbs", SubresourceVerbs)
                        .ToString());
                }
            }

            return new JsonObjectText()
                .AddString("kind", "APIResourceList")
                .AddString("apiVersion", "v1")
                .AddString("groupVersion", group.Name + "/" + version.Version)
                .Add("resources", List(resources))
                .ToString();
        }

        /// <summary>The group's APIGroupDiscovery, its item of aggregated discovery (<c>/apis</c>, apidiscovery.k8s.io v2 and v2beta1).</summary>
        public static string AggregatedEntry(DiscoveryGroup group) =>
            new JsonObjectText()
                .Add("metadata", new JsonObjectText().AddString("name", group.Name).ToString())
                .Add("versions", List(group.Versions.Select(v => new JsonObjectText()
                    .AddString("version", v.Version)
                    .Add("resources", List(v.Resources.Select(e => AggregatedResource(e.Resource))))
                    .AddString("freshness", "Current")
                    .ToString())))
                .ToString();

        private static string AggregatedResource(DiscoveryResource r)
        {
            var resource = new JsonObjectText()
                .AddString("resource", r.Plural)
                .Add("responseKind", Kind("", "", r.Kind))
                .AddString("scope", r.Namespaced ? "Namespaced" : "Cluster")
                .AddString("singularResource", r.Singular)
                .Add("verbs", ResourceVerbs);
            Strings(resource, "shortNames", r.ShortNames);
            Strings(resource, "categories", r.Categories);
            var subresources = new List<string>();
            if (r.StatusSubresource)
            {
                subresources.Add(new JsonObjectText().AddString("subresource", "status").Add("responseKind", Kind("", "", r.Kind)).Add("verbs", SubresourceVerbs).ToString());
            }

            if (r.ScaleSubresource)
            {
                subresources.Add(new JsonObjectText().AddString("subresource", "scale").Add("responseKind", Kind("autoscaling", "v1", "Scale")).Add("verbs", SubresourceVerbs).ToString());
            }

            if (subresources.Count > 0)
            {
                resource.Add("subresources", List(subresources));
            }

            return resource.ToString();
        }

        private static string GroupVersion(string group, string version) =>
            new JsonObjectText().AddString("groupVersion", group + "/" + version).AddString("version", version).ToString();

        private static string Kind(string group, string version, string kind) =>
            new JsonObjectText().AddString("group", group).AddString("version", version).AddString("kind", kind).ToString();

        private static void Strings(JsonObjectText json, string name, EquatableArray<string> values)
        {
            if (values.Count > 0)
            {
                json.Add(name, JsonText.Array(values));
            }
        }

        private static string Bool(bool value) => value ? "true" : "false";

        private static string List(IEnumerable<string> rawJson) => "[" + string.Join(",", rawJson) + "]";
    }
}
