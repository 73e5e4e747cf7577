using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Certificates;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Certificates;

public sealed class CertificateDirectoryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private readonly ManualTimeProvider _time = new();

    private string CertDir => _temp.Combine("apiserver.local.config", "certificates");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void FirstStart_GeneratesCaAndServingCertificateSignedByIt()
    {
        using var certificates = CertificateDirectory.LoadOrCreate(
            CertDir, ["api.demo.svc", "api.demo.svc.cluster.local"], [IPAddress.Parse("10.0.0.7")], _time);

        foreach (var file in new[] { "ca.crt", "ca.key", "apiserver.crt", "apiserver.key" })
        {
            Assert.True(File.Exists(Path.Combine(CertDir, file)), file);
        }

        var ca = certificates.LocalCertificateAuthority!;
        Assert.True(ca.HasPrivateKey);
        Assert.Equal($"CN=apibuilder-ca@{_time.Now.ToUnixTimeSeconds()}", ca.Subject);
        Assert.Equal(ca.Subject, ca.Issuer);
        var constraints = Assert.Single(ca.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.Critical);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, Assert.Single(ca.Extensions.OfType<X509KeyUsageExtension>()).KeyUsages);
        var caKeyId = Assert.Single(ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>()).SubjectKeyIdentifier;
        Assert.InRange(ca.NotAfter.ToUniversalTime() - _time.Now.UtcDateTime, TimeSpan.FromDays(3649), TimeSpan.FromDays(3651));

        var serving = certificates.ServingCertificate;
        Assert.True(serving.HasPrivateKey);
        Assert.Equal("CN=api.demo.svc", serving.Subject);
        Assert.Equal(ca.Subject, serving.Issuer);
        Assert.Equal(ExtendedKeyUsages.ServerAuthentication, Assert.Single(Assert.Single(serving.Extensions.OfType<X509EnhancedKeyUsageExtension>()).EnhancedKeyUsages.Cast<Oid>()).Value);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, Assert.Single(serving.Extensions.OfType<X509KeyUsageExtension>()).KeyUsages);
        var authorityKeyId = Assert.Single(serving.Extensions.OfType<X509AuthorityKeyIdentifierExtension>()).KeyIdentifier;
        Assert.Equal(Convert.FromHexString(caKeyId!), authorityKeyId!.Value.ToArray());
        Assert.InRange(serving.NotAfter.ToUniversalTime() - _time.Now.UtcDateTime, TimeSpan.FromDays(364), TimeSpan.FromDays(366));

        var san = Assert.Single(serving.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(["api.demo.svc", "api.demo.svc.cluster.local", "localhost"], san.EnumerateDnsNames());
        Assert.Equal(
            [IPAddress.Parse("10.0.0.7"), IPAddress.Loopback, IPAddress.IPv6Loopback],
            san.EnumerateIPAddresses());

        Assert.True(CertificateChainVerifier.TryVerify(serving, [], [ca], ExtendedKeyUsages.ServerAuthentication, _time.Now, out var error), error);
        Assert.Equal(ca.Thumbprint, Assert.Single(certificates.ClientCertificateAuthorities).Thumbprint);
        Assert.Empty(certificates.ServingCertificateChain);
        Assert.Equal(File.ReadAllText(Path.Combine(CertDir, "ca.crt")), certificates.CaBundlePem);
    }

    [Fact]
    public void KeyFiles_AreReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows has no Unix modes; ACLs of the user profile protect the files there.
        }

        using var certificates = CertificateDirectory.LoadOrCreate(CertDir, [], [], _time);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(CertDir, "ca.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(CertDir, "apiserver.key")));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(Path.Combine(CertDir, "ca.key")), StringComparison.Ordinal);
    }

    [Fact]
    public void SecondStart_ReusesTheSameCaAndServingCertificate()
    {
        string caThumbprint, servingThumbprint;
        using (var first = CertificateDirectory.LoadOrCreate(CertDir, ["api.demo.svc"], [], _time))
        {
            caThumbprint = first.LocalCertificateAuthority!.Thumbprint;
            servingThumbprint = first.ServingCertificate.Thumbprint;
        }

        _time.Advance(TimeSpan.FromDays(100));
        using var second = CertificateDirectory.LoadOrCreate(CertDir, ["api.demo.svc"], [], _time);

        Assert.Equal(caThumbprint, second.LocalCertificateAuthority!.Thumbprint);
        Assert.True(second.LocalCertificateAuthority.HasPrivateKey);
        Assert.Equal(servingThumbprint, second.ServingCertificate.Thumbprint);
        Assert.True(second.ServingCertificate.HasPrivateKey);
    }

    [Fact]
    public void SecondStart_WithNamesAlreadyCovered_ReusesTheServingCertificate()
    {
        string servingThumbprint;
        using (var first = CertificateDirectory.LoadOrCreate(CertDir, ["api.demo.svc", "other.example"], [IPAddress.Parse("10.0.0.7")], _time))
        {
            servingThumbprint = first.ServingCertificate.Thumbprint;
        }

        // A subset of the names, spelled differently: still covered.
        using var second = CertificateDirectory.LoadOrCreate(CertDir, ["API.demo.svc."], [], _time);

        Assert.Equal(servingThumbprint, second.ServingCertificate.Thumbprint);
    }

    [Fact]
    public void NewName_ReissuesTheServingCertificateFromTheSameCa()
    {
        string caThumbprint, servingThumbprint;
        using (var first = CertificateDirectory.LoadOrCreate(CertDir, ["api.demo.svc"], [], _time))
        {
            caThumbprint = first.LocalCertificateAuthority!.Thumbprint;
            servingThumbprint = first.ServingCertificate.Thumbprint;
        }

        using var second = CertificateDirectory.LoadOrCreate(CertDir, ["api.demo.svc"], [IPAddress.Parse("192.168.1.20")], _time);

        Assert.Equal(caThumbprint, second.LocalCertificateAuthority!.Thumbprint);
        Assert.NotEqual(servingThumbprint, second.ServingCertificate.Thumbprint);
        Assert.Contains(IPAddress.Parse("192.168.1.20"), second.ServingCertificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses());
        Assert.True(CertificateChainVerifier.TryVerify(
            second.ServingCertificate, [], [second.LocalCertificateAuthority], ExtendedKeyUsages.ServerAuthentication, _time.Now, out var error), error);

        // The re-issued certificate is what the next start finds on disk.
        using var third = CertificateDirectory.LoadOrCreate(CertDir, ["api.demo.svc"], [IPAddress.Parse("192.168.1.20")], _time);
        Assert.Equal(second.ServingCertificate.Thumbprint, third.ServingCertificate.Thumbprint);
    }

    [Fact]
    public void ServingCertificateNearExpiry_IsReissuedFromTheSameCa()
    {
        string caThumbprint, servingThumbprint;
        using (var first = CertificateDirectory.LoadOrCreate(CertDir, [], [], _time))
        {
            caThumbprint = first.LocalCertificateAuthority!.Thumbprint;
            servingThumbprint = first.ServingCertificate.Thumbprint;
        }

        _time.Advance(TimeSpan.FromDays(350));
        using var second = CertificateDirectory.LoadOrCreate(CertDir, [], [], _time);

        Assert.Equal(caThumbprint, second.LocalCertificateAuthority!.Thumbprint);
        Assert.NotEqual(servingThumbprint, second.ServingCertificate.Thumbprint);
        Assert.True(second.ServingCertificate.NotAfter.ToUniversalTime() > _time.Now.UtcDateTime.AddDays(300));
    }

    [Theory]
    [InlineData("ca.crt")]
    [InlineData("ca.key")]
    [InlineData("apiserver.crt")]
    [InlineData("apiserver.key")]
    public void CorruptFile_ThrowsNamingTheFileAndTheFix(string file)
    {
        CertificateDirectory.LoadOrCreate(CertDir, [], [], _time).Dispose();
        var path = Path.Combine(CertDir, file);
        File.WriteAllText(path, "-----BEGIN GARBAGE-----\nnot base64 at all\n");
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<CertificateException>(() => CertificateDirectory.LoadOrCreate(CertDir, [], [], _time));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains($"Delete the directory '{Path.GetFullPath(CertDir)}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void MissingCaKey_ThrowsInsteadOfReplacingTheCa()
    {
        CertificateDirectory.LoadOrCreate(CertDir, [], [], _time).Dispose();
        var caCertificate = File.ReadAllText(Path.Combine(CertDir, "ca.crt"));
        File.Delete(Path.Combine(CertDir, "ca.key"));

        var error = Assert.Throws<CertificateException>(() => CertificateDirectory.LoadOrCreate(CertDir, [], [], _time));

        Assert.Contains("ca.key", error.Message, StringComparison.Ordinal);
        Assert.Equal(caCertificate, File.ReadAllText(Path.Combine(CertDir, "ca.crt")));
    }

    [Fact]
    public void ExpiredCa_Throws()
    {
        CertificateDirectory.LoadOrCreate(CertDir, [], [], _time).Dispose();
        _time.Advance(TimeSpan.FromDays(3660));

        var error = Assert.Throws<CertificateException>(() => CertificateDirectory.LoadOrCreate(CertDir, [], [], _time));

        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingServingCertificate_IsIssuedFromTheExistingCa()
    {
        string caThumbprint;
        using (var first = CertificateDirectory.LoadOrCreate(CertDir, [], [], _time))
        {
            caThumbprint = first.LocalCertificateAuthority!.Thumbprint;
        }

        File.Delete(Path.Combine(CertDir, "apiserver.key"));
        using var second = CertificateDirectory.LoadOrCreate(CertDir, [], [], _time);

        Assert.Equal(caThumbprint, second.LocalCertificateAuthority!.Thumbprint);
        Assert.True(File.Exists(Path.Combine(CertDir, "apiserver.key")));
    }
}
