using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Certificates;

/// <summary>Builds the kubeconfig of a server whose certificate directory holds the local CA.</summary>
internal static class LocalKubeconfig
{
    /// <summary>
    /// A kubeconfig spec trusting <see cref="ServingCertificates.CaBundlePem"/> and presenting a new client
    /// certificate for <paramref name="user"/> in <paramref name="groups"/>, issued by the local CA.
    /// Every entry is named <paramref name="name"/>.
    /// </summary>
    public static KubeconfigSpec Create(
        ServingCertificates certificates,
        string serverUrl,
        string name,
        string user,
        IReadOnlyList<string> groups,
        TimeSpan validity,
        TimeProvider time)
    {
        var ca = certificates.LocalCertificateAuthority ?? throw new CertificateException(
            "Writing a kubeconfig needs the local CA of the certificate directory to issue a client certificate, " +
            "but the serving certificate came from --tls-cert-file. Omit --tls-cert-file, or write the kubeconfig yourself.");
        using X509Certificate2 client = ClientCertificateIssuer.Issue(ca, user, groups, validity, time);
        return new KubeconfigSpec
        {
            ServerUrl = serverUrl,
            ClusterName = name,
            UserName = name,
            ContextName = name,
            CertificateAuthorityPem = certificates.CaBundlePem,
            ClientCertificatePem = PemExport.Certificate(client),
            ClientKeyPem = PemExport.PrivateKey(client),
        };
    }
}
