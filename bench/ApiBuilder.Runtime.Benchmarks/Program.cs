using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

// Load driver for the runtime: requests per second through the whole pipeline (TLS with a client
// certificate, authentication, routing, negotiation, registry, in-memory storage, encoding),
// reported as a ratio to a baseline measured in the same run: bare Kestrel on the same TLS
// certificate answering a fixed body of the same size. Usage:
//   dotnet run -c Release --project bench/ApiBuilder.Runtime.Benchmarks -- [seconds per scenario] [concurrency]
if (args is ["report", ..])
{
    return await ApiBuilder.Runtime.Benchmarks.Report.ReportCommand.RunAsync(args[1..]);
}

if (args is ["profile", ..])
{
    return await ApiBuilder.Runtime.Benchmarks.Report.ProfileCommand.RunAsync(args[1..]);
}

if (args is ["baseline-server", ..])
{
    await ApiBuilder.Runtime.Benchmarks.Report.BaselineServer.RunAsync(args[1..]);
    return 0;
}

if (args is ["controllers", ..])
{
    await ControllerScenario.RunAsync(args);
    return 0;
}

var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
var concurrency = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 16;
var duration = TimeSpan.FromSeconds(seconds);

var widget = new ResourceDefinition
{
    Group = "bench.example.com",
    Version = "v1",
    Kind = "Widget",
    Plural = "widgets",
    HasStatusSubresource = true,
    Schema = (JsonObject)JsonNode.Parse("""{"type":"object","properties":{"spec":{"type":"object","properties":{"size":{"type":"integer","minimum":0},"color":{"type":"string","enum":["red","blue"]}}},"status":{"type":"object","properties":{"phase":{"type":"string"}}}}}""")!,
};

await using var server = await ApiTestServer.StartAsync(b => b.AddResource(widget));
var client = server.Client;
const string collection = "/apis/bench.example.com/v1/namespaces/bench/widgets";
string Body(int i) => "{\"apiVersion\":\"bench.example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w" + i + "\",\"labels\":{\"app\":\"bench\"}},\"spec\":{\"size\":" + (i % 100) + ",\"color\":\"red\"}}";
(await client.PostAsync(collection, new StringContent(Body(0), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
var sample = await client.GetByteArrayAsync(collection + "/w0");

await using var baseline = await Baseline.StartAsync(server.CertificateDirectory, sample);
var baselineClient = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { BaseAddress = baseline.Address };

var baselineGet = await Load.RunAsync("baseline: bare Kestrel, fixed body", duration, concurrency, _ => baselineClient.GetAsync("/"));
var get = await Load.RunAsync("get one object", duration, concurrency, _ => client.GetAsync(collection + "/w0"));
var next = 1;
var create = await Load.RunAsync("create", duration, concurrency, _ =>
    client.PostAsync(collection, new StringContent(Body(Interlocked.Increment(ref next)), Encoding.UTF8, "application/json")));
var patch = await Load.RunAsync("merge patch", duration, concurrency, i =>
    client.PatchAsync(collection + "/w" + (2 + (i % Math.Max(1, next - 1))), new StringContent("{\"spec\":{\"size\":" + (i % 50) + "}}", Encoding.UTF8, "application/merge-patch+json")));
var list = await Load.RunAsync("list 500 (limit=500)", duration, concurrency, _ => client.GetAsync(collection + "?limit=500"));

Console.WriteLine();
Console.WriteLine($"{"scenario",-36} {"req/s",10} {"ratio",8} {"errors",7}");
foreach (var r in new[] { baselineGet, get, create, patch, list })
{
    Console.WriteLine($"{r.Name,-36} {r.PerSecond,10:F0} {r.PerSecond / baselineGet.PerSecond,8:F2} {r.Errors,7}");
}

return 0;

/// <summary>Runs one scenario with a fixed number of concurrent callers for a fixed time.</summary>
internal static class Load
{
    public static async Task<Result> RunAsync(string name, TimeSpan duration, int concurrency, Func<int, Task<HttpResponseMessage>> call)
    {
        // Warm up connections and code paths, then measure.
        for (var i = 0; i < concurrency; i++)
        {
            (await call(i)).Dispose();
        }

        var count = 0;
        var errors = 0;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (watch.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref count);
                using var response = await call(n);
                await response.Content.CopyToAsync(Stream.Null);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        });
        await Task.WhenAll(workers);
        return new Result(name, count / watch.Elapsed.TotalSeconds, errors);
    }

    public sealed record Result(string Name, double PerSecond, int Errors);
}

/// <summary>The baseline: Kestrel on HTTPS with the same serving certificate, answering a fixed body.</summary>
internal sealed class Baseline(WebApplication app, Uri address) : IAsyncDisposable
{
    public Uri Address { get; } = address;

    public static async Task<Baseline> StartAsync(string certificateDirectory, byte[] body)
    {
        var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(
            Path.Combine(certificateDirectory, "apiserver.crt"), Path.Combine(certificateDirectory, "apiserver.key"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.Body.WriteAsync(body).AsTask();
        });
        await app.StartAsync();
        var address = app.Urls.Select(u => new Uri(u)).First();
        return new Baseline(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
