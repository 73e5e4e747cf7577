using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ApiBuilder.Runtime.Server;
using ApiBuilder.Runtime.Testing;
using ApiBuilder.Runtime.Tests.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Tests.Observability;

/// <summary>--tracing-config-file: kube-apiserver's TracingConfiguration, request spans exported over OTLP.</summary>
public sealed class TracingTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "apibuilder-tracing-" + Guid.NewGuid().ToString("N")[..12]);

    public TracingTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void The_file_has_kube_apiserver_defaults()
    {
        var config = TracingConfiguration.Parse("apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\n");
        Assert.Equal(new TracingConfiguration("localhost:4317", 0), config);
        Assert.Equal(new TracingConfiguration("collector.tracing:4317", 250),
            TracingConfiguration.Parse("""{"apiVersion":"apiserver.config.k8s.io/v1beta1","kind":"TracingConfiguration","endpoint":"collector.tracing:4317","samplingRatePerMillion":250}"""));
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: TracingConfiguration", "expected apiVersion")]
    [InlineData("apiVersion: apiserver.config.k8s.io/v1\nkind: Tracing", "expected apiVersion")]
    [InlineData("apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsampling: 1", "unknown field \"sampling\"")]
    [InlineData("apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: 1000001", "samplingRatePerMillion")]
    [InlineData("apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: half", "samplingRatePerMillion")]
    [InlineData("apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: nowhere", "endpoint")]
    [InlineData("apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: ftp://x:1", "endpoint")]
    [InlineData("- a list", "one TracingConfiguration")]
    public void A_bad_file_is_refused_with_the_reason(string text, string reason) =>
        Assert.Contains(reason, Assert.ThrowsAny<FormatException>(() => TracingConfiguration.Parse(text)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_bad_file_is_a_flag_error_naming_the_file()
    {
        var file = Path.Combine(directory, "tracing.yaml");
        File.WriteAllText(file, "kind: Nothing");

        var error = Assert.ThrowsAny<Exception>(() => FlagParser.Parse(["--tracing-config-file", file], new ApiServerOptions()));
        Assert.Contains("invalid --tracing-config-file " + file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sampled_requests_reach_the_collector_with_their_kubernetes_attributes()
    {
        var bodies = new ConcurrentQueue<byte[]>();
        await using var collector = await StartCollectorAsync(bodies);
        var file = Path.Combine(directory, "tracing.yaml");
        await File.WriteAllTextAsync(file, $"""
            apiVersion: apiserver.config.k8s.io/v1
            kind: TracingConfiguration
            endpoint: {collector.Urls.First()}
            samplingRatePerMillion: 1000000
            """);

        await using (var server = await ApiTestServer.StartAsync(b =>
        {
            b.Options = b.Options with { TracingConfigFile = file };
            b.AddResource(TestResources.Widget());
        }))
        {
            var response = await server.Client.GetAsync("/apis/test.example.com/v1/namespaces/default/widgets");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Stopping the server flushes the exporter.
        var exported = string.Join("\n", bodies.Select(b => Encoding.UTF8.GetString(b)));
        Assert.Contains("ApiBuilder.Server", exported, StringComparison.Ordinal);
        Assert.Contains("k8s.verb", exported, StringComparison.Ordinal);
        Assert.Contains("widgets", exported, StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartCollectorAsync(ConcurrentQueue<byte[]> bodies)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/v1/traces", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            bodies.Enqueue(body.ToArray());
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        return app;
    }
}
