using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using ApiBuilder.Runtime.Storage.Etcd;

namespace ApiBuilder.Runtime.Benchmarks.Report;

/// <summary>
/// <c>report [--out FILE] [--quick] [--only a,b]</c>: runs every scenario against the Wardle sample
/// (its Release build, as its own process) on memory, SQLite and etcd storage, each next to its
/// baseline measured in the same run with the same load tool, TLS and concurrency, and writes a
/// Markdown report. It starts its own etcd and stops it. <c>--only</c> picks sections
/// (api, watch, rss, start, generator) and backends (memory, sqlite, etcd) while iterating.
/// </summary>
internal static partial class ReportCommand
{
    private const int Concurrency = 16;
    private const int ListSize = 3000;
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io";

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var outIndex = Array.IndexOf(args, "--out");
        var onlyIndex = Array.IndexOf(args, "--only");
        var only = onlyIndex >= 0 ? args[onlyIndex + 1].Split(',').ToHashSet() : null;
        bool Wanted(string what) => only is null || only.Contains(what);
        var repo = FindRepository();
        var output = outIndex >= 0 ? Path.GetFullPath(args[outIndex + 1])
            : Path.Combine(repo, "bench", "reports", DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (quick ? "-quick" : "") + ".md");
        var duration = TimeSpan.FromSeconds(quick ? 2 : 5);
        var wardle = Path.Combine(repo, "samples", "Wardle", "bin", "Release", "net10.0", "wardle-apiserver.dll");
        var generator = Path.Combine(repo, "bench", "ApiBuilder.Generator.Benchmarks", "bin", "Release", "net10.0", "ApiBuilder.Generator.Benchmarks.dll");
        if (!File.Exists(wardle))
        {
            Console.Error.WriteLine($"{wardle} is missing: build it first (bench/run does: dotnet build -c Release samples/Wardle)");
            return 2;
        }

