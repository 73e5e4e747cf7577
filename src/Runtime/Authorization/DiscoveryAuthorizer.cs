using ApiBuilder.Runtime.Authentication;

namespace ApiBuilder.Runtime.Authorization;

/// <summary>
/// Kubernetes' default cluster roles for reading what a server offers, applied when no cluster is
/// asked: <c>system:discovery</c> (bound to <c>system:authenticated</c>: discovery, OpenAPI, version,
/// health) and <c>system:public-info-viewer</c> (bound to everyone: version and health). Everything
/// else gets no opinion here.
/// </summary>
internal sealed class DiscoveryAuthorizer : IAuthorizer
{
    private static readonly string[] PublicInfo = ["/healthz", "/livez", "/readyz", "/version", "/version/"];

    private static readonly string[] DiscoveryExact = ["/api", "/apis", "/openapi"];

    private static readonly string[] DiscoveryPrefixes = ["/api/", "/apis/", "/openapi/"];

    public ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationAttributes a, CancellationToken cancellationToken)
    {
        if (a.IsResourceRequest || a.Verb != "get")
        {
            return ValueTask.FromResult(AuthorizationDecision.NoOpinion);
        }

        var allowed = PublicInfo.Contains(a.Path, StringComparer.Ordinal)
            || (a.User.Groups.Contains(UserInfo.AllAuthenticated, StringComparer.Ordinal)
                && (DiscoveryExact.Contains(a.Path, StringComparer.Ordinal) || DiscoveryPrefixes.Any(p => a.Path.StartsWith(p, StringComparison.Ordinal))));
        return ValueTask.FromResult(allowed ? AuthorizationDecision.Allow : AuthorizationDecision.NoOpinion);
    }
}
