using ApiBuilder.Runtime.Authentication;

namespace ApiBuilder.Runtime.Authorization;

/// <summary>
/// The policy of a server without delegated authorization: authenticated users may do
/// everything; anonymous users get only what Kubernetes' default roles give
/// <c>system:unauthenticated</c> (<c>system:public-info-viewer</c>: health and version).
/// </summary>
internal sealed class DefaultAuthorizer : IAuthorizer
{
    private static readonly string[] PublicPaths = ["/healthz", "/livez", "/readyz", "/version", "/version/"];

    public ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationAttributes attributes, CancellationToken cancellationToken)
    {
        var anonymous = attributes.User.Groups.Contains(UserInfo.AllUnauthenticated) || attributes.User.Name == UserInfo.Anonymous;
        if (!anonymous)
        {
            return ValueTask.FromResult(AuthorizationDecision.Allow);
        }

        var allowed = !attributes.IsResourceRequest && attributes.Verb == "get" && PublicPaths.Contains(attributes.Path);
        return ValueTask.FromResult(allowed ? AuthorizationDecision.Allow : new AuthorizationDecision(false));
    }
}
