using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>Signs leaf certificates with a CA: validity window, serial number and authority key identifier.</summary>
internal static class CertificateSigning
{
    /// <summary>
    /// Certificates start an hour in the past so a client whose clock lags ours still accepts them
    /// (client-go's self-signed generator backdates by the same amount).
    /// </summary>
    public static readonly TimeSpan Backdate = TimeSpan.FromHours(1);

    /// <summary>
    /// Signs <paramref name="request"/> with <paramref name="issuer"/> (which must hold its private key)
    /// and attaches <paramref name="key"/>. The validity is clamped to the issuer's, because a chain is
    /// only as valid as its shortest-lived certificate.
    /// </summary>
    public static X509Certificate2 Sign(
        CertificateRequest request, ECDsa key, X509Certificate2 issuer, TimeSpan validity, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var issuerNotBefore = new DateTimeOffset(issuer.NotBefore);
        var issuerNotAfter = new DateTimeOffset(issuer.NotAfter);
        if (issuerNotAfter <= now)
        {
            throw new CertificateException(
                $"The CA '{issuer.Subject}' expired at {issuerNotAfter:u}; it cannot issue certificates. " +
                "Replace the CA (for a generated one, delete the certificate directory and let the server create a new one).");
        }

        var notBefore = Max(now - Backdate, issuerNotBefore);
        var notAfter = Min(now + validity, issuerNotAfter);
        request.CertificateExtensions.Add(AuthorityKeyIdentifier(issuer));

        var generator = SignatureGenerator(issuer, out var issuerKey);
        using (issuerKey)
        {
            using var certificate = request.Create(issuer.SubjectName, generator, notBefore, notAfter, NewSerialNumber());
            return certificate.CopyWithPrivateKey(key);
        }
    }

    /// <summary>
    /// A new key for a generated certificate. ECDSA P-256: generated in microseconds where RSA-2048
    /// takes tens to hundreds of milliseconds (a start-up and test cost), with equivalent strength
    /// (128-bit security vs 112) and smaller handshakes; Go's crypto/tls (kube-apiserver, kubectl),
    /// OpenSSL and .NET all accept it, and kubeadm offers it for cluster certificates.
    /// </summary>
    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>A random positive 128-bit serial number, as RFC 5280 asks (unique per issuer, at most 20 bytes).</summary>
    public static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        // Clearing the top bit keeps it positive; setting the next avoids a leading zero byte.
        serial[0] = (byte)((serial[0] & 0x3F) | 0x40);
        return serial;
    }

    private static X509AuthorityKeyIdentifierExtension AuthorityKeyIdentifier(X509Certificate2 issuer)
    {
        var hasKeyIdentifier = issuer.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Any();
        return X509AuthorityKeyIdentifierExtension.CreateFromCertificate(
            issuer, includeKeyIdentifier: hasKeyIdentifier, includeIssuerAndSerial: !hasKeyIdentifier);
    }

    private static X509SignatureGenerator SignatureGenerator(X509Certificate2 issuer, out IDisposable issuerKey)
    {
        if (issuer.GetECDsaPrivateKey() is { } ecdsa)
        {
            issuerKey = ecdsa;
            return X509SignatureGenerator.CreateForECDsa(ecdsa);
        }

        if (issuer.GetRSAPrivateKey() is { } rsa)
        {
            issuerKey = rsa;
            return X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1);
        }

        throw new CertificateException($"The CA '{issuer.Subject}' has no ECDSA or RSA private key to sign with.");
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
