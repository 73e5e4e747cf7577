using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>The TLS material the server runs with.</summary>
internal sealed record ServingCertificates : IDisposable
{
    /// <summary>The serving certificate, with its private key.</summary>
    public required X509Certificate2 ServingCertificate { get; init; }

    /// <summary>
    /// Intermediates sent after <see cref="ServingCertificate"/> in the TLS handshake (Kestrel's
    /// <c>ServerCertificateChain</c>); empty when the serving certificate is signed by a root.
    /// </summary>
    public required X509Certificate2Collection ServingCertificateChain { get; init; }

    /// <summary>CAs that sign end-user client certificates (direct mode, <c>--client-ca-file</c>).</summary>
    public required X509Certificate2Collection ClientCertificateAuthorities { get; init; }

    /// <summary>
    /// The CA generated in the certificate directory, with its private key, used to issue the
    /// kubeconfig's client certificate; null when the serving certificate came from explicit files.
    /// </summary>
    public X509Certificate2? LocalCertificateAuthority { get; init; }

    /// <summary>The PEM a client should trust to verify <see cref="ServingCertificate"/> (kubeconfig, APIService caBundle).</summary>
    public required string CaBundlePem { get; init; }

    public void Dispose()
    {
        ServingCertificate.Dispose();
        LocalCertificateAuthority?.Dispose();
        foreach (var certificate in ServingCertificateChain)
        {
            certificate.Dispose();
        }

        foreach (var certificate in ClientCertificateAuthorities)
        {
            certificate.Dispose();
        }
    }
}
