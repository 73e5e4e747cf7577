using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Registry;

/// <summary>Storage keys: <c>/registry/&lt;group&gt;/&lt;plural&gt;/[&lt;namespace&gt;/]&lt;name&gt;</c>, as kube-apiserver lays out etcd.</summary>
internal static class StorageKeys
{
    public static string ResourcePrefix(ResourceDefinition d) => $"/registry/{(d.Group.Length == 0 ? "core" : d.Group)}/{d.Plural}/";

    public static string CollectionPrefix(ResourceDefinition d, string ns) =>
        d.Namespaced && ns.Length > 0 ? ResourcePrefix(d) + ns + "/" : ResourcePrefix(d);

    public static string ObjectKey(ResourceDefinition d, string ns, string name) =>
        d.Namespaced ? ResourcePrefix(d) + ns + "/" + name : ResourcePrefix(d) + name;
}
