using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Certificates;

namespace ApiBuilder.Cli.Deployment;

/// <summary>
/// The certificates of a deployment, kept in <c>&lt;output&gt;/certificates/</c>: a CA (<c>ca.crt</c>,
/// <c>ca.key</c>), made once and kept, whose certificate is every APIService's caBundle, and the
/// serving certificate of the Service (<c>tls.crt</c>, <c>tls.key</c>) it signs. The serving
/// certificate is reused while it names the Service and has more than <see cref="RenewBefore"/> left,
/// so the manifests stay the same bytes from one run to the next.
/// </summary>
internal sealed record ServingCertificateSet(string CaPem, string CertificatePem, string KeyPem, IReadOnlyList<string> Changes)
{
    public const string Folder = "certificates";

    /// <summary>A serving certificate that expires sooner than this is reissued.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    /// <summary>The DNS names the Service is reached by: the aggregator dials <c>&lt;name&gt;.&lt;namespace&gt;.svc</c>.</summary>
    public static IReadOnlyList<string> ServiceNames(string name, string @namespace) =>
        [$"{name}.{@namespace}.svc", $"{name}.{@namespace}.svc.cluster.local", $"{name}.{@namespace}", name];

    /// <summary>Loads the certificates of <paramref name="folder"/>, making or reissuing what is missing or stale.</summary>
    public static ServingCertificateSet Ensure(string folder, string name, string @namespace, TimeProvider time)
    {
        var caCrt = Path.Combine(folder, "ca.crt");
        var caKey = Path.Combine(folder, "ca.key");
        var tlsCrt = Path.Combine(folder, "tls.crt");
        var tlsKey = Path.Combine(folder, "tls.key");
        var changes = new List<string>();
        Directory.CreateDirectory(folder);

        using var ca = LoadCa(caCrt, caKey, time) ?? CreateCa(caCrt, caKey, time, changes);
        var names = ServingNames.Create(ServiceNames(name, @namespace), []);
        var reason = ReissueReason(tlsCrt, tlsKey, ca, names, time);
        if (reason is not null)
        {
            using var serving = ServingCertificateIssuer.Issue(ca, names, time);
            WriteAll(tlsCrt, PemExport.Certificate(serving), secret: false);
            WriteAll(tlsKey, PemExport.PrivateKey(serving), secret: true);
            changes.Add($"issued a serving certificate for {names.CommonName} ({reason})");
        }

        return new ServingCertificateSet(File.ReadAllText(caCrt), File.ReadAllText(tlsCrt), File.ReadAllText(tlsKey), changes);
    }

    private static X509Certificate2? LoadCa(string crt, string key, TimeProvider time)
    {
        var hasCrt = File.Exists(crt);
        var hasKey = File.Exists(key);
        if (!hasCrt && !hasKey)
        {
            return null;
        }

        if (hasCrt != hasKey)
        {
            throw new UserError(
                $"{(hasCrt ? key : crt)} is missing, but {(hasCrt ? crt : key)} exists: the CA needs both",
                "Restore the missing file, or delete both to make a new CA (then every APIService gets the new caBundle)");
        }

        X509Certificate2 ca;
        try
        {
            ca = X509Certificate2.CreateFromPemFile(crt, key);
        }
        catch (CryptographicException e)
        {
            throw new UserError($"{crt} and {key} are not a PEM certificate and its private key ({e.Message})", "Restore them, or delete both to make a new CA");
        }

        if (ca.NotAfter.ToUniversalTime() <= time.GetUtcNow().UtcDateTime)
        {
            ca.Dispose();
            throw new UserError($"the CA in {crt} expired on {ca.NotAfter.ToUniversalTime():yyyy-MM-dd}", "Delete ca.crt and ca.key to make a new CA, then apply the manifests again");
        }

        return ca;
    }

    private static X509Certificate2 CreateCa(string crt, string key, TimeProvider time, List<string> changes)
    {
        var ca = SelfSignedCertificateAuthority.Create(time);
        WriteAll(crt, PemExport.Certificate(ca), secret: false);
        WriteAll(key, PemExport.PrivateKey(ca), secret: true);
        changes.Add("made a new CA (ca.crt, ca.key): it is the caBundle of every APIService");
        return ca;
    }

    /// <summary>Why the serving certificate must be (re)issued, or null when the one on disk still serves.</summary>
    private static string? ReissueReason(string crt, string key, X509Certificate2 ca, ServingNames names, TimeProvider time)
    {
        if (!File.Exists(crt) || !File.Exists(key))
        {
            return "there was none";
        }

        X509Certificate2 serving;
        try
        {
            serving = X509Certificate2.CreateFromPemFile(crt, key);
        }
        catch (CryptographicException)
        {
            return "the one there could not be read";
        }

        using (serving)
        {
            if (!names.AreCoveredBy(serving))
            {
                return "the one there named another Service";
            }

            if (serving.NotAfter.ToUniversalTime() - time.GetUtcNow().UtcDateTime < RenewBefore)
            {
                return $"the one there expires on {serving.NotAfter.ToUniversalTime():yyyy-MM-dd}";
            }

            return IsSignedBy(serving, ca) ? null : "the one there was signed by another CA";
        }
    }

    private static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    /// <summary>Writes a file; private keys are readable by their owner only.</summary>
    private static void WriteAll(string path, string content, bool secret)
    {
        File.WriteAllText(path, content);
        if (secret && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
