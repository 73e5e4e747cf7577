using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using k8s;

namespace ApiBuilder.Runtime.Cluster;

/// <summary>
/// An <see cref="HttpClient"/> for the generated typed clients that reaches the cluster's kube-apiserver with
/// a kubeconfig's (or the pod's service account's) address, CA, client certificate and token, the token read
/// again on each request so that projected service-account tokens keep working after rotation.
/// </summary>
internal static class ClusterHttpClient
{
    public static HttpClient Create(KubernetesClientConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var ssl = new SslClientAuthenticationOptions();
        if (config.SkipTlsVerify)
        {
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (config.SslCaCerts is { Count: > 0 } authorities)
        {
            ssl.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            ssl.CertificateChainPolicy.CustomTrustStore.AddRange(authorities);
        }

        if (config.ClientCertificateData is not null || config.ClientCertificateFilePath is not null)
        {
            ssl.ClientCertificates = [ClientCertificate(config)];
        }

        handler.SslOptions = ssl;
        var host = config.Host ?? throw new ClusterConfigurationException("the kubeconfig names no server");
        return new HttpClient(new CredentialsHandler(config) { InnerHandler = handler })
        {
            BaseAddress = new Uri(host.EndsWith('/') ? host : host + "/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    private static X509Certificate2 ClientCertificate(KubernetesClientConfiguration config)
    {
        static string Pem(string? data, string? file, string what) =>
            data is not null ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data))
            : file is not null ? File.ReadAllText(file)
            : throw new ClusterConfigurationException($"the kubeconfig has a client certificate but no {what}");

        var certificate = Pem(config.ClientCertificateData, config.ClientCertificateFilePath, "certificate");
        var key = Pem(config.ClientCertificateKeyData, config.ClientKeyFilePath, "client key");
        return Certificates.PlatformKeys.UsableForTls(X509Certificate2.CreateFromPem(certificate, key));
    }

    private sealed class CredentialsHandler(KubernetesClientConfiguration config) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (config.TokenProvider is { } provider)
            {
                request.Headers.Authorization = await provider.GetAuthenticationHeaderAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (!string.IsNullOrEmpty(config.AccessToken))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", config.AccessToken);
            }
            else if (!string.IsNullOrEmpty(config.Username))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(config.Username + ":" + config.Password)));
            }

            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
