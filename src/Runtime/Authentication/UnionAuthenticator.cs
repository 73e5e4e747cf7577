namespace ApiBuilder.Runtime.Authentication;

/// <summary>
/// The generic apiserver's delegating authenticator (<c>authenticatorfactory/delegating.go</c>): tries
/// request-header, client certificate, bearer token (TokenReview), then the authenticators a user
/// added, in that order; the first user found wins and gets the <c>system:authenticated</c> group. A
/// credential that fails ends the request with 401, without falling back to anonymous. Only when no
/// authenticator finds a credential does anonymous access apply, if enabled.
/// </summary>
/// <param name="certificates">
/// The front-proxy and client-certificate authenticators in force, read once per request: they change
/// when the <c>extension-apiserver-authentication</c> ConfigMap does.
/// </param>
/// <param name="others">Bearer-token and user-added authenticators, asked after the certificate ones.</param>
/// <param name="anonymousEnabled">Whether requests without credentials become <c>system:anonymous</c>.</param>
internal sealed class UnionAuthenticator(Func<CertificateAuthenticators> certificates, IReadOnlyList<IAuthenticator> others, bool anonymousEnabled)
    : IAuthenticator
{
    /// <summary>A union with fixed certificate authenticators.</summary>
    public UnionAuthenticator(
        RequestHeaderAuthenticator? requestHeader, ClientCertificateAuthenticator? clientCertificate, IAuthenticator? token, bool anonymousEnabled)
        : this(Fixed(new CertificateAuthenticators(requestHeader, clientCertificate)), token is null ? [] : [token], anonymousEnabled)
    {
    }

    public async ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationRequest request, CancellationToken cancellationToken)
    {
        var current = certificates();
        var requestHeader = current.RequestHeader;
        if (requestHeader?.Authenticate(request) is { Outcome: AuthenticationOutcome.Authenticated } proxied)
        {
            return AuthenticationResult.Authenticated(WithAuthenticatedGroup(proxied.User!));
        }

        var result = current.ClientCertificate?.Authenticate(request) ?? AuthenticationResult.NoCredentials;
        if (result.Outcome == AuthenticationOutcome.Failed && requestHeader?.ExplainRejectedFrontProxy(request) is { } cause)
        {
            // A front-proxy certificate is not a user certificate: name why it was not taken as the front proxy.
            return AuthenticationResult.Failed(cause);
        }

        for (var i = 0; result.Outcome == AuthenticationOutcome.NoCredentials && i < others.Count; i++)
        {
            result = await others[i].AuthenticateAsync(request, cancellationToken).ConfigureAwait(false);
        }

        switch (result.Outcome)
        {
            case AuthenticationOutcome.Authenticated:
                requestHeader?.ClearHeaders(request.Headers);
                return AuthenticationResult.Authenticated(WithAuthenticatedGroup(result.User!));
            case AuthenticationOutcome.Failed:
                return result;
        }

        if (!anonymousEnabled)
        {
            return AuthenticationResult.NoCredentials;
        }

        // Headers a client set on an anonymous request are as unverified as any other.
        requestHeader?.ClearHeaders(request.Headers);
        return AuthenticationResult.Authenticated(UserInfo.AnonymousUser);
    }

    private static Func<CertificateAuthenticators> Fixed(CertificateAuthenticators value) => () => value;

    /// <summary>Appends <c>system:authenticated</c> unless the user already is in it or in <c>system:unauthenticated</c>.</summary>
    private static UserInfo WithAuthenticatedGroup(UserInfo user) =>
        user.Groups.Contains(UserInfo.AllAuthenticated, StringComparer.Ordinal)
            || user.Groups.Contains(UserInfo.AllUnauthenticated, StringComparer.Ordinal)
            ? user
            : user with { Groups = [.. user.Groups, UserInfo.AllAuthenticated] };
}
