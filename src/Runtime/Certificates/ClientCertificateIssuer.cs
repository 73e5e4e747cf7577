using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>
/// Issues client certificates in Kubernetes' x509 convention: the subject CN is the user name and
/// each O is a group.
/// </summary>
internal static class ClientCertificateIssuer
{
    private static readonly Oid ClientAuthentication = new(ExtendedKeyUsages.ClientAuthentication);

    /// <summary>
    /// A client certificate with its private key, signed by <paramref name="caWithKey"/>. The validity
    /// is clamped to the CA's.
    /// </summary>
    public static X509Certificate2 Issue(
        X509Certificate2 caWithKey, string user, IReadOnlyList<string> groups, TimeSpan validity, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (validity <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(validity), validity, "The validity must be positive.");
        }

        // The builder encodes RDNs in the reverse order of the calls (display order). Adding CN first and
        // the groups backwards encodes O=<group 1>, O=<group 2>, ..., CN=<user>: the order openssl and Go
        // write ("/O=system:masters/CN=admin"), and the order Kubernetes reads groups in.
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(user);
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(groups[i], nameof(groups));
            subject.AddOrganizationName(groups[i]);
        }

        using var key = CertificateSigning.NewKey();
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ClientAuthentication], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return CertificateSigning.Sign(request, key, caWithKey, validity, time);
    }
}
