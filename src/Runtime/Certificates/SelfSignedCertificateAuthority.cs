using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>Creates the local CA of the certificate directory.</summary>
internal static class SelfSignedCertificateAuthority
{
    /// <summary>Ten years: clients pin this CA (kubeconfig, APIService caBundle), so it should outlive the server.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(3650);

    /// <summary>A self-signed CA with its private key, CN <c>apibuilder-ca@&lt;unix seconds&gt;</c>.</summary>
    public static X509Certificate2 Create(TimeProvider time)
    {
        var now = time.GetUtcNow();
        // The timestamp tells CAs of successive regenerations apart, as the generic apiserver's "<host>-ca@<time>" does.
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName($"apibuilder-ca@{now.ToUnixTimeSeconds()}");

        using var key = CertificateSigning.NewKey();
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(
            new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now - CertificateSigning.Backdate, now + Validity);
    }
}
