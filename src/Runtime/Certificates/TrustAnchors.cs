using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>The CA certificates an authenticator trusts, held apart from the caller's instances.</summary>
internal static class TrustAnchors
{
    /// <summary>
    /// Public-only copies: an authenticator never holds a CA private key, and neither a caller's
    /// later changes to its collection nor its disposing the certificates affect what is trusted.
    /// </summary>
    public static X509Certificate2Collection Copy(IEnumerable<X509Certificate2> certificates) =>
        [.. certificates.Select(c => X509CertificateLoader.LoadCertificate(c.RawData))];
}