        var work = Path.Combine(Path.GetTempPath(), "apibuilder-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var context = new RunContext(wardle, work, duration, quick);
        var report = new ReportTable();
        try
        {
            await using var etcd = await EtcdServer.StartAsync();
            context.Etcd = etcd;
            var requests = report.Section($"Requests (c={Concurrency}, HTTPS with a client certificate)",
                "Throughput of the Wardle server (its own process) against the same answer's bytes from bare Kestrel on the same TLS " +
                "(for writes on SQLite and etcd also against raw writes to the storage itself); ratio = server ÷ baseline, higher is better.");
            var lists = report.Section($"Lists of {ListSize:N0} Flunders (c=1)",
                "Time of one LIST against bare Kestrel sending the same bytes (and, on etcd, etcd returning the same range through the storage's client); " +
                "ratio = server ÷ baseline time, lower is better.");
            var watch = report.Section("Watch fan-out",
                "From sending a write until the last of the watchers has its event, over HTTPS (one HTTP/1.1 connection per watcher); " +
                "baseline: the same with one watcher; ratio = p99 ÷ baseline p99.");
            var footprint = report.Section("Memory", "Resident memory of the server holding the objects (watch cache over SQLite) beyond an empty server's, against the objects' JSON size.");
            var start = report.Section("Start", "From starting the process to the first 200 of /readyz over HTTPS; baseline: a bare Kestrel process with the same certificate; median.");
            var gen = report.Section("Source generator", "Median of repeated runs in one process after warm-up; baseline: the compiler binding the declarations of the same 200 Kinds.");

            if (Wanted("api") || Wanted("watch"))
            {
                var backends = new List<Backend>();
                foreach (var backend in Backend.All(etcd))
                {
                    if (only is null || only.Contains(backend.Name) || !only.Overlaps(Backend.All(etcd).Select(b => b.Name)))
                    {
                        backends.Add(backend);
                    }
                }

                var measured = new List<BackendResults>();
                foreach (var backend in backends)
                {
                    Console.WriteLine($"== {backend.Name}");
                    measured.Add(await MeasureBackendAsync(context, backend, Wanted("api"), Wanted("watch")));
                }

                if (Wanted("api"))
                {
                    await CompareRequestsAsync(context, measured, requests, lists);
                }

                if (Wanted("watch"))
                {
                    foreach (var m in measured)
                    {
                        if (m.FanOut is { } f && m.FanOutBaseline is { } b)
                        {
                            var line = string.Create(CultureInfo.InvariantCulture, $"p50 {f.P50Ms:F1} ms, p99 {f.P99Ms:F1} ms, max {f.MaxMs:F1} ms{(f.Missed > 0 ? $", {f.Missed} writes missed" : "")}");
                            var baseLine = string.Create(CultureInfo.InvariantCulture, $"p50 {b.P50Ms:F1} ms, p99 {b.P99Ms:F1} ms");
                            watch.Add(new ReportRow($"{f.Watchers:N0} watchers, {f.Writes} writes", m.Backend.Name, line, "1 watcher", baseLine,
                                f.P99Ms / Math.Max(0.001, b.P99Ms), "p99 ≤ 50 ms", f.P99Ms <= 50 && f.Missed == 0));
                        }
                    }
                }
            }

            if (Wanted("rss"))
            {
                await MeasureFootprintAsync(context, footprint);
            }

            if (Wanted("start"))
            {
                await MeasureStartAsync(context, start);
            }

            if (Wanted("generator"))
            {
                await MeasureGeneratorAsync(generator, quick, gen);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        foreach (var note in context.Notes)
        {
            report.Note(note);
        }

        var markdown = report.ToMarkdown("Performance report", await PreambleAsync(repo, context));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"written to {output}");
        return 0;
    }

    /// <summary>The storage flags of one Wardle run.</summary>
    internal sealed record Backend(string Name, string[] Flags, string? EtcdPrefix, EtcdClientKind EtcdClient = EtcdClientKind.Grpc)
    {
        public static IEnumerable<Backend> All(EtcdServer etcd) =>
        [
            new("memory", ["--storage", "memory"], null),
            new("sqlite", ["--storage", "sqlite:{work}/sqlite-{id}.db"], null),
            new("etcd", ["--storage", "etcd", "--etcd-servers", etcd.ClientUrl.ToString().TrimEnd('/'), "--etcd-prefix", "/bench-{id}"], "/bench-{id}"),
            new("etcd-json", ["--storage", "etcd", "--etcd-servers", etcd.ClientUrl.ToString().TrimEnd('/'), "--etcd-prefix", "/bench-{id}", "--etcd-client", "json"],
                "/bench-{id}", EtcdClientKind.Json),
        ];
    }

    internal sealed class RunContext(string wardle, string work, TimeSpan duration, bool quick)
    {
        public string Wardle { get; } = wardle;

        public string Work { get; } = work;

        public TimeSpan Duration { get; } = duration;

        public bool Quick { get; } = quick;

        public EtcdServer? Etcd { get; set; }

        public string CertificateDirectory => Path.Combine(Work, "certificates");

        public List<string> Notes { get; } = [];

        /// <summary>Bodies the baseline server answers with, captured from the first server run.</summary>
        public Dictionary<string, byte[]> Bodies { get; } = [];
    }

    internal sealed class BackendResults(Backend backend)
    {
        public Backend Backend { get; } = backend;

        public Dictionary<string, LoadResult> Loads { get; } = [];

        public LoadResult? RawWrite { get; set; }

        public string? RawWriteName { get; set; }

        public LoadResult? RawRange { get; set; }

        public string? RawRangeName { get; set; }

        public LoadResult? RawRead { get; set; }

        public string? RawReadName { get; set; }

        public FanOutResult? FanOut { get; set; }

        public FanOutResult? FanOutBaseline { get; set; }
    }

    /// <summary>Starts Wardle as its own process on the backend's storage (controllers off: they would write too).</summary>
    internal static async Task<(ServerProcess Server, HttpClient Client)> StartWardleAsync(RunContext context, IEnumerable<string> storageFlags, string? dataDirectory = null)
    {
        var port = EtcdServer.FreePort();
        var kubeconfig = Path.Combine(context.Work, $"kubeconfig-{port}");
        var server = await ServerProcess.StartAsync(context.Wardle, port,
        [
            "--secure-port", port.ToString(CultureInfo.InvariantCulture), "--bind-address", "127.0.0.1",
            "--cert-dir", dataDirectory is null ? context.CertificateDirectory : Path.Combine(dataDirectory, "certificates"),
            "--write-kubeconfig", kubeconfig, "--controllers", "", "--log-level", "Warning", .. storageFlags,
        ]);
        return (server, ServerProcess.ClientFromKubeconfig(kubeconfig, server.Address));
    }

    private static async Task<BackendResults> MeasureBackendAsync(RunContext context, Backend backend, bool api, bool watch)
    {
        var id = Guid.NewGuid().ToString("N")[..6];
        string Expand(string flag) => flag.Replace("{work}", context.Work, StringComparison.Ordinal).Replace("{id}", id, StringComparison.Ordinal);
        var results = new BackendResults(backend);
        var (server, client) = await StartWardleAsync(context, backend.Flags.Select(Expand));
        await using (server)
        using (client)
        {
            var collection = Flunders.Collection("bench");
            using (var created = await client.PostAsync(collection, Flunders.Json(Flunders.Body("f0", "start"))))
            {
                created.EnsureSuccessStatusCode();
                context.Bodies.TryAdd("create", await created.Content.ReadAsByteArrayAsync());
            }

            context.Bodies.TryAdd("get", await client.GetByteArrayAsync(collection + "/f0"));
            if (api)
            {
                await Flunders.CreateManyAsync(client, "bench", Concurrency, "u");
                await MeasureRequestsAsync(context, backend, client, collection, results, Expand);
            }

            if (watch)
            {
                var writes = context.Quick ? 30 : 100;
                Console.WriteLine("   watch fan-out");
                results.FanOutBaseline = await WatchFanOut.RunAsync(() => ServerProcess.ClientFromKubeconfig(KubeconfigOf(context, server), server.Address),
                    Flunders.Collection("watch"), 1, writes);
                results.FanOut = await WatchFanOut.RunAsync(() => ServerProcess.ClientFromKubeconfig(KubeconfigOf(context, server), server.Address),
                    Flunders.Collection("watch"), 1000, writes);
            }
        }

        return results;
    }

    private static string KubeconfigOf(RunContext context, ServerProcess server) => Path.Combine(context.Work, $"kubeconfig-{server.Address.Port}");

    private static async Task MeasureRequestsAsync(RunContext context, Backend backend, HttpClient client, string collection, BackendResults results, Func<string, string> expand)
    {
        var d = context.Duration;
        Console.WriteLine("   create");
        results.Loads["create"] = await LoadRunner.RunAsync(d, Concurrency, (_, n) =>
            LoadRunner.HttpAsync(client.PostAsync(collection, Flunders.Json(Flunders.Body("c-" + n, "r" + n)))));
        Console.WriteLine("   get");
        results.Loads["get"] = await LoadRunner.RunAsync(d, Concurrency, (_, _) => LoadRunner.HttpAsync(client.GetAsync(collection + "/f0")));
        Console.WriteLine("   update");
        var versions = new string?[Concurrency];
        results.Loads["update"] = await LoadRunner.RunAsync(d, Concurrency, (w, n) =>
            LoadRunner.UpdateAsync(client, $"{collection}/u-{w:D6}", Flunders.Body($"u-{w:D6}", "v" + n), versions, w));
        Console.WriteLine("   patch");
        results.Loads["patch"] = await LoadRunner.RunAsync(d, Concurrency, (w, n) =>
            LoadRunner.HttpAsync(client.PatchAsync($"{collection}/u-{w:D6}", Flunders.MergePatch("{\"spec\":{\"reference\":\"p" + n + "\"}}"))));
        context.Bodies.TryAdd("update", await client.GetByteArrayAsync($"{collection}/u-000000"));

        using (var patch = await client.PatchAsync($"{collection}/u-000000", Flunders.MergePatch("{\"spec\":{\"reference\":\"body\"}}")))
        {
            context.Bodies.TryAdd("patch", await patch.Content.ReadAsByteArrayAsync());
        }

        Console.WriteLine($"   list {ListSize}");
        await Flunders.CreateManyAsync(client, "list", ListSize);
        var list = Flunders.Collection("list");
        context.Bodies.TryAdd("list", await client.GetByteArrayAsync(list));
        using (var table = await client.SendAsync(TableRequest(list)))
        {
            table.EnsureSuccessStatusCode();
            context.Bodies.TryAdd("table", await table.Content.ReadAsByteArrayAsync());
        }

        results.Loads["list"] = await LoadRunner.RunAsync(d, 1, (_, _) => LoadRunner.HttpAsync(client.GetAsync(list)));
        results.Loads["table"] = await LoadRunner.RunAsync(d, 1, (_, _) => LoadRunner.HttpAsync(client.SendAsync(TableRequest(list))));

        // The storage itself, through the same code the storage uses, while the server idles.
        var stored = StoredBytes(context.Bodies["get"]);
        if (backend.EtcdPrefix is { } prefix)
        {
            var etcdOptions = new EtcdStorageOptions { Servers = [context.Etcd!.ClientUrl] };
            using IEtcdClient etcd = backend.EtcdClient == EtcdClientKind.Json ? new EtcdClient(etcdOptions) : new EtcdGrpcClient(etcdOptions);
            var api = backend.EtcdClient == EtcdClientKind.Json ? "JSON gateway" : "gRPC";
            Console.WriteLine("   raw etcd");
            results.RawWrite = await RawBaselines.EtcdPutsAsync(etcd, expand(prefix) + "/raw/", stored, d, Concurrency);
            results.RawWriteName = $"raw etcd puts (storage's client, {api})";
            results.RawRead = await RawBaselines.EtcdGetsAsync(etcd, expand(prefix) + "/wardle.example.com/flunders/bench/f0", d, Concurrency);
            results.RawReadName = $"raw etcd range of the key (storage's client, {api})";
            results.RawRange = await RawBaselines.EtcdRangeAsync(etcd, expand(prefix) + "/wardle.example.com/flunders/list/", ListSize, d);
            results.RawRangeName = $"etcd range of the same keys (storage's client, {api})";
        }
        else if (backend.Name == "sqlite")
        {
            Console.WriteLine("   raw sqlite");
            results.RawWrite = await RawBaselines.SqliteInsertsAsync(Path.Combine(context.Work, "raw-" + Guid.NewGuid().ToString("N")[..6] + ".db"), stored, d, Concurrency);
            results.RawWriteName = "raw SQLite inserts (WAL, synchronous=FULL, 1 txn each)";
        }
    }

    private static HttpRequestMessage TableRequest(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(TableAccept));
        return request;
    }

