using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>Loads an operator's <c>--tls-cert-file</c> and <c>--tls-private-key-file</c>.</summary>
internal static class ServingCertificateFiles
{
    /// <summary>
    /// Loads the serving certificate (the first PEM certificate of <paramref name="certificateFile"/>)
    /// with its key, and the certificates that follow it as the chain sent to clients. The CA bundle
    /// is the file's self-signed root when it has one, else its last certificate: the top of what the
    /// operator supplied, which Go clients accept as a trust anchor.
    /// </summary>
    public static ServingCertificates Load(string certificateFile, string keyFile)
    {
        const string fix = "Pass a PEM certificate (optionally followed by its intermediates) to --tls-cert-file " +
            "and the matching unencrypted PEM private key to --tls-private-key-file.";
        var all = PemFiles.LoadCertificates(certificateFile, fix);
        var serving = PemFiles.LoadCertificateWithKey(certificateFile, keyFile, fix);

        var chain = new X509Certificate2Collection();
        for (var i = 1; i < all.Count; i++)
        {
            chain.Add(all[i]);
        }

        var anchor = all.Cast<X509Certificate2>().FirstOrDefault(IsSelfIssued) ?? all[^1];
        var caBundlePem = PemExport.Certificate(anchor);
        all[0].Dispose();

        return new ServingCertificates
        {
            ServingCertificate = PlatformKeys.UsableForTls(serving),
            ServingCertificateChain = chain,
            ClientCertificateAuthorities = [],
            LocalCertificateAuthority = null,
            CaBundlePem = caBundlePem,
        };
    }

    private static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
}
