namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// One HTTP operation on a path, in a form both the v3 and the v2 writer render. Planning the
/// operations once keeps the two documents from drifting apart.
/// </summary>
/// <param name="Method">Lower-case HTTP method as OpenAPI spells the path-item key (<c>get</c>, <c>patch</c>, …).</param>
/// <param name="Action">Value of <c>x-kubernetes-action</c>, or null for non-resource operations.</param>
/// <param name="OperationId">Kubernetes-style id, e.g. <c>patchWardleExampleComV1alpha1NamespacedFlunder</c>.</param>
/// <param name="Description">Short sentence such as <c>read the specified Flunder</c>.</param>
/// <param name="Tag">Tag grouping the group-version's operations.</param>
/// <param name="Kind">Value of <c>x-kubernetes-group-version-kind</c>, or null for non-resource operations.</param>
/// <param name="Parameters">Operation-level query parameters, sorted by name as Kubernetes sorts them.</param>
/// <param name="Body">The request body, if the operation takes one.</param>
/// <param name="Responses">Responses in status-code order.</param>
/// <param name="Streams">True for list operations, which also answer <c>?watch=true</c> with a JSON event stream.</param>
internal sealed record ApiOperation(
    string Method,
    string? Action,
    string OperationId,
    string Description,
    string Tag,
    GroupVersionKind? Kind,
    IReadOnlyList<ApiParameter> Parameters,
    ApiRequestBody? Body,
    IReadOnlyList<ApiResponse> Responses,
    bool Streams = false);

/// <summary>A request body: the schema it must match and the media types the server decodes.</summary>
/// <param name="Schema">Component/definition name of the body's schema.</param>
/// <param name="MediaTypes">Content types accepted, in the order they are advertised.</param>
/// <param name="Required">Whether a body must be sent (delete options are optional).</param>
internal sealed record ApiRequestBody(string Schema, IReadOnlyList<string> MediaTypes, bool Required);

/// <summary>A response: status code, its short description and the schema of the body, if any.</summary>
internal sealed record ApiResponse(string Code, string Description, string? Schema);

/// <summary>A path and what may be done there.</summary>
/// <param name="Key">The literal path key, with <c>{namespace}</c> and <c>{name}</c> placeholders.</param>
/// <param name="Parameters">Path-item parameters: the path placeholders and <c>pretty</c>, sorted by name.</param>
/// <param name="Operations">Operations in the order Kubernetes writes them (get, put, post, delete, patch).</param>
internal sealed record ApiPath(string Key, IReadOnlyList<ApiParameter> Parameters, IReadOnlyList<ApiOperation> Operations);
