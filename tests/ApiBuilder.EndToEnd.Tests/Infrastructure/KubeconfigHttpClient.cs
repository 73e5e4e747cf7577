using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ApiBuilder.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An HttpClient that trusts only the kubeconfig's certificate authority and, optionally, presents the
/// kubeconfig's client certificate, as kubectl does. Redirects are not followed so tests see 301s.
/// </summary>
internal static class KubeconfigHttpClient
{
    public static HttpClient Create(Kubeconfig config, bool presentClientCertificate)
    {
        var ca = X509Certificate2.CreateFromPem(config.CertificateAuthorityPem);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsSignedBy(ca, certificate, errors),
            },
        };

        if (presentClientCertificate)
        {
            using var pemCertificate = X509Certificate2.CreateFromPem(config.ClientCertificatePem, config.ClientKeyPem);
            // A PKCS#12 round trip gives a certificate whose private key SslStream can always use.
            var certificate = X509CertificateLoader.LoadPkcs12(pemCertificate.Export(X509ContentType.Pkcs12), password: null);
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { certificate };
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        return new HttpClient(handler)
        {
            BaseAddress = config.Server,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    private static bool IsSignedBy(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        // Host name errors are real errors; chain errors are expected (the CA is not in the system store).
        if (certificate is not X509Certificate2 serving || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
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
