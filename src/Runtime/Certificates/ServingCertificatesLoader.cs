using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>Resolves <see cref="ServingCertificateOptions"/> into the certificates the server runs with.</summary>
internal static class ServingCertificatesLoader
{
    /// <summary>
    /// Explicit <c>--tls-cert-file</c>/<c>--tls-private-key-file</c> win; otherwise the certificate
    /// directory is loaded or created. <c>--client-ca-file</c> CAs are added to the client CAs (which,
    /// for a generated directory, already hold the local CA that signs kubeconfig certificates).
    /// </summary>
    public static ServingCertificates Load(ServingCertificateOptions options, TimeProvider time)
    {
        var hasCertificate = !string.IsNullOrEmpty(options.TlsCertFile);
        if (hasCertificate != !string.IsNullOrEmpty(options.TlsPrivateKeyFile))
        {
            throw new CertificateException("--tls-cert-file and --tls-private-key-file must be given together.");
        }

        var clientCas = string.IsNullOrEmpty(options.ClientCaFile)
            ? new X509Certificate2Collection()
            : PemFiles.LoadCertificates(options.ClientCaFile, "Pass a PEM bundle of CA certificates to --client-ca-file.");

        var certificates = hasCertificate
            ? ServingCertificateFiles.Load(options.TlsCertFile!, options.TlsPrivateKeyFile!)
            : CertificateDirectory.LoadOrCreate(options.CertDirectory, options.DnsNames, options.IPAddresses, time);
        certificates.ClientCertificateAuthorities.AddRange(clientCas);
        return certificates;
    }
}
