namespace ApiBuilder.Runtime.Authentication;

/// <summary>
/// Authenticates a request from one kind of credential (k8s.io/apiserver's <c>authenticator.Request</c>).
/// Add your own with <see cref="Server.ApiServerBuilder.AddAuthenticator"/>: it runs after the
/// built-in front-proxy, client-certificate and bearer-token authenticators.
/// </summary>
public interface IAuthenticator
{
    /// <summary>
    /// A user when the credential is valid; <see cref="AuthenticationResult.NoCredentials"/> when there is
    /// none of this kind (the next authenticator is asked); <see cref="AuthenticationResult.Failed"/> when one
    /// is present but invalid (the request is answered 401 without asking further).
    /// </summary>
    /// <param name="request">What the request carries.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationRequest request, CancellationToken cancellationToken);
}
