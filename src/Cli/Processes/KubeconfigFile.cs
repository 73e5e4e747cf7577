using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ApiBuilder.Cli.Processes;

/// <summary>
/// The kubeconfig an ApiBuilder server writes (<c>--write-kubeconfig</c>): one cluster with an
/// embedded CA, one user with an embedded client certificate. Read to talk to the server as kubectl would.
/// </summary>
internal sealed record KubeconfigFile(Uri Server, string CaPem, string ClientCertificatePem, string ClientKeyPem)
{
    public static KubeconfigFile Read(string path)
    {
        var lines = File.ReadAllLines(path);
        string Value(string key) =>
            lines.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal))?[(key.Length + 1)..].Trim().Trim('"')
            ?? throw new InvalidOperationException($"{path} has no {key}.");
        string Pem(string key) => Encoding.UTF8.GetString(Convert.FromBase64String(Value(key)));
        return new KubeconfigFile(new Uri(Value("server")), Pem("certificate-authority-data"), Pem("client-certificate-data"), Pem("client-key-data"));
    }

    /// <summary>An HttpClient that trusts only the kubeconfig's CA and presents its client certificate.</summary>
    public HttpClient CreateClient()
    {
        var ca = X509Certificate2.CreateFromPem(CaPem);
        using var pem = X509Certificate2.CreateFromPem(ClientCertificatePem, ClientKeyPem);
        var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [certificate],
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
                RemoteCertificateValidationCallback = (_, presented, _, errors) =>
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
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = Server, Timeout = TimeSpan.FromSeconds(30) };
    }
}
