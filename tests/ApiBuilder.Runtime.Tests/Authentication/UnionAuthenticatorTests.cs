using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Tests.Certificates;
using Microsoft.AspNetCore.Http;
using Xunit;
using static ApiBuilder.Runtime.Tests.Authentication.RequestHeaderAuthenticatorTests;

namespace ApiBuilder.Runtime.Tests.Authentication;

public sealed class UnionAuthenticatorTests : IDisposable
{
    private readonly ManualTimeProvider _time = new();

    private readonly X509Certificate2 _proxyCa;

    private readonly X509Certificate2 _clientCa;

    public UnionAuthenticatorTests()
    {
        _proxyCa = TestPki.CreateCa(_time);
        _clientCa = TestPki.CreateCa(_time);
    }

    public void Dispose()
    {
        _proxyCa.Dispose();
        _clientCa.Dispose();
    }

    [Fact]
    public async Task RequestHeader_ComesBeforeClientCertificate()
    {
        // The proxy's certificate would also pass as a user certificate: the headers must still win.
        using var proxy = TestPki.IssueClient(_proxyCa, "front-proxy-client", _time);
        var union = Union(clientCas: [_proxyCa, _clientCa]);

        var result = await union.AuthenticateAsync(Request(proxy, Headers(("X-Remote-User", ["alice"]), ("X-Remote-Group", ["dev"]))), default);

        Assert.True(result.IsAuthenticated);
        Assert.Equal("alice", result.User.Name);
        Assert.Equal(["dev", UserInfo.AllAuthenticated], result.User.Groups);
    }

    [Fact]
    public async Task ClientCertificate_IsUsedWhenNoFrontProxyIsInvolved_AndIdentityHeadersAreStripped()
    {
        using var client = TestPki.IssueClient(_clientCa, "jane", _time, "ops");
        var headers = Headers(("X-Remote-User", ["admin"]), ("X-Remote-Group", ["system:masters"]));

        var result = await Union().AuthenticateAsync(Request(client, headers), default);

        Assert.True(result.IsAuthenticated);
        Assert.Equal("jane", result.User.Name);
        Assert.Equal(["ops", UserInfo.AllAuthenticated], result.User.Groups);
        Assert.Empty(headers);
    }

    [Fact]
    public async Task InvalidCredential_FailsWithoutFallingBackToAnonymousOrLaterAuthenticators()
    {
        using var strangerCa = TestPki.CreateCa(_time);
        using var stranger = TestPki.IssueClient(strangerCa, "mallory", _time);
        var token = new StubAuthenticator(AuthenticationResult.Authenticated(new UserInfo("token-user", null, [], UserInfo.NoExtra)));

        var result = await Union(token: token, anonymous: true).AuthenticateAsync(Request(stranger, new HeaderDictionary()) with { BearerToken = "t" }, default);

        Assert.Equal(AuthenticationOutcome.Failed, result.Outcome);
        Assert.Equal(0, token.Calls);
    }

    [Fact]
    public async Task Token_IsTriedThirdAndGetsTheAuthenticatedGroupOnce()
    {
        var token = new StubAuthenticator(AuthenticationResult.Authenticated(
            new UserInfo("sa", "uid-1", [UserInfo.AllAuthenticated, "system:serviceaccounts"], UserInfo.NoExtra)));

        var result = await Union(token: token).AuthenticateAsync(new AuthenticationRequest { Headers = new HeaderDictionary(), BearerToken = "t" }, default);

        Assert.True(result.IsAuthenticated);
        Assert.Equal(1, token.Calls);
        Assert.Equal([UserInfo.AllAuthenticated, "system:serviceaccounts"], result.User.Groups);
    }

    [Fact]
    public async Task FrontProxyCertificateWithoutUser_FailsNamingTheMissingHeaderNotTheIssuer()
    {
        using var proxy = TestPki.IssueClient(_proxyCa, "front-proxy-client", _time);

        var result = await Union().AuthenticateAsync(Request(proxy, new HeaderDictionary()), default);

        Assert.Equal(AuthenticationOutcome.Failed, result.Outcome);
        Assert.Contains("signed by the request-header (front-proxy) CA", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("names no user in X-Remote-User", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrontProxyCertificateWithAnotherName_IsNotTrustedAndSaysWhy()
    {
        using var other = TestPki.IssueClient(_proxyCa, "someone-else", _time);

        var result = await Union().AuthenticateAsync(Request(other, Headers(("X-Remote-User", ["admin"]))), default);

        Assert.Equal(AuthenticationOutcome.Failed, result.Outcome);
        Assert.Contains("not in requestheader-allowed-names [front-proxy-client]", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCredentials_WithAnonymousDisabled_IsNoCredentials()
    {
        var result = await Union(anonymous: false).AuthenticateAsync(new AuthenticationRequest { Headers = new HeaderDictionary() }, default);

        Assert.Equal(AuthenticationOutcome.NoCredentials, result.Outcome);
    }

    [Fact]
    public async Task ForgedHeadersWithoutCertificate_WithAnonymousEnabled_AreAnonymous()
    {
        var headers = Headers(("X-Remote-User", ["admin"]), ("X-Remote-Group", ["system:masters"]), ("X-Remote-Extra-Scopes", ["all"]));

        var result = await Union(anonymous: true).AuthenticateAsync(new AuthenticationRequest { Headers = headers }, default);

        Assert.True(result.IsAuthenticated);
        Assert.Equal(UserInfo.Anonymous, result.User.Name);
        Assert.Equal([UserInfo.AllUnauthenticated], result.User.Groups);
        Assert.Empty(headers);
    }

    private UnionAuthenticator Union(
        X509Certificate2[]? clientCas = null, IAuthenticator? token = null, bool anonymous = false) => new(
        new RequestHeaderAuthenticator(
            new RequestHeaderOptions { ClientCertificateAuthorities = [TestPki.PublicOnly(_proxyCa)], AllowedNames = ["front-proxy-client"] },
            _time),
        new ClientCertificateAuthenticator([.. (clientCas ?? [_clientCa]).Select(TestPki.PublicOnly)], _time),
        token,
        anonymous);

    private static AuthenticationRequest Request(X509Certificate2 client, IHeaderDictionary headers) => new()
    {
        ClientCertificate = TestPki.PublicOnly(client),
        Headers = headers,
    };

    private sealed class StubAuthenticator(AuthenticationResult result) : IAuthenticator
    {
        public int Calls { get; private set; }

        public ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            return ValueTask.FromResult(request.BearerToken is null ? AuthenticationResult.NoCredentials : result);
        }
    }
}
