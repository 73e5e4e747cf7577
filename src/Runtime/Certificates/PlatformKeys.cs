using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>Adapts in-memory private keys to what the platform's TLS stack accepts.</summary>
internal static class PlatformKeys
{
    /// <summary>
    /// Returns a certificate whose key SslStream can use. On Linux and macOS the ephemeral key that
    /// PEM loading and <c>CopyWithPrivateKey</c> produce works as it is. Windows SChannel rejects
    /// ephemeral keys, so there the certificate goes through a PKCS#12 round trip that gives it a
    /// (temporary) key container. The input is disposed when it is replaced.
    /// </summary>
    public static X509Certificate2 UsableForTls(X509Certificate2 certificate)
    {
        if (!OperatingSystem.IsWindows())
        {
            return certificate;
        }

        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
        }
    }
}
