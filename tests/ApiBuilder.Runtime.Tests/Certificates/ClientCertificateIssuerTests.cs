using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Certificates;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Certificates;

public sealed class ClientCertificateIssuerTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Issue_PutsTheUserInCnAndOneOPerGroup()
    {
        using var ca = TestPki.CreateCa(_time);

        using var client = ClientCertificateIssuer.Issue(ca, "jane", ["system:masters", "dev"], TimeSpan.FromDays(7), _time);

        Assert.True(client.HasPrivateKey);
        Assert.Equal("CN=jane, O=dev, O=system:masters", client.Subject);
        Assert.Equal(ca.Subject, client.Issuer);
        Assert.Equal(ExtendedKeyUsages.ClientAuthentication, Assert.Single(Assert.Single(client.Extensions.OfType<X509EnhancedKeyUsageExtension>()).EnhancedKeyUsages.Cast<Oid>()).Value);
        Assert.InRange(client.NotAfter.ToUniversalTime() - _time.Now.UtcDateTime, TimeSpan.FromDays(6.9), TimeSpan.FromDays(7));
        Assert.True(CertificateChainVerifier.TryVerify(client, [], [ca], ExtendedKeyUsages.ClientAuthentication, _time.Now, out var error), error);
        Assert.False(CertificateChainVerifier.TryVerify(client, [], [ca], ExtendedKeyUsages.ServerAuthentication, _time.Now, out _));
    }

    [Fact]
    public void Issue_NeverOutlivesTheCa()
    {
        using var ca = TestPki.CreateCa(_time);

        using var client = ClientCertificateIssuer.Issue(ca, "jane", [], TimeSpan.FromDays(36500), _time);

        Assert.Equal(ca.NotAfter, client.NotAfter);
    }

    [Fact]
    public void PemExport_RoundTripsCertificateAndKey()
    {
        using var ca = TestPki.CreateCa(_time);
        using var client = TestPki.IssueClient(ca, "jane", _time, "dev");

        var certificatePem = PemExport.Certificate(client);
        var keyPem = PemExport.PrivateKey(client);
        using var loaded = X509Certificate2.CreateFromPem(certificatePem, keyPem);

        Assert.StartsWith("-----BEGIN CERTIFICATE-----", certificatePem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", keyPem, StringComparison.Ordinal);
        Assert.Equal(client.Thumbprint, loaded.Thumbprint);
        Assert.True(loaded.HasPrivateKey);
    }
}
