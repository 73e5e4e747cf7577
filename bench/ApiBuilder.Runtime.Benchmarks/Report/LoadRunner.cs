using System.Diagnostics;

namespace ApiBuilder.Runtime.Benchmarks.Report;

/// <summary>What one load run measured.</summary>
/// <param name="PerSecond">Completed operations per second.</param>
/// <param name="MeanMs">Mean latency of one operation.</param>
/// <param name="P50Ms">Median latency.</param>
/// <param name="P99Ms">99th percentile latency.</param>
/// <param name="Count">Completed operations.</param>
/// <param name="Errors">Operations that failed (a non-2xx answer or an exception).</param>
internal sealed record LoadResult(double PerSecond, double MeanMs, double P50Ms, double P99Ms, int Count, int Errors, string? FirstError);

/// <summary>
/// The one load tool of the report: a fixed number of callers in a closed loop for a fixed time,
/// each waiting for its answer (body read to the end) before the next call. The same runner
/// drives the server, the bare-Kestrel baseline and the raw storage baselines.
/// </summary>
internal static class LoadRunner
{
    /// <param name="call">Called with the caller's index and a sequence number; returns null on success, else what went wrong.</param>
    public static async Task<LoadResult> RunAsync(TimeSpan duration, int concurrency, Func<int, int, Task<string?>> call)
    {
        // Warm up (connections, JIT tiers, caches) as long as the measured run, unmeasured: .NET's tiered
        // compilation with dynamic PGO takes several seconds under load to reach its final code, and a
        // shorter warm-up measures the JIT rather than the server (a create ran at half its steady rate).
        var sequence = 0;
        var warmup = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            while (warmup.Elapsed < duration)
            {
                try
                {
                    await call(worker, Interlocked.Increment(ref sequence));
                }
                catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or TaskCanceledException)
                {
                }
            }
        })));

        var errors = 0;
        string? firstError = null;
        var latencies = new List<double>[concurrency];
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    error = await call(worker, Interlocked.Increment(ref sequence));
                }
                catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or TaskCanceledException)
                {
                    error = e.GetType().Name + ": " + e.Message;
                }

                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (error is not null)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }
        }));
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(all.Length / elapsed, all.Length == 0 ? 0 : all.Average(), Percentile(all, 0.5), Percentile(all, 0.99), all.Length, errors, firstError);
    }

    /// <summary>Runs an HTTP call and reads its body to the end; a non-success status is an error.</summary>
    public static async Task<string?> HttpAsync(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        await response.Content.CopyToAsync(Stream.Null);
        return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";
    }

    /// <summary>A PUT of the whole object at the resourceVersion the caller last saw (kept per caller; read once at first), as client-go updates.</summary>
    public static async Task<string?> UpdateAsync(HttpClient client, string path, string body, string?[] versions, int worker)
    {
        if (versions[worker] is null)
        {
            var current = await client.GetStringAsync(path);
            versions[worker] = System.Text.Json.JsonDocument.Parse(current).RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        }

        var withVersion = versions[worker] is { } rv ? body.Replace("\"metadata\":{", "\"metadata\":{\"resourceVersion\":\"" + rv + "\",", StringComparison.Ordinal) : body;
        using var response = await client.PutAsync(path, Flunders.Json(withVersion));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            versions[worker] = null;
            return $"HTTP {(int)response.StatusCode} from PUT {path}: {text[..Math.Min(200, text.Length)]}";
        }

        versions[worker] = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        return null;
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
