using System.Net;
using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Certificates;
using ApiBuilder.Runtime.Testing;
using ApiBuilder.Runtime.Tests.Registry;

namespace ApiBuilder.Runtime.Tests.Delegation;

/// <summary>
/// X-Remote-* headers are believed only from the front proxy: a certificate of the request-header CA
/// (taken from the cluster's ConfigMap) with an allowed common name, valid now. Anything else is 401
/// and the headers are ignored; SubjectAccessReview is never asked for such a request.
/// </summary>
public sealed class FrontProxyTests : IAsyncLifetime
{
    private const string Widgets = "/apis/test.example.com/v1/namespaces/default/widgets";
    private ApiTestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await ApiTestServer.StartAggregatedAsync(builder => builder.AddResource(TestResources.Widget()));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_real_front_proxy_certificate_is_believed()
    {
        using var certificate = _server.Cluster!.IssueFrontProxyCertificate("front-proxy-client", TimeProvider.System, TimeSpan.FromHours(1));

        using var response = await SendAsAdminAsync(certificate);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_certificate_of_another_ca_with_the_same_name_is_refused()
    {
        using var otherCa = SelfSignedCertificateAuthority.Create(TimeProvider.System);
        using var issued = ClientCertificateIssuer.Issue(otherCa, "front-proxy-client", [], TimeSpan.FromHours(1), TimeProvider.System);
        using var forged = X509CertificateLoader.LoadPkcs12(issued.Export(X509ContentType.Pkcs12), null);

        using var response = await SendAsAdminAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_server.Cluster!.SubjectAccessReviews);
    }

    [Fact]
    public async Task A_front_proxy_ca_certificate_with_a_name_not_allowed_is_refused()
    {
        using var certificate = _server.Cluster!.IssueFrontProxyCertificate("not-the-proxy", TimeProvider.System, TimeSpan.FromHours(1));

        using var response = await SendAsAdminAsync(certificate);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_front_proxy_certificate_is_refused()
    {
        using var certificate = _server.Cluster!.IssueFrontProxyCertificate("front-proxy-client", TimeProvider.System, TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromSeconds(2));

        using var response = await SendAsAdminAsync(certificate);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(ApiTestServer.ServiceHost, true, HttpStatusCode.Unauthorized)] // reached: this server trusts only its own cluster's front proxy
    [InlineData("api.other-namespace.svc", true, HttpStatusCode.ServiceUnavailable)] // the certificate does not name that Service
    [InlineData(ApiTestServer.ServiceHost, false, HttpStatusCode.ServiceUnavailable)] // the caBundle did not sign the certificate
    public async Task The_aggregator_verifies_the_serving_certificate_against_the_ca_bundle_for_the_service_name(
        string serviceHost, bool rightCaBundle, HttpStatusCode expected)
    {
        await using var aggregator = await TestCluster.StartAsync();
        using var otherCa = SelfSignedCertificateAuthority.Create(TimeProvider.System);
        var caBundle = rightCaBundle ? await File.ReadAllTextAsync(Path.Combine(_server.CertificateDirectory, "ca.crt")) : PemExport.Certificate(otherCa);
        aggregator.AddApiService(_server.ServerAddress, caBundle, serviceHost);
        aggregator.AddToken("t", new ApiBuilder.Runtime.Authentication.UserInfo("jane", null, [], ApiBuilder.Runtime.Authentication.UserInfo.NoExtra));
        using var client = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { BaseAddress = aggregator.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", "t");

        using var response = await client.GetAsync(Widgets);

        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<HttpResponseMessage> SendAsAdminAsync(X509Certificate2 certificate)
    {
        using var handler = new HttpClientHandler
        {
            ClientCertificateOptions = ClientCertificateOption.Manual,
            ServerCertificateCustomValidationCallback = (_, _, _, _) => true,
        };
        handler.ClientCertificates.Add(certificate);
        using var client = new HttpClient(handler) { BaseAddress = _server.ServerAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, Widgets);
        request.Headers.Add("X-Remote-User", "admin");
        request.Headers.Add("X-Remote-Group", "system:masters");
        return await client.SendAsync(request);
    }
}

/// <summary>Start-up in a cluster whose authentication ConfigMap the server may not read.</summary>
public sealed class AuthenticationLookupTests
{
    [Fact]
    public async Task An_unreadable_config_map_stops_the_start_and_names_the_missing_binding()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.ConfigMapForbidden = true;
        var directory = Path.Combine(Path.GetTempPath(), "apibuilder-lookup-" + Guid.NewGuid().ToString("N")[..8]);
        var builder = ApiBuilder.Runtime.Server.ApiServer.CreateBuilder(
            ["--secure-port", "0", "--bind-address", "127.0.0.1", "--storage", "memory", "--cert-dir", directory, "--kubeconfig", cluster.ServerKubeconfigPath], "test");
        builder.AddResource(TestResources.Widget());
        await using var server = builder.Build();
        try
        {
            var error = await Assert.ThrowsAsync<ApiBuilder.Runtime.Cluster.ClusterConfigurationException>(() => server.StartAsync());

            Assert.Contains("unable to read ConfigMap kube-system/extension-apiserver-authentication: 403", error.Message, StringComparison.Ordinal);
            Assert.Contains("extension-apiserver-authentication-reader", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Tolerating_the_failure_starts_without_the_front_proxy()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.ConfigMapForbidden = true;
        var directory = Path.Combine(Path.GetTempPath(), "apibuilder-lookup-" + Guid.NewGuid().ToString("N")[..8]);
        var builder = ApiBuilder.Runtime.Server.ApiServer.CreateBuilder(
            ["--secure-port", "0", "--bind-address", "127.0.0.1", "--storage", "memory", "--cert-dir", directory, "--kubeconfig", cluster.ServerKubeconfigPath,
             "--authentication-tolerate-lookup-failure", "--log-level", "Error"], "test");
        builder.AddResource(TestResources.Widget());
        await using var server = builder.Build();
        try
        {
            await server.StartAsync();
            Assert.NotEmpty(server.Addresses);
        }
        finally
        {
            await server.StopAsync();
            Directory.Delete(directory, recursive: true);
        }
    }
}
