using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>PEM text of certificates and their private keys, as kubeconfigs and Secrets hold them.</summary>
internal static class PemExport
{
    /// <summary>The certificate as one <c>CERTIFICATE</c> block, newline-terminated.</summary>
    public static string Certificate(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n";

    /// <summary>Several certificates concatenated, the form of a CA bundle.</summary>
    public static string Certificates(IEnumerable<X509Certificate2> certificates) =>
        string.Concat(certificates.Select(Certificate));

    /// <summary>The certificate's private key as a PKCS#8 <c>PRIVATE KEY</c> block, newline-terminated.</summary>
    public static string PrivateKey(X509Certificate2 certificate)
    {
        AsymmetricAlgorithm key = certificate.GetECDsaPrivateKey()
            ?? (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException(
                $"The certificate '{certificate.Subject}' has no ECDSA or RSA private key.", nameof(certificate));
        using (key)
        {
            return key.ExportPkcs8PrivateKeyPem() + "\n";
        }
    }
}
