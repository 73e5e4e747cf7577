using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>Issues TLS serving certificates from a CA.</summary>
internal static class ServingCertificateIssuer
{
    /// <summary>One year, like the generic apiserver's self-signed certificate; the server re-issues before expiry.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(365);

    private static readonly Oid ServerAuthentication = new(ExtendedKeyUsages.ServerAuthentication);

    /// <summary>A serving certificate with its private key: CN = first DNS name, SANs = <paramref name="names"/>.</summary>
    public static X509Certificate2 Issue(X509Certificate2 certificateAuthority, ServingNames names, TimeProvider time)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(names.CommonName);

        using var key = CertificateSigning.NewKey();
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        // ECDSA keys only sign in TLS; keyEncipherment would apply to RSA key transport only.
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], critical: false));
        request.CertificateExtensions.Add(names.ToExtension());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return CertificateSigning.Sign(request, key, certificateAuthority, Validity, time);
    }
}
