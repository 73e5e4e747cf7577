using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Storage.Sqlite;

namespace ApiBuilder.Runtime.Benchmarks.Report;

internal static partial class ReportCommand
{
    private const int FootprintObjects = 100_000;

    /// <summary>
    /// RSS of a server whose watch cache holds 100,000 Flunders (written straight into a SQLite
    /// file in the storage's format, so that filling it takes seconds) minus an empty server's,
    /// against the objects' JSON size (as stored).
    /// </summary>
    private static async Task MeasureFootprintAsync(RunContext context, List<ReportRow> rows)
    {
        Console.WriteLine("== memory");
        var empty = await SettledResidentBytesAsync(context, Path.Combine(context.Work, "rss-empty.db"));
        var full = Path.Combine(context.Work, "rss-full.db");
        var jsonBytes = FillSqlite(full, FootprintObjects);
        var loaded = await SettledResidentBytesAsync(context, full, FootprintObjects);
        var perObject = (double)(loaded - empty) / FootprintObjects;
        var ratio = (double)(loaded - empty) / jsonBytes;
        rows.Add(new ReportRow($"{FootprintObjects:N0} Flunders in the watch cache", "sqlite",
            string.Create(CultureInfo.InvariantCulture, $"{(loaded - empty) / 1048576.0:F0} MiB more ({perObject:F0} B/object; {loaded / 1048576.0:F0} MiB in all, empty {empty / 1048576.0:F0} MiB)"),
            "JSON size as stored", string.Create(CultureInfo.InvariantCulture, $"{jsonBytes / 1048576.0:F0} MiB ({(double)jsonBytes / FootprintObjects:F0} B/object)"),
            ratio, "≤ 2.5×", ratio <= 2.5));
    }

