using System.Text;

namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// Kubernetes' naming rules for OpenAPI: reverse-DNS schema names, operation tags and the
/// group-version part of operation ids. Clients such as kubectl and generated SDKs key on these,
/// so they follow kube-apiserver's spelling rather than anything ApiBuilder-specific.
/// </summary>
internal static class OpenApiNames
{
    /// <summary>Prefix of every meta/v1 schema name.</summary>
    public const string MetaV1 = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    public const string ObjectMeta = MetaV1 + "ObjectMeta";
    public const string ListMeta = MetaV1 + "ListMeta";
    public const string Status = MetaV1 + "Status";
    public const string DeleteOptions = MetaV1 + "DeleteOptions";
    public const string Patch = MetaV1 + "Patch";
    public const string WatchEvent = MetaV1 + "WatchEvent";
    public const string ApiResourceList = MetaV1 + "APIResourceList";

    /// <summary>The autoscaling/v1 Scale every scale subresource speaks.</summary>
    public const string Scale = "io.k8s.api.autoscaling.v1.Scale";

    /// <summary>The Kind the <c>/scale</c> subresource reads and writes.</summary>
    public static readonly GroupVersionKind ScaleKind = new("autoscaling", "v1", "Scale");

    /// <summary>
    /// <c>wardle.example.com</c>, <c>v1alpha1</c>, <c>Flunder</c> → <c>com.example.wardle.v1alpha1.Flunder</c>:
    /// unique across servers, which matters because the aggregator merges every server's v2 definitions.
    /// </summary>
    public static string SchemaName(string group, string version, string kind)
    {
        if (group.Length == 0)
        {
            return $"io.k8s.api.core.{version}.{kind}";
        }

        var labels = group.Split('.');
        Array.Reverse(labels);
        return $"{string.Join('.', labels)}.{version}.{kind}";
    }

    /// <summary>
    /// The tag grouping a group-version's operations, e.g. <c>wardleExampleCom_v1alpha1</c>.
    /// Kubernetes drops the <c>.k8s.io</c> suffix (<c>rbac.authorization.k8s.io</c> → <c>rbacAuthorization</c>)
    /// and calls the legacy group <c>core</c>.
    /// </summary>
    public static string Tag(string group, string version) => $"{GroupIdentifier(group, capitalizeFirst: false)}_{version}";

    /// <summary>
    /// The group-version part of operation ids, e.g. <c>WardleExampleComV1alpha1</c> as in
    /// <c>listWardleExampleComV1alpha1NamespacedFlunder</c>.
    /// </summary>
    public static string OperationPrefix(string group, string version) =>
        GroupIdentifier(group, capitalizeFirst: true) + Capitalize(version);

    private static string GroupIdentifier(string group, bool capitalizeFirst)
    {
        const string KubernetesSuffix = ".k8s.io";
        var name = group.Length == 0 ? "core"
            : group.EndsWith(KubernetesSuffix, StringComparison.Ordinal) ? group[..^KubernetesSuffix.Length]
            : group;

        // Separators vanish and the next letter is upper-cased, as Kubernetes does for operation ids.
        var builder = new StringBuilder(name.Length);
        var upperNext = capitalizeFirst;
        foreach (var c in name)
        {
            if (c is '.' or '-' or '/' or '_')
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        return builder.ToString();
    }

    private static string Capitalize(string value) =>
        value.Length == 0 ? value : char.ToUpperInvariant(value[0]) + value[1..];
}
