using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Tests.Certificates;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Authentication;

public sealed class ClientCertificateAuthenticatorTests : IDisposable
{
    private readonly ManualTimeProvider _time = new();

    private readonly X509Certificate2 _ca;

    public ClientCertificateAuthenticatorTests()
    {
        _ca = TestPki.CreateCa(_time);
    }

    public void Dispose() => _ca.Dispose();

    [Fact]
    public void CertificateFromTrustedCa_IsTheUserWithOrganizationsAsGroups()
    {
        using var client = TestPki.IssueClient(_ca, "jane", _time, "dev", "ops");

        var result = Authenticator().Authenticate(Request(client));

        Assert.True(result.IsAuthenticated, result.FailureReason);
        Assert.Equal("jane", result.User.Name);
        Assert.Null(result.User.Uid);
        Assert.Equal(["dev", "ops"], result.User.Groups);
        Assert.Empty(result.User.Extra);
    }

    [Fact]
    public void ARememberedCertificate_StillExpiresOnTime()
    {
        using var client = TestPki.IssueClient(_ca, "jane", _time, "dev");
        var authenticator = Authenticator();
        Assert.True(authenticator.Authenticate(Request(client)).IsAuthenticated);
        Assert.True(authenticator.Authenticate(Request(client)).IsAuthenticated);

        // The client certificate is valid for one day: a day and a bit later it must fail, remembered or not.
        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(2));

        Assert.Equal(AuthenticationOutcome.Failed, authenticator.Authenticate(Request(client)).Outcome);
    }

    [Fact]
    public void NoCertificate_IsNoCredentials()
    {
        var result = Authenticator().Authenticate(new AuthenticationRequest { Headers = new HeaderDictionary() });

        Assert.Equal(AuthenticationOutcome.NoCredentials, result.Outcome);
    }

    [Fact]
    public void CertificateFromAnotherCa_Fails()
    {
        using var otherCa = TestPki.CreateCa(_time);
        using var client = TestPki.IssueClient(otherCa, "mallory", _time, "system:masters");

        var result = Authenticator().Authenticate(Request(client));

        Assert.Equal(AuthenticationOutcome.Failed, result.Outcome);
        Assert.Contains("CN=mallory", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void SelfSignedCertificateImitatingTheCa_Fails()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(_ca.SubjectName, key, HashAlgorithmName.SHA256);
        using var forged = request.CreateSelfSigned(_time.Now.AddHours(-1), _time.Now.AddDays(1));

        var result = Authenticator().Authenticate(Request(forged));

        Assert.Equal(AuthenticationOutcome.Failed, result.Outcome);
    }

    [Fact]
    public void ExpiredCertificate_Fails()
    {
        using var client = ClientCertificateIssuer(TimeSpan.FromHours(1));
        _time.Advance(TimeSpan.FromHours(2));

        var result = Authenticator().Authenticate(Request(client));

        Assert.Equal(AuthenticationOutcome.Failed, result.Outcome);
    }

    [Fact]
    public void CertificateNotYetValid_Fails()
    {
        var issuedAt = _time.Now;
        _time.Advance(TimeSpan.FromDays(2));
        using var client = ClientCertificateIssuer(TimeSpan.FromDays(1));
        _time.Now = issuedAt;

        var result = Authenticator().Authenticate(Request(client));

        Assert.Equal(AuthenticationOutcome.Failed, result.Outcome);
    }

    [Fact]
    public void CertificateWithoutClientAuthUsage_Fails()
    {
        using var server = TestPki.IssueServerOnly(_ca, _time);

        var result = Authenticator().Authenticate(Request(server));

        Assert.Equal(AuthenticationOutcome.Failed, result.Outcome);
    }

    [Fact]
    public void CertificateFromIntermediate_VerifiesWithTheChainTheClientSent()
    {
        using var intermediate = TestPki.CreateIntermediate(_ca, "team-ca", _time);
        using var client = TestPki.IssueClient(intermediate, "jane", _time, "dev");
        using var intermediatePublic = TestPki.PublicOnly(intermediate);

        var withChain = Authenticator().Authenticate(Request(client) with { ClientChain = [intermediatePublic] });
        var withoutChain = Authenticator().Authenticate(Request(client));

        Assert.True(withChain.IsAuthenticated, withChain.FailureReason);
        Assert.Equal("jane", withChain.User.Name);
        Assert.Equal(AuthenticationOutcome.Failed, withoutChain.Outcome);
    }

    [Fact]
    public void NoTrustedCas_IgnoresCertificates()
    {
        using var client = TestPki.IssueClient(_ca, "jane", _time);

        var result = new ClientCertificateAuthenticator([], _time).Authenticate(Request(client));

        Assert.Equal(AuthenticationOutcome.NoCredentials, result.Outcome);
    }

    private X509Certificate2 ClientCertificateIssuer(TimeSpan validity) =>
        Runtime.Certificates.ClientCertificateIssuer.Issue(_ca, "jane", ["dev"], validity, _time);

    private ClientCertificateAuthenticator Authenticator() => new([TestPki.PublicOnly(_ca)], _time);

    private static AuthenticationRequest Request(X509Certificate2 client) => new()
    {
        ClientCertificate = TestPki.PublicOnly(client),
        Headers = new HeaderDictionary(),
    };
}
