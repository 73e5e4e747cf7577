using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Client;
using ApiBuilder.Runtime.Controllers;
using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Testing;

/// <summary>
/// The controller runtime on 10,000 objects: how long after the last write the controller has reconciled every
/// object at its last state, against the time one LIST of the same objects takes through the same client (what
/// any controller must at least read), and the informer cache's memory per object against the objects' JSON size.
/// Usage: dotnet run -c Release --project bench/ApiBuilder.Runtime.Benchmarks -- controllers [objects] [writers]
/// </summary>
internal static class ControllerScenario
{
    private const string Collection = "/apis/bench.example.com/v1/namespaces/bench/gauges";

    public static async Task RunAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
        var writers = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 16;
        var reconciler = new LastSeen();
        await using var server = await ApiTestServer.StartAsync(b =>
        {
            b.AddResource(Gauge.Definition);
            b.AddController(reconciler, new ControllerOptions { Concurrency = 4 });
        });

        var next = -1;
        var written = new ConcurrentDictionary<string, string>();
        var writing = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var response = await server.Client.PostAsync(Collection, new StringContent(
                    $$$"""{"apiVersion":"bench.example.com/v1","kind":"Gauge","metadata":{"name":"g{{{i}}}","labels":{"app":"bench"}},"spec":{"value":{{{i}}}}}""",
                    Encoding.UTF8, "application/json"));
                response.EnsureSuccessStatusCode();
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                written["bench/g" + i] = (string)body["metadata"]!["resourceVersion"]!;
            }
        }));
        var lastWrite = writing.Elapsed;
        while (written.Any(w => reconciler.Versions.GetValueOrDefault(w.Key) != w.Value))
        {
            await Task.Delay(5);
        }

        var reconciledAfterLastWrite = writing.Elapsed - lastWrite;

        var listing = Stopwatch.StartNew();
        var listed = await server.Client.GetByteArrayAsync(Collection);
        var listTime = listing.Elapsed;
        var jsonPerObject = (double)listed.Length / count;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var stop = new CancellationTokenSource();
        var informer = new Informer<Gauge>(new ResourceClient<Gauge>(server.Client, "bench"));
        var run = informer.RunAsync(stop.Token);
        await informer.Synced;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perObject = (double)(after - before) / informer.Objects.Count;
        await stop.CancelAsync();
        await run;

        Console.WriteLine($"{count} objects, {writers} writers, 4 reconcile workers (in-process controller over loopback HTTPS)");
        Console.WriteLine($"{"writes",-44} {lastWrite.TotalSeconds,8:F2} s  ({count / lastWrite.TotalSeconds:F0}/s)");
        Console.WriteLine($"{"last write -> every object reconciled",-44} {reconciledAfterLastWrite.TotalMilliseconds,8:F0} ms");
        Console.WriteLine($"{"baseline: one LIST of them (same client)",-44} {listTime.TotalMilliseconds,8:F0} ms  ratio {reconciledAfterLastWrite / listTime:F2}");
        Console.WriteLine($"{"informer cache per object",-44} {perObject,8:F0} B   JSON {jsonPerObject:F0} B  ratio {perObject / jsonPerObject:F2}");
    }

    private sealed class LastSeen : IReconciler<Gauge>
    {
        public ConcurrentDictionary<string, string> Versions { get; } = new();

        public Task<ReconcileResult> ReconcileAsync(Gauge obj, CancellationToken cancellationToken)
        {
            Versions[Informer<Gauge>.KeyOf(obj)] = obj.Metadata.ResourceVersion ?? "";
            return Task.FromResult(ReconcileResult.Done);
        }
    }

    /// <summary>A small Kind written by hand, as the generator would write it.</summary>
    private sealed class Gauge : KubernetesObject, IKind<Gauge>
    {
        public override string ApiVersion => "bench.example.com/v1";

        public override string Kind => "Gauge";

        public long Value { get; set; }

        public static ResourceDefinition Definition { get; } = new()
        {
            Group = "bench.example.com",
            Version = "v1",
            Kind = "Gauge",
            Plural = "gauges",
            Schema = (JsonObject)JsonNode.Parse("""{"type":"object","properties":{"spec":{"type":"object","properties":{"value":{"type":"integer"}}}}}""")!,
        };

        public static Gauge ReadJson(ref Utf8JsonReader reader)
        {
            var node = JsonNode.Parse(ref reader)!;
            return new Gauge
            {
                Value = (long?)node["spec"]?["value"] ?? 0,
                Metadata =
                {
                    Name = (string?)node["metadata"]?["name"],
                    Namespace = (string?)node["metadata"]?["namespace"],
                    ResourceVersion = (string?)node["metadata"]?["resourceVersion"],
                    Uid = (string?)node["metadata"]?["uid"],
                },
            };
        }

        public static void WriteJson(Utf8JsonWriter writer, Gauge value)
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", value.ApiVersion);
            writer.WriteString("kind", value.Kind);
            writer.WriteStartObject("metadata");
            writer.WriteString("name", value.Metadata.Name);
            writer.WriteEndObject();
            writer.WriteStartObject("spec");
            writer.WriteNumber("value", value.Value);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }
}
