using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Client;
using ApiBuilder.Runtime.Controllers;
using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Tests.Storage;

namespace ApiBuilder.Storage.Tests;

/// <summary>
/// An informer outlives a crash of the server it watches: it keeps retrying while the server is down, then
/// resumes (or relists) and delivers every change made after the restart, with nothing missed.
/// </summary>
public sealed class InformerRestartTests
{
    private const string Flunders = "/apis/wardle.example.com/v1alpha1/namespaces/default/flunders";

    [Fact]
    public async Task An_informer_sees_every_change_across_a_killed_and_restarted_server()
    {
        using var directory = new TempDirectory("informer-restart");
        var port = FreePort();
        await using var server = await WardleProcess.StartAsync(directory.Path,
            "--storage", "sqlite:" + Path.Combine(directory.Path, "data", "storage.db"), "--secure-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--controllers=");
        var log = new Lines();
        using var http = new HttpClient(new Forwarding(() => server.Http, log)) { BaseAddress = server.Http.BaseAddress };
        var informer = new Informer<FlunderView>(new ResourceClient<FlunderView>(http, "default"), logger: log);
        var deleted = new List<string>();
        informer.Deleted += f => { lock (deleted) { deleted.Add(f.Metadata.Name!); } };
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);

        await CreateAsync(server, "a");
        await CreateAsync(server, "b");
        await Until(() => informer.Objects.ContainsKey("default/a") && informer.Objects.ContainsKey("default/b"));

        await server.KillAsync();
        await Task.Delay(500); // the informer's watch breaks and it retries against a server that is down
        await server.RestartAsync();
        await CreateAsync(server, "c");
        using (var removed = await server.Http.DeleteAsync(Flunders + "/a"))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }

        await Until(() => informer.Objects.ContainsKey("default/c") && !informer.Objects.ContainsKey("default/a"), () => string.Join("\n", log.All) + "\n" + server.Output);
        Assert.True(informer.Objects.ContainsKey("default/b"));
        lock (deleted)
        {
            Assert.Equal(["a"], deleted);
        }

        await stop.CancelAsync();
        await run;
    }

    private static async Task CreateAsync(WardleProcess server, string name)
    {
        using var created = await server.Http.PostAsync(Flunders, new StringContent(
            $$$"""{"apiVersion":"wardle.example.com/v1alpha1","kind":"Flunder","metadata":{"name":"{{{name}}}"},"spec":{"reference":"x"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static async Task Until(Func<bool> condition, Func<string>? explain = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the informer did not catch up within 60 s\n" + explain?.Invoke());
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Lines : Microsoft.Extensions.Logging.ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> All { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            All.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {formatter(state, exception)}");
    }

    /// <summary>Sends through the server's current client, which a restart replaces.</summary>
    private sealed class Forwarding(Func<HttpClient> current, Lines log) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // A message goes through one HttpClient only: send a copy.
            var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content };
            foreach (var (name, values) in request.Headers)
            {
                copy.Headers.TryAddWithoutValidation(name, values);
            }

            log.All.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} -> {request.Method} {request.RequestUri}");
            var response = await current().SendAsync(copy, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            log.All.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} <- {(int)response.StatusCode} {request.RequestUri}");
            return response;
        }
    }

    /// <summary>Enough of a Flunder for an informer: the metadata.</summary>
    public sealed class FlunderView : KubernetesObject, IKind<FlunderView>
    {
        public override string ApiVersion => "wardle.example.com/v1alpha1";

        public override string Kind => "Flunder";

        public static ResourceDefinition Definition { get; } = new()
        {
            Group = "wardle.example.com",
            Version = "v1alpha1",
            Kind = "Flunder",
            Plural = "flunders",
            Schema = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
        };

        public static FlunderView ReadJson(ref Utf8JsonReader reader)
        {
            var node = JsonNode.Parse(ref reader)!;
            return new FlunderView
            {
                Metadata =
                {
                    Name = (string?)node["metadata"]?["name"],
                    Namespace = (string?)node["metadata"]?["namespace"],
                    ResourceVersion = (string?)node["metadata"]?["resourceVersion"],
                },
            };
        }

        public static void WriteJson(Utf8JsonWriter writer, FlunderView value)
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", value.ApiVersion);
            writer.WriteString("kind", value.Kind);
            writer.WriteStartObject("metadata");
            writer.WriteString("name", value.Metadata.Name);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }
}
