using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>
/// The <c>--cert-dir</c> the server manages when no <c>--tls-cert-file</c> is given: a local CA
/// (<c>ca.crt</c>, <c>ca.key</c>) and a serving certificate it signs (<c>apiserver.crt</c>, <c>apiserver.key</c>).
/// </summary>
internal static class CertificateDirectory
{
    /// <summary>The generic apiserver's default <c>--cert-dir</c>.</summary>
    public const string DefaultPath = "apiserver.local.config/certificates";

    public const string CaCertificateFile = "ca.crt";

    public const string CaKeyFile = "ca.key";

    public const string ServingCertificateFile = "apiserver.crt";

    public const string ServingKeyFile = "apiserver.key";

    /// <summary>
    /// A serving certificate with less than this left is re-issued at start-up, so a server restarted
    /// now and then never serves an expired certificate.
    /// </summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    /// <summary>
    /// Loads the CA and serving certificate of <paramref name="certDir"/>, creating what is missing.
    /// The serving certificate is re-issued from the same CA when it is expiring, does not carry the
    /// requested names, or is not signed by the CA. An existing CA is never replaced: if it is
    /// damaged, incomplete or expired, this throws a <see cref="CertificateException"/>.
    /// </summary>
    public static ServingCertificates LoadOrCreate(
        string certDir, IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> ips, TimeProvider time)
    {
        var names = ServingNames.Create(dnsNames, ips);
        Directory.CreateDirectory(certDir);
        var fix = $"Delete the directory '{Path.GetFullPath(certDir)}' to let the server generate new certificates " +
            "(clients must then trust the new CA), or restore the file.";

        var ca = LoadOrCreateCa(certDir, time, fix);
        X509Certificate2? serving = null;
        try
        {
            serving = LoadOrIssueServing(certDir, ca, names, time, fix);
            return new ServingCertificates
            {
                ServingCertificate = PlatformKeys.UsableForTls(serving),
                ServingCertificateChain = [],
                ClientCertificateAuthorities = [X509CertificateLoader.LoadCertificate(ca.RawData)],
                LocalCertificateAuthority = ca,
                CaBundlePem = PemExport.Certificate(ca),
            };
        }
        catch
        {
            serving?.Dispose();
            ca.Dispose();
            throw;
        }
    }

    private static X509Certificate2 LoadOrCreateCa(string certDir, TimeProvider time, string fix)
    {
        var certificateFile = Path.Combine(certDir, CaCertificateFile);
        var keyFile = Path.Combine(certDir, CaKeyFile);
        var certificateExists = File.Exists(certificateFile);
        if (certificateExists != File.Exists(keyFile))
        {
            var missing = certificateExists ? keyFile : certificateFile;
            throw new CertificateException(
                $"The CA file '{missing}' is missing while its pair exists; the server will not replace a CA silently. {fix}");
        }

        if (!certificateExists)
        {
            var created = SelfSignedCertificateAuthority.Create(time);
            SecureFile.WritePrivate(keyFile, PemExport.PrivateKey(created));
            SecureFile.WritePublic(certificateFile, PemExport.Certificate(created));
            return created;
        }

        var ca = PemFiles.LoadCertificateWithKey(certificateFile, keyFile, fix);
        var constraints = ca.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is not { CertificateAuthority: true })
        {
            ca.Dispose();
            throw new CertificateException($"The certificate '{certificateFile}' is not a CA (basicConstraints CA:TRUE is missing). {fix}");
        }

        if (new DateTimeOffset(ca.NotAfter) <= time.GetUtcNow())
        {
            var expired = ca.NotAfter.ToUniversalTime();
            ca.Dispose();
            throw new CertificateException($"The CA '{certificateFile}' expired at {expired:u}. {fix}");
        }

        return ca;
    }

    private static X509Certificate2 LoadOrIssueServing(
        string certDir, X509Certificate2 ca, ServingNames names, TimeProvider time, string fix)
    {
        var certificateFile = Path.Combine(certDir, ServingCertificateFile);
        var keyFile = Path.Combine(certDir, ServingKeyFile);
        if (File.Exists(certificateFile) && File.Exists(keyFile))
        {
            // A damaged file throws rather than being overwritten: it may not be ours to discard.
            var existing = PemFiles.LoadCertificateWithKey(certificateFile, keyFile, fix);
            if (IsReusable(existing, ca, names, time))
            {
                return existing;
            }

            existing.Dispose();
        }

        // The serving certificate derives entirely from the CA, so issuing a new one loses no trust.
        var issued = ServingCertificateIssuer.Issue(ca, names, time);
        SecureFile.WritePrivate(keyFile, PemExport.PrivateKey(issued));
        SecureFile.WritePublic(certificateFile, PemExport.Certificate(issued));
        return issued;
    }

    private static bool IsReusable(X509Certificate2 serving, X509Certificate2 ca, ServingNames names, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(serving.NotAfter) - now > RenewBefore
            && names.AreCoveredBy(serving)
            && CertificateChainVerifier.TryVerify(serving, [], [ca], ExtendedKeyUsages.ServerAuthentication, now, out _);
    }
}
