using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ApiBuilder.Runtime.Benchmarks.Report;

/// <summary>What a fan-out run measured: from the start of each write until its event reached the last watcher.</summary>
internal sealed record FanOutResult(int Watchers, int Writes, double P50Ms, double P99Ms, double MaxMs, int Missed);

/// <summary>
/// Watch fan-out: N clients watch one collection (each its own HTTP/1.1 connection with the same
/// client certificate, as N kubectl or informers would), then one writer changes an object
/// several times, waiting each time until every watcher has the change; for each write, the
/// time from sending it until the last watcher received its event.
/// </summary>
internal static class WatchFanOut
{
    public static async Task<FanOutResult> RunAsync(Func<HttpClient> newClient, string collection, int watchers, int writes)
    {
        using var writer = newClient();
        var name = "fan-" + Guid.NewGuid().ToString("N")[..6];
        var created = await writer.PostAsync(collection, Json(Flunders.Body(name, "start")));
        created.EnsureSuccessStatusCode();
        var rv = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString();

        var delivered = new int[writes];
        var last = new long[writes];
        var ready = 0;
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, Math.Max(1, watchers / 100)).Select(_ => newClient()).ToArray();
        var readers = Enumerable.Range(0, watchers).Select(i => Task.Run(async () =>
        {
            var client = clients[i % clients.Length];
            using var response = await client.GetAsync($"{collection}?watch=1&resourceVersion={rv}&fieldSelector=metadata.name%3D{name}",
                HttpCompletionOption.ResponseHeadersRead, stop.Token);
            response.EnsureSuccessStatusCode();
            Interlocked.Increment(ref ready);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            try
            {
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    var at = Stopwatch.GetTimestamp();
                    var marker = JsonDocument.Parse(line).RootElement.GetProperty("object").GetProperty("spec").GetProperty("reference").GetString();
                    if (marker is not null && marker.StartsWith('m') && int.TryParse(marker.AsSpan(1), out var write) && write < writes)
                    {
                        // Stamps are taken in delivery order per watcher; keep the latest over all watchers.
                        long seen;
                        do
                        {
                            seen = Volatile.Read(ref last[write]);
                        }
                        while (at > seen && Interlocked.CompareExchange(ref last[write], at, seen) != seen);
                        Interlocked.Increment(ref delivered[write]);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (IOException)
            {
            }
        })).ToArray();

        var wait = Stopwatch.StartNew();
        while (Volatile.Read(ref ready) < watchers && wait.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(50);
        }

        await Task.Delay(500);
        var latencies = new List<double>();
        var missed = 0;
        for (var w = 0; w < writes; w++)
        {
            var start = Stopwatch.GetTimestamp();
            using (var response = await writer.PatchAsync($"{collection}/{name}", new StringContent(
                       "{\"spec\":{\"reference\":\"m" + w + "\"}}", Encoding.UTF8, "application/merge-patch+json")))
            {
                response.EnsureSuccessStatusCode();
            }

            var deadline = Stopwatch.StartNew();
            while (Volatile.Read(ref delivered[w]) < watchers && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(1);
            }

            if (Volatile.Read(ref delivered[w]) < watchers)
            {
                missed++;
            }
            else
            {
                latencies.Add(Stopwatch.GetElapsedTime(start, Volatile.Read(ref last[w])).TotalMilliseconds);
            }

            await Task.Delay(20);
        }

        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(readers);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
        {
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }

        latencies.Sort();
        return new FanOutResult(watchers, writes, LoadRunner.Percentile(latencies, 0.5), LoadRunner.Percentile(latencies, 0.99),
            latencies.Count == 0 ? 0 : latencies[^1], missed);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
