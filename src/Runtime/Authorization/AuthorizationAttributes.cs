using ApiBuilder.Runtime.Authentication;

namespace ApiBuilder.Runtime.Authorization;

/// <summary>What a request asks to do, as a SubjectAccessReview describes it.</summary>
internal sealed record AuthorizationAttributes(
    UserInfo User,
    string Verb,
    bool IsResourceRequest,
    string Path,
    string ApiGroup = "",
    string ApiVersion = "",
    string Namespace = "",
    string Resource = "",
    string Subresource = "",
    string Name = "");

/// <summary>The answer of an authorizer, with the reason shown in a 403.</summary>
internal sealed record AuthorizationDecision(bool Allowed, string Reason = "")
{
    public static readonly AuthorizationDecision Allow = new(true);
}

/// <summary>Decides whether a user may do what a request asks (the seam for delegated SubjectAccessReview).</summary>
internal interface IAuthorizer
{
    ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationAttributes attributes, CancellationToken cancellationToken);
}
