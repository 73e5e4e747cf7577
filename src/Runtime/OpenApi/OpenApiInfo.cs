namespace ApiBuilder.Runtime.OpenApi;

/// <summary>The <c>info</c> block of an OpenAPI document: the server's title and version.</summary>
/// <param name="Title">Shown by tools as the API's name, e.g. <c>Wardle</c>.</param>
/// <param name="Version">Version of the server or its API surface, e.g. <c>0.1</c>.</param>
internal sealed record OpenApiInfo(string Title, string Version)
{
    /// <summary>The verbs each resource's storage serves; operations for other verbs are left out. All verbs when null.</summary>
    public Func<Resources.ResourceDefinition, IReadOnlyList<string>>? VerbsOf { get; init; }

    /// <summary>Whether each resource takes server-side apply (its storage keeps managedFields); all do when null.</summary>
    public Func<Resources.ResourceDefinition, bool>? AppliesOf { get; init; }

    /// <summary>The subresources each resource serves with user code.</summary>
    public Func<Resources.ResourceDefinition, IReadOnlyList<Rest.SubresourceDefinition>>? SubresourcesOf { get; init; }
}
