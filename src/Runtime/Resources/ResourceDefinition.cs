using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Resources;

/// <summary>
/// Everything the server needs to serve one Kind in one group-version: names for discovery,
/// scope, printer columns, subresources and the OpenAPI schema used for documentation,
/// pruning of unknown fields and validation. The source generator emits one per Kind;
/// servers may also build them by hand.
/// </summary>
public sealed class ResourceDefinition
{
    /// <summary>API group, e.g. <c>wardle.example.com</c>.</summary>
    public required string Group { get; init; }

    /// <summary>API version, e.g. <c>v1alpha1</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Kind in PascalCase, e.g. <c>Flunder</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Plural resource name used in URLs, e.g. <c>flunders</c>.</summary>
    public required string Plural { get; init; }

    /// <summary>Singular resource name; defaults to the lower-cased Kind.</summary>
    public string Singular { get => singular ?? Kind.ToLowerInvariant(); init => singular = value; }

    private readonly string? singular;

    /// <summary>Kind of the list type; <c>&lt;Kind&gt;List</c>.</summary>
    public string ListKind => Kind + "List";

    /// <summary>Whether objects live in a namespace or at cluster scope.</summary>
    public ResourceScope Scope { get; init; } = ResourceScope.Namespaced;

    /// <summary>True when <see cref="Scope"/> is <see cref="ResourceScope.Namespaced"/>.</summary>
    public bool Namespaced => Scope == ResourceScope.Namespaced;

    /// <summary>Short names kubectl accepts, e.g. <c>fl</c>.</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Categories such as <c>all</c>.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Additional columns for Table output (Name comes first and Age last, as for CRDs).</summary>
    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];

    /// <summary>
    /// Fields usable in field selectors besides <c>metadata.name</c> and <c>metadata.namespace</c>, as JSON
    /// paths such as <c>.spec.color</c> to string, integer or boolean fields (a CRD's <c>selectableFields</c>).
    /// </summary>
    public IReadOnlyList<string> SelectableFields { get; init; } = [];

    /// <summary>Whether the <c>status</c> subresource is served (with split spec/status semantics).</summary>
    public bool HasStatusSubresource { get; init; }

    /// <summary>The <c>scale</c> subresource, if any.</summary>
    public ScaleSubresource? Scale { get; init; }

    /// <summary>
    /// OpenAPI v3 structural schema of the object (<c>type: object</c> with properties such as
    /// <c>spec</c> and <c>status</c>). <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> are
    /// added by the server and need not be declared.
    /// </summary>
    public required JsonObject Schema { get; init; }

    /// <summary>Description of the Kind, shown by <c>kubectl explain</c>.</summary>
    public string? Description { get; init; }

    /// <summary>Whether this version is the one objects are persisted in (one per Kind).</summary>
    public bool IsStorageVersion { get; init; } = true;

    /// <summary>
    /// Converts an object of this Kind from the version it is in (its <c>apiVersion</c>) to the
    /// group-version given. Needed only when versions of the Kind differ in shape; when it is
    /// null, conversion just rewrites <c>apiVersion</c>. Every version of a Kind should share one
    /// converter. It receives a copy it may change and returns the converted object.
    /// </summary>
    public ObjectConverter? Converter { get; init; }

    /// <summary><c>group/version</c>.</summary>
    public string GroupVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary><c>plural.group</c>, the qualified resource as Kubernetes prints it in messages.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : Plural + "." + Group;
}

/// <summary>Converts <paramref name="obj"/> to <paramref name="toGroupVersion"/> (e.g. <c>wardle.example.com/v1beta1</c>).</summary>
/// <param name="obj">A copy of the object, in the version its <c>apiVersion</c> names.</param>
/// <param name="toGroupVersion">The group-version to convert to.</param>
/// <returns>The converted object; its <c>apiVersion</c> is set by the caller.</returns>
public delegate System.Text.Json.Nodes.JsonObject ObjectConverter(System.Text.Json.Nodes.JsonObject obj, string toGroupVersion);

/// <summary>Whether a Kind is namespaced or cluster-scoped.</summary>
public enum ResourceScope
{
    /// <summary>Objects live in a namespace.</summary>
    Namespaced,

    /// <summary>Objects are cluster-scoped.</summary>
    Cluster,
}

/// <summary>A Table column, as in a CRD's <c>additionalPrinterColumns</c>.</summary>
/// <param name="Name">Column header.</param>
/// <param name="Type">OpenAPI type: string, integer, number, boolean or date.</param>
/// <param name="JsonPath">kubectl-style JSONPath evaluated against each object, e.g. <c>.spec.reference</c>.</param>
public sealed record PrinterColumn(string Name, string Type, string JsonPath)
{
    /// <summary>Optional OpenAPI format (e.g. <c>int32</c>, <c>name</c>).</summary>
    public string Format { get; init; } = "";

    /// <summary>Human-readable description of the column.</summary>
    public string Description { get; init; } = "";

    /// <summary>0 is shown by default; greater values only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }
}

/// <summary>The <c>scale</c> subresource: where the replica counts and selector live.</summary>
/// <param name="SpecReplicasPath">JSON path of desired replicas, e.g. <c>.spec.replicas</c>.</param>
/// <param name="StatusReplicasPath">JSON path of observed replicas, e.g. <c>.status.replicas</c>.</param>
/// <param name="LabelSelectorPath">Optional JSON path of the label selector string.</param>
public sealed record ScaleSubresource(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath = null);