    /// <summary>An object as a backend stores it: its JSON without resourceVersion.</summary>
    internal static byte[] StoredBytes(byte[] served)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(served)!.AsObject();
        node["metadata"]!.AsObject().Remove("resourceVersion");
        return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static async Task CompareRequestsAsync(RunContext context, List<BackendResults> measured, List<ReportRow> requests, List<ReportRow> lists)
    {
        var bodies = Path.Combine(context.Work, "bodies");
        Directory.CreateDirectory(bodies);
        foreach (var (name, bytes) in context.Bodies)
        {
            await File.WriteAllBytesAsync(Path.Combine(bodies, name), bytes);
        }

        var port = EtcdServer.FreePort();
        Console.WriteLine("== bare Kestrel");
        await using var baseline = await ServerProcess.StartAsync(typeof(ReportCommand).Assembly.Location, port,
            ["baseline-server", "--port", port.ToString(CultureInfo.InvariantCulture), "--cert-dir", context.CertificateDirectory, "--bodies", bodies]);
        using var client = ServerProcess.ClientFromKubeconfig(Directory.GetFiles(context.Work, "kubeconfig-*")[0], baseline.Address);
        var d = context.Duration;
        var versions = new string?[Concurrency];
        var kestrel = new Dictionary<string, LoadResult>
        {
            ["get"] = await LoadRunner.RunAsync(d, Concurrency, (_, _) => LoadRunner.HttpAsync(client.GetAsync("/b/get"))),
            ["create"] = await LoadRunner.RunAsync(d, Concurrency, (_, n) => LoadRunner.HttpAsync(client.PostAsync("/b/create", Flunders.Json(Flunders.Body("c-" + n, "r" + n))))),
            ["update"] = await LoadRunner.RunAsync(d, Concurrency, (w, n) => LoadRunner.UpdateAsync(client, "/b/update", Flunders.Body($"u-{w:D6}", "v" + n), versions, w)),
            ["patch"] = await LoadRunner.RunAsync(d, Concurrency, (_, n) => LoadRunner.HttpAsync(client.PatchAsync("/b/patch", Flunders.MergePatch("{\"spec\":{\"reference\":\"p" + n + "\"}}")))),
            ["list"] = await LoadRunner.RunAsync(d, 1, (_, _) => LoadRunner.HttpAsync(client.GetAsync("/b/list"))),
            ["table"] = await LoadRunner.RunAsync(d, 1, (_, _) => LoadRunner.HttpAsync(client.GetAsync("/b/table"))),
        };

        string Kestrel(string scenario) => $"bare Kestrel, same bytes ({context.Bodies[scenario].Length:N0} B)";
        foreach (var scenario in new[] { "get", "create", "update", "patch" })
        {
            foreach (var m in measured)
            {
                if (!m.Loads.TryGetValue(scenario, out var r))
                {
                    continue;
                }

                var k = kestrel[scenario];
                var getTarget = scenario == "get" ? "≥ 0.7×" : "";
                requests.Add(new ReportRow(Label(scenario), m.Backend.Name, ReportTable.PerSecond(r), Kestrel(scenario), ReportTable.PerSecond(k),
                    r.PerSecond / k.PerSecond, getTarget, scenario == "get" ? r.PerSecond / k.PerSecond >= 0.7 : null));
                if (scenario == "get" && m.RawRead is { } read)
                {
                    requests.Add(new ReportRow(Label(scenario), m.Backend.Name, ReportTable.PerSecond(r), m.RawReadName!, ReportTable.PerSecond(read),
                        r.PerSecond / read.PerSecond, "", null));
                }

                if (scenario is "create" or "update" or "patch" && m.RawWrite is { } raw)
                {
                    var createTarget = scenario == "create";
                    requests.Add(new ReportRow(Label(scenario), m.Backend.Name, ReportTable.PerSecond(r), m.RawWriteName!, ReportTable.PerSecond(raw),
                        r.PerSecond / raw.PerSecond, createTarget ? "≥ 0.5×" : "", createTarget ? r.PerSecond / raw.PerSecond >= 0.5 : null));
                }
            }
        }

        foreach (var scenario in new[] { "list", "table" })
        {
            foreach (var m in measured)
            {
                if (!m.Loads.TryGetValue(scenario, out var r))
                {
                    continue;
                }

                var k = kestrel[scenario];
                lists.Add(new ReportRow(Label(scenario), m.Backend.Name, ReportTable.Mean(r), Kestrel(scenario), ReportTable.Mean(k), r.MeanMs / k.MeanMs, "", null));
                if (m.RawRange is { } range)
                {
                    lists.Add(new ReportRow(Label(scenario), m.Backend.Name, ReportTable.Mean(r), m.RawRangeName!, ReportTable.Mean(range),
                        r.MeanMs / range.MeanMs, "≤ 2×", r.MeanMs / range.MeanMs <= 2));
                }
            }
        }

        foreach (var (name, r) in kestrel.Concat(measured.SelectMany(m => m.Loads.Select(l => new KeyValuePair<string, LoadResult>($"{m.Backend.Name} {l.Key}", l.Value)))))
        {
            if (r.Errors > 0)
            {
                context.Notes.Add($"{name}: {r.Errors} of {r.Count} calls failed, first: {r.FirstError}");
            }
        }
    }

