using ApiBuilder.Runtime.Authentication;

namespace ApiBuilder.Runtime.Authorization;

/// <summary>
/// What a request asks to do, as k8s.io/apiserver's <c>authorizer.Attributes</c> and a
/// SubjectAccessReview describe it.
/// </summary>
/// <param name="User">The authenticated user (name, uid, groups, extra).</param>
/// <param name="Verb">
/// For resource requests the Kubernetes verb (<c>get</c>, <c>list</c>, <c>watch</c>, <c>create</c>, <c>update</c>,
/// <c>patch</c>, <c>delete</c>, <c>deletecollection</c>); for other paths the lowercase HTTP method.
/// </param>
/// <param name="IsResourceRequest">Whether the path addresses a resource (<c>/apis/&lt;group&gt;/&lt;version&gt;/...</c>).</param>
/// <param name="Path">The request path.</param>
/// <param name="ApiGroup">The resource's API group.</param>
/// <param name="ApiVersion">The API version.</param>
/// <param name="Namespace">The namespace, empty for cluster-scoped requests and all-namespace lists.</param>
/// <param name="Resource">The resource (plural), e.g. <c>flunders</c>.</param>
/// <param name="Subresource">The subresource, e.g. <c>status</c>, or empty.</param>
/// <param name="Name">The object's name; for a list or watch pinned by <c>metadata.name</c>, that name.</param>
public sealed record AuthorizationAttributes(
    UserInfo User,
    string Verb,
    bool IsResourceRequest,
    string Path,
    string ApiGroup = "",
    string ApiVersion = "",
    string Namespace = "",
    string Resource = "",
    string Subresource = "",
    string Name = "")
{
    /// <summary>
    /// The <c>fieldSelector</c> of a list, watch or deletecollection, as written in the query (k8s.io/apiserver's
    /// <c>AuthorizeWithSelectors</c>, on by default since Kubernetes 1.32); empty otherwise.
    /// </summary>
    public string FieldSelector { get; init; } = "";

    /// <summary>The <c>labelSelector</c> of a list, watch or deletecollection, as written in the query; empty otherwise.</summary>
    public string LabelSelector { get; init; } = "";

    /// <summary>Whether the verb only reads (<c>get</c>, <c>list</c>, <c>watch</c>), as ABAC's <c>readonly</c> means.</summary>
    public bool IsReadOnly => Verb is "get" or "list" or "watch";
}
