namespace ApiBuilder.Runtime.Authentication;

/// <summary>Authenticates a request from one kind of credential (k8s.io/apiserver's <c>authenticator.Request</c>).</summary>
internal interface IRequestAuthenticator
{
    /// <summary>
    /// A user when the credential is valid; <see cref="AuthenticationResult.NoCredentials"/> when there is
    /// none of this kind; Failed when one is present but invalid.
    /// </summary>
    AuthenticationResult Authenticate(AuthenticationRequest request);
}
