using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ApiBuilder.Runtime.Controllers;
using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Testing;
using ApiBuilder.Runtime.Tests.Rest;

namespace ApiBuilder.Runtime.Tests.Controllers;

/// <summary>A controller run by the server in its process, over its loopback client.</summary>
public sealed class ControllerTests
{
    private const string Gadgets = "/apis/test.example.com/v1/namespaces/default/gadgets";

    [Fact]
    public async Task Changes_are_reconciled_one_at_a_time_per_object_and_failures_retry_with_backoff()
    {
        var reconciler = new Recorder { FailuresFor = { ["default/flaky"] = 2 } };
        var options = new ControllerOptions { Concurrency = 4, BaseBackoff = TimeSpan.FromMilliseconds(10) };
        await using var server = await ApiTestServer.StartAsync(builder =>
        {
            builder.AddResource(Gadget.Definition);
            builder.AddController(reconciler, options);
        });

        await CreateAsync(server, "steady", 1);
        await CreateAsync(server, "flaky", 1);
        await Until(() => reconciler.Succeeded.ContainsKey("default/steady") && reconciler.Succeeded.ContainsKey("default/flaky"));
        Assert.Equal(3, reconciler.Calls["default/flaky"]); // two failures, then the success

        for (var size = 2; size <= 6; size++)
        {
            using var patched = await server.Client.PatchAsync($"{Gadgets}/steady",
                new StringContent($$$"""{"spec":{"size":{{{size}}}}}""", Encoding.UTF8, "application/merge-patch+json"));
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        await Until(() => reconciler.LastSize.GetValueOrDefault("default/steady") == 6);
        Assert.Equal(1, reconciler.MaxConcurrentPerKey);
    }

    [Fact]
    public async Task RequeueAfter_brings_an_object_back_without_a_change()
    {
        var reconciler = new Recorder { RequeueAfter = TimeSpan.FromMilliseconds(100) };
        await using var server = await ApiTestServer.StartAsync(builder =>
        {
            builder.AddResource(Gadget.Definition);
            builder.AddController(reconciler);
        });

        await CreateAsync(server, "polled", 1);

        await Until(() => reconciler.Calls.GetValueOrDefault("default/polled") >= 3);
    }

    [Fact]
    public async Task A_kind_kept_in_the_users_own_storage_is_reconciled_from_its_watch()
    {
        var reconciler = new Recorder();
        await using var server = await ApiTestServer.StartAsync(builder =>
        {
            builder.AddResource(Gadget.Definition, new Storage.JournalStorage(keep: 1000));
            builder.AddController(reconciler);
        });

        await CreateAsync(server, "journaled", 1);
        await Until(() => reconciler.LastSize.GetValueOrDefault("default/journaled") == 1);
        await PatchSizeAsync(server, "journaled", 4);
        await Until(() => reconciler.LastSize.GetValueOrDefault("default/journaled") == 4);
    }

    [Fact]
    public async Task A_kind_whose_typed_storage_cannot_be_watched_is_polled()
    {
        var reconciler = new Recorder();
        var storage = new DictionaryStorage();
        await using var server = await ApiTestServer.StartAsync(builder =>
        {
            builder.AddResource<Gadget>(storage);
            builder.AddController(reconciler, new ControllerOptions { PollInterval = TimeSpan.FromMilliseconds(100) });
        });

        // Watch answers 405 for this storage: the informer lists every PollInterval and compares.
        await CreateAsync(server, "polled-1", 1);
        await Until(() => reconciler.LastSize.GetValueOrDefault("default/polled-1") == 1);
        await PatchSizeAsync(server, "polled-1", 7);
        await CreateAsync(server, "polled-2", 2);
        await Until(() => reconciler.LastSize.GetValueOrDefault("default/polled-1") == 7 && reconciler.LastSize.GetValueOrDefault("default/polled-2") == 2);
        var calls = reconciler.Calls["default/polled-1"];

        // Unchanged objects are not reconciled again on each poll.
        await Task.Delay(500);
        Assert.Equal(calls, reconciler.Calls["default/polled-1"]);
    }

    private static async Task PatchSizeAsync(ApiTestServer server, string name, int size)
    {
        using var patched = await server.Client.PatchAsync($"{Gadgets}/{name}",
            new StringContent($$$"""{"spec":{"size":{{{size}}}}}""", Encoding.UTF8, "application/merge-patch+json"));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
    }

    private static async Task CreateAsync(ApiTestServer server, string name, int size)
    {
        using var created = await server.Client.PostAsync(Gadgets, new StringContent(
            $$$"""{"apiVersion":"test.example.com/v1","kind":"Gadget","metadata":{"name":"{{{name}}}"},"spec":{"size":{{{size}}}}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the controller did not get there within 20 s");
            await Task.Delay(20);
        }
    }

    private sealed class Recorder : IReconciler<Gadget>
    {
        private readonly ConcurrentDictionary<string, int> running = new();
        private int maxConcurrentPerKey;

        public ConcurrentDictionary<string, int> FailuresFor { get; } = new();

        public ConcurrentDictionary<string, int> Calls { get; } = new();

        public ConcurrentDictionary<string, bool> Succeeded { get; } = new();

        public ConcurrentDictionary<string, long> LastSize { get; } = new();

        public TimeSpan RequeueAfter { get; init; }

        public int MaxConcurrentPerKey => maxConcurrentPerKey;

        public async Task<ReconcileResult> ReconcileAsync(Gadget obj, CancellationToken cancellationToken)
        {
            var key = Informer<Gadget>.KeyOf(obj);
            var now = running.AddOrUpdate(key, 1, (_, n) => n + 1);
            InterlockedMax(now);
            try
            {
                Calls.AddOrUpdate(key, 1, (_, n) => n + 1);
                await Task.Delay(5, cancellationToken);
                if (FailuresFor.TryGetValue(key, out var left) && left > 0)
                {
                    FailuresFor[key] = left - 1;
                    throw new InvalidOperationException("not yet");
                }

                LastSize[key] = obj.Size;
                Succeeded[key] = true;
                return RequeueAfter > TimeSpan.Zero ? ReconcileResult.After(RequeueAfter) : ReconcileResult.Done;
            }
            finally
            {
                running.AddOrUpdate(key, 0, (_, n) => n - 1);
            }
        }

        private void InterlockedMax(int value)
        {
            int seen;
            while (value > (seen = maxConcurrentPerKey) && Interlocked.CompareExchange(ref maxConcurrentPerKey, value, seen) != seen)
            {
            }
        }
    }
}
