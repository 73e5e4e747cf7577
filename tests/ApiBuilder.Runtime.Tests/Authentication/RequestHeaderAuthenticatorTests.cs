using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Tests.Certificates;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Authentication;

public sealed class RequestHeaderAuthenticatorTests : IDisposable
{
    private readonly ManualTimeProvider _time = new();

    private readonly X509Certificate2 _proxyCa;

    private readonly X509Certificate2 _proxyClient;

    public RequestHeaderAuthenticatorTests()
    {
        _proxyCa = TestPki.CreateCa(_time);
        _proxyClient = TestPki.IssueClient(_proxyCa, "front-proxy-client", _time);
    }

    public void Dispose()
    {
        _proxyClient.Dispose();
        _proxyCa.Dispose();
    }

    [Fact]
    public void FrontProxyCertificate_TrustsTheHeaders()
    {
        var headers = Headers(("X-Remote-User", ["alice"]), ("X-Remote-Group", ["dev"]));

        var result = Authenticator().Authenticate(Request(_proxyClient, headers));

        Assert.True(result.IsAuthenticated);
        Assert.Equal("alice", result.User.Name);
        Assert.Equal(["dev"], result.User.Groups);
        Assert.Null(result.User.Uid);
    }

    [Fact]
    public void HeadersWithoutAnyCertificate_AreNeverTrusted()
    {
        var headers = Headers(("X-Remote-User", ["admin"]), ("X-Remote-Group", ["system:masters"]));

        var result = Authenticator().Authenticate(new AuthenticationRequest { Headers = headers });

        Assert.Equal(AuthenticationOutcome.NoCredentials, result.Outcome);
    }

    [Fact]
    public void CertificateFromAnotherCa_FallsThroughWithoutTrustingTheHeaders()
    {
        using var userCa = TestPki.CreateCa(_time);
        using var user = TestPki.IssueClient(userCa, "front-proxy-client", _time);

        var result = Authenticator().Authenticate(Request(user, Headers(("X-Remote-User", ["admin"]))));

        Assert.Equal(AuthenticationOutcome.NoCredentials, result.Outcome);
    }

    [Fact]
    public void ProxyCaCertificateWithoutClientAuthUsage_IsNotTrusted()
    {
        using var server = TestPki.IssueServerOnly(_proxyCa, _time);

        var result = Authenticator().Authenticate(Request(server, Headers(("X-Remote-User", ["admin"]))));

        Assert.Equal(AuthenticationOutcome.NoCredentials, result.Outcome);
    }

    [Fact]
    public void ExpiredProxyCertificate_IsNotTrusted()
    {
        _time.Advance(TimeSpan.FromDays(2));

        var result = Authenticator().Authenticate(Request(_proxyClient, Headers(("X-Remote-User", ["admin"]))));

        Assert.Equal(AuthenticationOutcome.NoCredentials, result.Outcome);
    }

    [Theory]
    [InlineData(new[] { "front-proxy-client" }, true)]
    [InlineData(new[] { "aggregator", "front-proxy-client" }, true)]
    [InlineData(new[] { "aggregator" }, false)]
    [InlineData(new[] { "Front-Proxy-Client" }, false)]
    [InlineData(new string[0], true)]
    public void AllowedNames_RestrictTheProxyCn(string[] allowedNames, bool trusted)
    {
        var authenticator = Authenticator(Options() with { AllowedNames = allowedNames });

        var result = authenticator.Authenticate(Request(_proxyClient, Headers(("X-Remote-User", ["alice"]))));

        Assert.Equal(trusted ? AuthenticationOutcome.Authenticated : AuthenticationOutcome.NoCredentials, result.Outcome);
    }

    [Fact]
    public void Username_IsTheFirstNonEmptyHeaderAndUidIsRead()
    {
        var options = Options() with { UsernameHeaders = ["X-User-A", "X-Remote-User"], UidHeaders = ["X-Remote-Uid"] };
        var headers = Headers(("X-User-A", [""]), ("X-Remote-User", ["alice", "bob"]), ("X-Remote-Uid", ["42"]));

        var result = Authenticator(options).Authenticate(Request(_proxyClient, headers));

        Assert.True(result.IsAuthenticated);
        Assert.Equal("alice", result.User.Name);
        Assert.Equal("42", result.User.Uid);
    }

    [Fact]
    public void EmptyUsername_IsNoCredentials()
    {
        var result = Authenticator().Authenticate(Request(_proxyClient, Headers(("X-Remote-User", [""]), ("X-Remote-Group", ["dev"]))));

        Assert.Equal(AuthenticationOutcome.NoCredentials, result.Outcome);
    }

    [Fact]
    public void Groups_AreEveryNonEmptyValueOfEveryGroupHeaderInOrder()
    {
        var options = Options() with { GroupHeaders = ["X-Remote-Group", "X-Other-Group"] };
        var headers = Headers(
            ("X-Other-Group", ["z"]),
            ("x-remote-group", ["system:masters", "", "dev"]),
            ("X-Remote-User", ["alice"]));

        var result = Authenticator(options).Authenticate(Request(_proxyClient, headers));

        Assert.True(result.IsAuthenticated);
        Assert.Equal(["system:masters", "dev", "z"], result.User.Groups);
    }

    [Fact]
    public void ExtraKeys_AreLowercasedThenPercentDecoded()
    {
        var headers = Headers(
            ("X-Remote-User", ["alice"]),
            ("X-Remote-Extra-Scopes", ["read", "write"]),
            ("x-remote-extra-Example.COM%2fProject", ["p1"]),
            ("X-Remote-Extra-Escaped%41", ["a"]),
            ("X-Remote-Extra-Malformed%zz", ["m"]));

        var result = Authenticator().Authenticate(Request(_proxyClient, headers));

        Assert.True(result.IsAuthenticated);
        var extra = result.User.Extra;
        Assert.Equal(["scopes", "example.com/project", "escapedA", "malformed%zz"], extra.Keys);
        Assert.Equal(["read", "write"], extra["scopes"]);
        Assert.Equal(["p1"], extra["example.com/project"]);
    }

    [Fact]
    public void AfterAuthenticating_TheIdentityHeadersAreRemoved()
    {
        var options = Options() with { UidHeaders = ["X-Remote-Uid"] };
        var headers = Headers(
            ("X-Remote-User", ["alice"]),
            ("X-Remote-Uid", ["42"]),
            ("X-Remote-Group", ["dev"]),
            ("X-Remote-Extra-Scopes", ["read"]),
            ("Accept", ["application/json"]));

        var result = Authenticator(options).Authenticate(Request(_proxyClient, headers));

        Assert.True(result.IsAuthenticated);
        Assert.Equal(["Accept"], headers.Keys);
    }

    private RequestHeaderOptions Options() => new() { ClientCertificateAuthorities = [TestPki.PublicOnly(_proxyCa)] };

    private RequestHeaderAuthenticator Authenticator(RequestHeaderOptions? options = null) => new(options ?? Options(), _time);

    private static AuthenticationRequest Request(X509Certificate2 client, IHeaderDictionary headers) => new()
    {
        ClientCertificate = TestPki.PublicOnly(client),
        Headers = headers,
    };

    internal static HeaderDictionary Headers(params (string Name, string[] Values)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, values) in headers)
        {
            dictionary[name] = new StringValues(values);
        }

        return dictionary;
    }
}
