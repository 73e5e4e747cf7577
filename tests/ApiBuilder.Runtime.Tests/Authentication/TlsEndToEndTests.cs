using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Certificates;
using ApiBuilder.Runtime.Tests.Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ApiBuilder.Runtime.Tests.Authentication;

public sealed class TlsEndToEndTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task KestrelWithGeneratedCertificates_AuthenticatesClientCertificates()
    {
        var time = TimeProvider.System;
        var certDir = _temp.Combine("certs");
        // The second start loads everything back from PEM files: the path a restarted server takes.
        CertificateDirectory.LoadOrCreate(certDir, [], [], time).Dispose();
        using var certificates = CertificateDirectory.LoadOrCreate(certDir, [], [], time);
        var authenticator = new UnionAuthenticator(
            requestHeader: null,
            new ClientCertificateAuthenticator(certificates.ClientCertificateAuthorities, time),
            token: null,
            anonymousEnabled: false);
        var seen = new ConcurrentQueue<AuthenticationResult>();

        await using var app = StartServer(certificates, authenticator, seen);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        Assert.Equal(IPAddress.Loopback.ToString(), address.Host);

        using var ca = X509Certificate2.CreateFromPem(certificates.CaBundlePem);
        using var clientCertificate = ClientCertificateIssuer.Issue(
            certificates.LocalCertificateAuthority!, "jane", ["dev", "ops"], TimeSpan.FromHours(1), time);

        // A client that presents a certificate issued by the local CA.
        using (var client = Client(ca, clientCertificate))
        {
            var response = await client.GetAsync(new Uri(address, "/whoami"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("jane|dev,ops,system:authenticated", await response.Content.ReadAsStringAsync());
        }

        Assert.True(seen.TryDequeue(out var withCertificate));
        Assert.True(withCertificate.IsAuthenticated);
        Assert.Equal("jane", withCertificate.User.Name);
        Assert.Equal(["dev", "ops", UserInfo.AllAuthenticated], withCertificate.User.Groups);

        // The same server, a client without a certificate.
        using (var client = Client(ca, clientCertificate: null))
        {
            var response = await client.GetAsync(new Uri(address, "/whoami"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.True(seen.TryDequeue(out var withoutCertificate));
        Assert.Equal(AuthenticationOutcome.NoCredentials, withoutCertificate.Outcome);

        // Go's TLS stack (kubectl) accepts the same CA, serving certificate and a kubeconfig client certificate.
        var kubeconfig = _temp.Combine("kubeconfig");
        KubeconfigWriter.Write(kubeconfig, LocalKubeconfig.Create(
            certificates, address.GetLeftPart(UriPartial.Authority), "local", "admin", [UserInfo.SystemPrivilegedGroup], TimeSpan.FromHours(1), time));
        var kubectl = await Kubectl.RunAsync("--kubeconfig", kubeconfig, "--request-timeout=20s", "get", "--raw", "/whoami");
        Assert.True(kubectl.ExitCode == 0, kubectl.Stderr);
        Assert.Equal("admin|system:masters,system:authenticated", kubectl.Stdout.Trim());
    }

    private static WebApplication StartServer(
        ServingCertificates certificates, IAuthenticator authenticator, ConcurrentQueue<AuthenticationResult> seen)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = certificates.ServingCertificate;
            https.ServerCertificateChain = certificates.ServingCertificateChain;
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            // Chain checks belong to the authenticator, which knows which CA applies to which purpose.
            https.AllowAnyClientCertificate();
        })));
        var app = builder.Build();
        app.Run(async context =>
        {
            var result = await authenticator.AuthenticateAsync(new AuthenticationRequest
            {
                ClientCertificate = context.Connection.ClientCertificate,
                Headers = context.Request.Headers,
            }, context.RequestAborted);
            seen.Enqueue(result);
            if (!result.IsAuthenticated)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await context.Response.WriteAsync($"{result.User.Name}|{string.Join(',', result.User.Groups)}");
        });
        return app;
    }

    private static HttpClient Client(X509Certificate2 ca, X509Certificate2? clientCertificate)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { ca },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        };
        if (clientCertificate is not null)
        {
            ssl.ClientCertificates = [clientCertificate];
        }

        return new HttpClient(new SocketsHttpHandler { SslOptions = ssl }) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
