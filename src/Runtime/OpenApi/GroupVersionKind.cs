using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.OpenApi;

/// <summary>A group, version and Kind as OpenAPI's <c>x-kubernetes-group-version-kind</c> names it.</summary>
internal readonly record struct GroupVersionKind(string Group, string Version, string Kind)
{
    /// <summary>The extension's name, shared by operations and schemas.</summary>
    public const string Extension = "x-kubernetes-group-version-kind";

    /// <summary>
    /// The single-object form Kubernetes puts on operations (key order group, version, kind).
    /// kubectl explain and apply match operations to Kinds through it.
    /// </summary>
    public JsonObject ToOperationExtension() => new()
    {
        ["group"] = Group,
        ["version"] = Version,
        ["kind"] = Kind,
    };

    /// <summary>
    /// One element of the array form Kubernetes puts on schemas (key order group, kind, version);
    /// kubectl explain finds a Kind's schema by searching these arrays.
    /// </summary>
    public JsonObject ToSchemaExtensionEntry() => new()
    {
        ["group"] = Group,
        ["kind"] = Kind,
        ["version"] = Version,
    };
}
