using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.Runtime.Testing;

/// <summary>Certificate chores of the test hosts' clients.</summary>
internal static class TestCertificates
{
    /// <summary>A copy through PKCS#12, which gives a private key every platform's TLS stack accepts.</summary>
    public static X509Certificate2 Usable(X509Certificate2 certificate, bool exportable = false) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null,
            exportable ? X509KeyStorageFlags.Exportable : X509KeyStorageFlags.DefaultKeySet);

    /// <summary>
    /// Whether a server certificate chains to <paramref name="ca"/> and matches the host name the client
    /// asked for (a name mismatch fails as in Go's TLS: "certificate is valid for ..., not ...").
    /// </summary>
    public static bool IsIssuedBy(X509Certificate? presented, SslPolicyErrors errors, X509Certificate2 ca)
    {
        if (presented is not X509Certificate2 serving || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(serving);
    }
}
