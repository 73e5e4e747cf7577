using System.Diagnostics;
using System.Globalization;

namespace ApiBuilder.Runtime.Benchmarks.Report;

/// <summary>
/// <c>profile SCENARIO [--backend memory|sqlite|etcd] [--seconds N] [--trace FILE] [--perf FILE]</c>: keeps one
/// load of the report (create, get, update or patch) running against the Wardle process for a
/// warm-up and then for N seconds, printing the rate of each; with <c>--trace</c>,
/// <c>dotnet-trace collect</c> (on PATH or in DOTNET_TRACE) samples the server during the measured
/// seconds, and with <c>--perf</c> Linux perf records CPU samples with call graphs. For finding where a scenario's time goes; the report is what measures it.
/// </summary>
internal static class ProfileCommand
{
    /// <summary>User plus system CPU time of a process, from /proc.</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var scenario = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "create";
        var backendName = Option("--backend") ?? "memory";
        var seconds = double.Parse(Option("--seconds") ?? "10", CultureInfo.InvariantCulture);
        var trace = Option("--trace");
        var perfData = Option("--perf");
        if (perfData is not null)
        {
            // The server inherits it and writes /tmp/perf-<pid>.map, which perf report reads for JIT-compiled code.
            Environment.SetEnvironmentVariable("DOTNET_PerfMapEnabled", "1");
            Environment.SetEnvironmentVariable("DOTNET_EnableWriteXorExecute", "0");
        }

        var repo = ReportCommand.FindRepository();
        var wardle = Path.Combine(repo, "samples", "Wardle", "bin", "Release", "net10.0", "wardle-apiserver.dll");
        var work = Path.Combine(Path.GetTempPath(), "apibuilder-profile-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var context = new ReportCommand.RunContext(wardle, work, TimeSpan.FromSeconds(seconds), quick: true);
        try
        {
            await using var etcd = backendName.StartsWith("etcd", StringComparison.Ordinal) ? await EtcdServer.StartAsync() : null;
            var backend = backendName switch
            {
                "memory" => new ReportCommand.Backend("memory", ["--storage", "memory"], null),
                "sqlite" => new ReportCommand.Backend("sqlite", ["--storage", "sqlite:{work}/profile.db"], null),
                _ => ReportCommand.Backend.All(etcd!).First(b => b.Name == backendName),
            };
            var flags = backend.Flags.Select(f => f.Replace("{work}", work, StringComparison.Ordinal).Replace("{id}", "p", StringComparison.Ordinal));
            var (server, client) = await ReportCommand.StartWardleAsync(context, flags);
            await using (server)
            using (client)
            {
                var collection = Flunders.Collection("bench");
                await Flunders.CreateManyAsync(client, "bench", 16, "u");
                var versions = new string?[16];
                Func<int, int, Task<string?>> call = scenario switch
                {
                    "create" => (_, n) => LoadRunner.HttpAsync(client.PostAsync(collection, Flunders.Json(Flunders.Body($"c-{n}-{Environment.TickCount64}", "r" + n)))),
                    "get" => (_, _) => LoadRunner.HttpAsync(client.GetAsync(collection + "/u-000000")),
                    "update" => (w, n) => LoadRunner.UpdateAsync(client, $"{collection}/u-{w:D6}", Flunders.Body($"u-{w:D6}", "v" + n), versions, w),
                    "patch" => (w, n) => LoadRunner.HttpAsync(client.PatchAsync($"{collection}/u-{w:D6}", Flunders.MergePatch("{\"spec\":{\"reference\":\"p" + n + "\"}}"))),
                    _ => throw new ArgumentException("scenario: create, get, update or patch"),
                };
                Console.WriteLine($"server pid {server.Pid}");
                var warm = await LoadRunner.RunAsync(context.Duration, 16, call);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up  {warm.PerSecond,8:F0}/s p50 {warm.P50Ms:F1} ms p99 {warm.P99Ms:F1} ms errors {warm.Errors} {warm.FirstError}"));
                var pid = server.Pid.ToString(CultureInfo.InvariantCulture);
                using var tracer = trace is null ? null : Process.Start(new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_TRACE") ?? "dotnet-trace",
                    ["collect", "-p", pid, "--profile", "dotnet-sampled-thread-time", "-o", trace,
                     "--duration", TimeSpan.FromSeconds(seconds).ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture)])
                { RedirectStandardOutput = true, RedirectStandardError = true });
                using var perf = perfData is null ? null : Process.Start(new ProcessStartInfo("perf",
                    ["record", "-F", "999", "-g", "-p", pid, "-o", perfData, "--", "sleep", seconds.ToString(CultureInfo.InvariantCulture)])
                { RedirectStandardOutput = true, RedirectStandardError = true });
                var serverCpu = CpuSeconds(server.Pid);
                var etcdCpu = etcd is null ? 0 : CpuSeconds(etcd.Pid);
                var loadCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
                var measured = await LoadRunner.RunAsync(context.Duration, 16, call);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"measured {measured.PerSecond,8:F0}/s p50 {measured.P50Ms:F1} ms p99 {measured.P99Ms:F1} ms errors {measured.Errors} {measured.FirstError}"));
                double PerRequest(double before, double after) => (after - before) * 1e6 / measured.Count;
                var serverUs = PerRequest(serverCpu, CpuSeconds(server.Pid));
                var loadUs = PerRequest(loadCpu, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
                var etcdUs = etcd is null ? 0 : PerRequest(etcdCpu, CpuSeconds(etcd.Pid));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU per request: server {serverUs:F0} µs, load tool {loadUs:F0} µs, etcd {etcdUs:F0} µs"));
                if (tracer is not null)
                {
                    await tracer.WaitForExitAsync();
                    Console.WriteLine($"trace: {trace}");
                }

                if (perf is not null)
                {
                    await perf.WaitForExitAsync();
                    Console.WriteLine($"perf data: {perfData} (server started with DOTNET_PerfMapEnabled=1)");
                }
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        return 0;
    }
}
