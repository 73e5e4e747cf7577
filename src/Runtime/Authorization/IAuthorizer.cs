namespace ApiBuilder.Runtime.Authorization;

/// <summary>
/// Decides whether a user may do what a request asks (k8s.io/apiserver's <c>authorizer.Authorizer</c>).
/// Add your own with <see cref="Server.ApiServerBuilder.AddAuthorizer"/>: it is asked after the
/// always-allowed paths and groups and before the built-in policy (SubjectAccessReview in a cluster,
/// the local policy file otherwise). The first Allow or Deny wins; when every authorizer has no
/// opinion the request is forbidden. An authorizer that throws fails the request with 500, never allows it.
/// </summary>
public interface IAuthorizer
{
    /// <summary>Allow, deny, or no opinion about <paramref name="attributes"/>.</summary>
    /// <param name="attributes">Who asks to do what.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationAttributes attributes, CancellationToken cancellationToken);
}