    private static string Label(string scenario) => scenario switch
    {
        "get" => "GET one",
        "create" => "CREATE",
        "update" => "UPDATE (PUT)",
        "patch" => "merge PATCH",
        "list" => $"LIST {ListSize:N0}, JSON",
        "table" => $"LIST {ListSize:N0}, Table",
        _ => scenario,
    };

    private static async Task<IEnumerable<string>> PreambleAsync(string repo, RunContext context)
    {
        var commit = (await RunProcessAsync("git", ["-C", repo, "rev-parse", "--short", "HEAD"])).Trim();
        var etcdVersion = (await RunProcessAsync("etcd", ["--version"])).Split('\n')[0].Trim();
        return
        [
            $"Produced by `bench/run{(context.Quick ? " --quick" : "")}` on {DateTime.Now:yyyy-MM-dd} at commit {commit}: {Environment.ProcessorCount} cores, " +
            $".NET {Environment.Version}, {etcdVersion}, Release builds. Every ratio compares two measurements of the same run, made with the " +
            $"same load tool (closed loop, each caller waits for its answer), the same TLS (the server's certificate, a client certificate) and " +
            $"the same concurrency; {context.Duration.TotalSeconds:F0} s per load. The server is the Wardle sample (`dotnet samples/Wardle/bin/Release/net10.0/wardle-apiserver.dll`, " +
            "controllers off) in its own process; load, baselines and server share the machine's cores.",
        ];
    }

    internal static async Task<string> RunProcessAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await stdout + await stderr;
    }

    internal static string FindRepository()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ApiBuilder.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("run from inside the repository");
    }
}
