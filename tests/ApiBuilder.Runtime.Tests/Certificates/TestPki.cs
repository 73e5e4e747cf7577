using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Certificates;

namespace ApiBuilder.Runtime.Tests.Certificates;

/// <summary>Certificates shaped the way a test needs, beyond what the runtime itself issues.</summary>
internal static class TestPki
{
    public static X509Certificate2 CreateCa(TimeProvider time) => SelfSignedCertificateAuthority.Create(time);

    /// <summary>An intermediate CA signed by <paramref name="root"/>, with its key.</summary>
    public static X509Certificate2 CreateIntermediate(X509Certificate2 root, string name, TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return CertificateSigning.Sign(request, key, root, TimeSpan.FromDays(30), time);
    }

    /// <summary>A leaf with a server-auth-only EKU, i.e. not valid for client authentication.</summary>
    public static X509Certificate2 IssueServerOnly(X509Certificate2 ca, TimeProvider time) =>
        ServingCertificateIssuer.Issue(ca, ServingNames.Create(["server.example"], []), time);

    public static X509Certificate2 IssueClient(
        X509Certificate2 ca, string user, TimeProvider time, params string[] groups) =>
        ClientCertificateIssuer.Issue(ca, user, groups, TimeSpan.FromDays(1), time);

    /// <summary>A copy without the private key, as a peer's certificate arrives.</summary>
    public static X509Certificate2 PublicOnly(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadCertificate(certificate.RawData);
}
