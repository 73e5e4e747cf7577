namespace ApiBuilder.Runtime.Authentication;

/// <summary>
/// The generic apiserver's delegating authenticator (<c>authenticatorfactory/delegating.go</c>): tries
/// request-header, client certificate, then bearer token, in that order; the first user found wins
/// and gets the <c>system:authenticated</c> group. A credential that fails ends the request with 401,
/// without falling back to anonymous. Only when no authenticator finds a credential does anonymous
/// access apply, if enabled.
/// </summary>
/// <param name="requestHeader">Front-proxy authentication; null outside the aggregation layer.</param>
/// <param name="clientCertificate">Client certificates against <c>--client-ca-file</c>; null when none is configured.</param>
/// <param name="token">
/// Bearer tokens (TokenReview against kube-apiserver, to come): runs third, as in Kubernetes.
/// </param>
/// <param name="anonymousEnabled">Whether requests without credentials become <c>system:anonymous</c>.</param>
internal sealed class UnionAuthenticator(
    RequestHeaderAuthenticator? requestHeader,
    ClientCertificateAuthenticator? clientCertificate,
    IRequestAuthenticator? token,
    bool anonymousEnabled) : IRequestAuthenticator
{
    private readonly IRequestAuthenticator[] _authenticators =
        new IRequestAuthenticator?[] { requestHeader, clientCertificate, token }.OfType<IRequestAuthenticator>().ToArray();

    public AuthenticationResult Authenticate(AuthenticationRequest request)
    {
        foreach (var authenticator in _authenticators)
        {
            var result = authenticator.Authenticate(request);
            switch (result.Outcome)
            {
                case AuthenticationOutcome.Authenticated:
                    requestHeader?.ClearHeaders(request.Headers);
                    return AuthenticationResult.Authenticated(WithAuthenticatedGroup(result.User!));
                case AuthenticationOutcome.Failed:
                    return result;
            }
        }

        if (!anonymousEnabled)
        {
            return AuthenticationResult.NoCredentials;
        }

        // Headers a client set on an anonymous request are as unverified as any other.
        requestHeader?.ClearHeaders(request.Headers);
        return AuthenticationResult.Authenticated(UserInfo.AnonymousUser);
    }

    /// <summary>Appends <c>system:authenticated</c> unless the user already is in it or in <c>system:unauthenticated</c>.</summary>
    private static UserInfo WithAuthenticatedGroup(UserInfo user) =>
        user.Groups.Contains(UserInfo.AllAuthenticated, StringComparer.Ordinal)
            || user.Groups.Contains(UserInfo.AllUnauthenticated, StringComparer.Ordinal)
            ? user
            : user with { Groups = [.. user.Groups, UserInfo.AllAuthenticated] };
}