    private static long FillSqlite(string path, int count)
    {
        using var connections = new SqliteConnections(path, TimeSpan.FromSeconds(5));
        using var connection = connections.Open();
        SqliteSchema.Ensure(connection, path);
        SqliteConnections.Execute(connection, "BEGIN IMMEDIATE");
        long total = 0;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO revisions (id, name, created, deleted, create_revision, prev_revision, value) VALUES ($id, $name, 1, 0, $id, 0, $value)";
            var id = command.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Integer);
            var name = command.Parameters.Add("$name", Microsoft.Data.Sqlite.SqliteType.Text);
            var value = command.Parameters.Add("$value", Microsoft.Data.Sqlite.SqliteType.Blob);
            var created = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            for (var i = 0; i < count; i++)
            {
                var objectName = $"f-{i:D6}";
                var obj = new JsonObject
                {
                    ["apiVersion"] = "wardle.example.com/v1alpha1",
                    ["kind"] = "Flunder",
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = objectName,
                        ["namespace"] = "rss",
                        ["uid"] = Guid.NewGuid().ToString(),
                        ["generation"] = 1,
                        ["creationTimestamp"] = created,
                        ["labels"] = new JsonObject { ["app"] = "bench", ["tier"] = "backend" },
                    },
                    ["spec"] = new JsonObject { ["reference"] = "r" + i, ["referenceType"] = "Flunder" },
                };
                var bytes = Encoding.UTF8.GetBytes(obj.ToJsonString());
                total += bytes.Length;
                id.Value = i + 1;
                name.Value = "/registry/wardle.example.com/flunders/rss/" + objectName;
                value.Value = bytes;
                command.ExecuteNonQuery();
            }
        }

        SqliteConnections.Execute(connection, "COMMIT");
        return total;
    }

    /// <summary>Starts Wardle on the file, waits until its cache serves the objects and its RSS stops moving, and returns that RSS.</summary>
    private static async Task<long> SettledResidentBytesAsync(RunContext context, string file, int expected = 0)
    {
        var (server, client) = await StartWardleAsync(context, ["--storage", "sqlite:" + file]);
        await using (server)
        using (client)
        {
            // resourceVersion=0 is served from the watch cache once it is filled.
            for (var attempt = 0; attempt < 300; attempt++)
            {
                var page = await client.GetStringAsync(Flunders.Collection("rss") + "?resourceVersion=0&limit=1");
                var remaining = JsonNode.Parse(page)!["metadata"]?["remainingItemCount"]?.GetValue<long>() ?? 0;
                var items = JsonNode.Parse(page)!["items"]!.AsArray().Count;
                if (items + remaining >= expected)
                {
                    break;
                }

                await Task.Delay(100);
            }

            var samples = new List<long>();
            for (var i = 0; i < 60; i++)
            {
                await Task.Delay(500);
                samples.Add(server.ResidentBytes());
                if (samples.Count >= 4 && Math.Abs(samples[^1] - samples[^4]) < samples[^1] / 100)
                {
                    break;
                }
            }

            return samples[^1];
        }
    }

    /// <summary>Process start to /readyz: Wardle's first start (certificates made), then restarts on the same directory.</summary>
    private static async Task MeasureStartAsync(RunContext context, List<ReportRow> rows)
    {
        Console.WriteLine("== start");
        var runs = context.Quick ? 3 : 7;
        var dir = Path.Combine(context.Work, "start");
        var storage = new[] { "--storage", "sqlite:" + Path.Combine(dir, "storage.db") };
        var (first, firstClient) = await StartWardleAsync(context, storage, dir);
        var firstTime = first.StartTime;
        firstClient.Dispose();
        await first.DisposeAsync();
        var warm = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var (server, client) = await StartWardleAsync(context, storage, dir);
            warm.Add(server.StartTime.TotalMilliseconds);
            client.Dispose();
            await server.DisposeAsync();
        }

        var baseline = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var port = EtcdServer.FreePort();
            var bodies = Path.Combine(context.Work, "no-bodies");
            Directory.CreateDirectory(bodies);
            await using var server = await ServerProcess.StartAsync(typeof(ReportCommand).Assembly.Location, port,
                ["baseline-server", "--port", port.ToString(CultureInfo.InvariantCulture), "--cert-dir", Path.Combine(dir, "certificates"), "--bodies", bodies]);
            baseline.Add(server.StartTime.TotalMilliseconds);
        }

        warm.Sort();
        baseline.Sort();
        var median = warm[warm.Count / 2];
        var baseMedian = baseline[baseline.Count / 2];
        var text = string.Create(CultureInfo.InvariantCulture, $"{median:F0} ms (min {warm[0]:F0}, max {warm[^1]:F0}); first start, making certificates: {firstTime.TotalMilliseconds:F0} ms");
        rows.Add(new ReportRow("Wardle start to /readyz (SQLite storage)", "sqlite", text, "bare Kestrel process, same certificate",
            string.Create(CultureInfo.InvariantCulture, $"{baseMedian:F0} ms"), median / baseMedian, "≤ 500 ms", median <= 500));
    }

    private static async Task MeasureGeneratorAsync(string generator, bool quick, List<ReportRow> rows)
    {
        Console.WriteLine("== generator");
        if (!File.Exists(generator))
        {
            rows.Add(new ReportRow("generator", "", "not built", "", "", 0, "", null));
            return;
        }

        var text = await RunProcessAsync("dotnet", [generator, "--ratios", quick ? "5" : "15"]);
        var times = text.Split('\n').Select(l => l.Split('\t')).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        var baseline = times.First(t => t.Key.StartsWith("baseline", StringComparison.Ordinal));
        foreach (var (name, ms) in times.Where(t => t.Key != baseline.Key))
        {
            rows.Add(new ReportRow(name, "", string.Create(CultureInfo.InvariantCulture, $"{ms:F1} ms"), baseline.Key["baseline: ".Length..],
                string.Create(CultureInfo.InvariantCulture, $"{baseline.Value:F1} ms"), ms / baseline.Value, "", null));
        }
    }
}
