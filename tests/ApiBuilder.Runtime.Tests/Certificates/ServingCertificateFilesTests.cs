using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Certificates;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Certificates;

public sealed class ServingCertificateFilesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private readonly ManualTimeProvider _time = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Load_LeafWithIntermediate_KeepsTheChainAndTrustsItsTop()
    {
        using var root = TestPki.CreateCa(_time);
        using var intermediate = TestPki.CreateIntermediate(root, "intermediate", _time);
        using var leaf = ServingCertificateIssuer.Issue(intermediate, ServingNames.Create(["api.demo.svc"], []), _time);
        var certificateFile = _temp.Combine("tls.crt");
        var keyFile = _temp.Combine("tls.key");
        File.WriteAllText(certificateFile, PemExport.Certificates([leaf, intermediate]));
        File.WriteAllText(keyFile, PemExport.PrivateKey(leaf));

        using var loaded = ServingCertificateFiles.Load(certificateFile, keyFile);

        Assert.Equal(leaf.Thumbprint, loaded.ServingCertificate.Thumbprint);
        Assert.True(loaded.ServingCertificate.HasPrivateKey);
        Assert.Equal(intermediate.Thumbprint, Assert.Single(loaded.ServingCertificateChain).Thumbprint);
        Assert.Equal(PemExport.Certificate(intermediate), loaded.CaBundlePem);
        Assert.Null(loaded.LocalCertificateAuthority);
        Assert.Empty(loaded.ClientCertificateAuthorities);
    }

    [Fact]
    public void Load_FullChainWithRoot_TrustsTheRoot()
    {
        using var root = TestPki.CreateCa(_time);
        using var intermediate = TestPki.CreateIntermediate(root, "intermediate", _time);
        using var leaf = ServingCertificateIssuer.Issue(intermediate, ServingNames.Create([], []), _time);
        var certificateFile = _temp.Combine("tls.crt");
        var keyFile = _temp.Combine("tls.key");
        File.WriteAllText(certificateFile, PemExport.Certificates([leaf, intermediate, root]));
        File.WriteAllText(keyFile, PemExport.PrivateKey(leaf));

        using var loaded = ServingCertificateFiles.Load(certificateFile, keyFile);

        Assert.Equal(PemExport.Certificate(root), loaded.CaBundlePem);
        Assert.Equal(2, loaded.ServingCertificateChain.Count);
    }

    [Fact]
    public void Load_RsaPkcs1Key_AsOpensslAndGoWriteIt()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=legacy", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var selfSigned = request.CreateSelfSigned(_time.Now.AddHours(-1), _time.Now.AddDays(1));
        var certificateFile = _temp.Combine("tls.crt");
        var keyFile = _temp.Combine("tls.key");
        File.WriteAllText(certificateFile, selfSigned.ExportCertificatePem());
        File.WriteAllText(keyFile, rsa.ExportRSAPrivateKeyPem());

        using var loaded = ServingCertificateFiles.Load(certificateFile, keyFile);

        Assert.True(loaded.ServingCertificate.HasPrivateKey);
        Assert.Equal(selfSigned.ExportCertificatePem() + "\n", loaded.CaBundlePem);
    }

    [Fact]
    public void Load_KeyOfAnotherCertificate_ThrowsNamingBothFiles()
    {
        using var ca = TestPki.CreateCa(_time);
        using var one = TestPki.IssueServerOnly(ca, _time);
        using var other = TestPki.IssueServerOnly(ca, _time);
        var certificateFile = _temp.Combine("tls.crt");
        var keyFile = _temp.Combine("tls.key");
        File.WriteAllText(certificateFile, PemExport.Certificate(one));
        File.WriteAllText(keyFile, PemExport.PrivateKey(other));

        var error = Assert.Throws<CertificateException>(() => ServingCertificateFiles.Load(certificateFile, keyFile));

        Assert.Contains(certificateFile, error.Message, StringComparison.Ordinal);
        Assert.Contains(keyFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("--tls-private-key-file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_CertificateWithoutKeyFlag_Throws()
    {
        var error = Assert.Throws<CertificateException>(() => ServingCertificatesLoader.Load(
            new ServingCertificateOptions { TlsCertFile = _temp.Combine("tls.crt") }, _time));

        Assert.Contains("--tls-private-key-file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loader_ClientCaFile_IsTrustedNextToTheLocalCa()
    {
        using var userCa = TestPki.CreateCa(_time);
        var clientCaFile = _temp.Combine("client-ca.crt");
        File.WriteAllText(clientCaFile, PemExport.Certificate(userCa));

        using var loaded = ServingCertificatesLoader.Load(
            new ServingCertificateOptions { CertDirectory = _temp.Combine("certs"), ClientCaFile = clientCaFile }, _time);

        Assert.Equal(
            [loaded.LocalCertificateAuthority!.Thumbprint, userCa.Thumbprint],
            loaded.ClientCertificateAuthorities.Select(c => c.Thumbprint));
    }
}
