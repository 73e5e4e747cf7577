using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Tests.Storage;

namespace ApiBuilder.Storage.Tests;

/// <summary>
/// Acknowledged means durable: a client keeps writing to a real server, the server is killed with
/// SIGKILL mid-stream, and after a restart every write the client saw acknowledged (201) is there.
/// </summary>
public sealed class CrashTests
{
    private const string Flunders = "/apis/wardle.example.com/v1alpha1/namespaces/default/flunders";

    [Fact]
    public async Task Sqlite_keeps_every_acknowledged_write_when_the_server_is_killed()
    {
        using var directory = new TempDirectory("crash-sqlite");
        await using var server = await WardleProcess.StartAsync(directory.Path, "--storage", "sqlite:" + Path.Combine(directory.Path, "data", "storage.db"));
        await AssertAcknowledgedWritesSurviveAsync(server, async () =>
        {
            await server.KillAsync();
            await server.RestartAsync();
        });
    }

    [Fact]
    public async Task The_default_storage_is_durable_sqlite_beside_the_certificates()
    {
        using var directory = new TempDirectory("default-storage");
        await using var server = await WardleProcess.StartAsync(directory.Path);
        var created = await CreateAsync(server.Http, "kept");
        Assert.Equal(HttpStatusCode.Created, created);
        await server.RestartAsync();
        using var response = await server.Http.GetAsync(Flunders + "/kept");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(directory.Path, "storage.db")));
    }

    [Fact]
    public async Task Etcd_keeps_every_acknowledged_write_when_the_server_and_etcd_are_killed()
    {
        await using var etcd = await EtcdCluster.StartAsync();
        using var directory = new TempDirectory("crash-etcd");
        await using var server = await WardleProcess.StartAsync(directory.Path, "--etcd-servers", etcd.ClientUrl(0).ToString());
        await AssertAcknowledgedWritesSurviveAsync(server, async () =>
        {
            await server.KillAsync();
            await etcd.KillAsync(0);
            await etcd.RestartAsync(0);
            await server.RestartAsync();
        });
    }

    [Fact]
    public async Task Two_servers_on_one_etcd_see_each_others_writes_in_their_watches()
    {
        await using var etcd = await EtcdCluster.StartAsync();
        using var directoryA = new TempDirectory("etcd-a");
        using var directoryB = new TempDirectory("etcd-b");
        await using var a = await WardleProcess.StartAsync(directoryA.Path, "--etcd-servers", etcd.ClientUrl(0).ToString());
        await using var b = await WardleProcess.StartAsync(directoryB.Path, "--etcd-servers", etcd.ClientUrl(0).ToString());

        using var list = await b.Http.GetAsync(Flunders);
        var resourceVersion = JsonNode.Parse(await list.Content.ReadAsStringAsync())!["metadata"]!["resourceVersion"]!.GetValue<string>();
        using var watch = await b.Http.GetAsync($"{Flunders}?watch=1&resourceVersion={resourceVersion}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
        using var reader = new StreamReader(await watch.Content.ReadAsStreamAsync());

        Assert.Equal(HttpStatusCode.Created, await CreateAsync(a.Http, "from-a"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await reader.ReadLineAsync(timeout.Token);
        var e = JsonNode.Parse(line!)!;
        Assert.Equal("ADDED", e["type"]!.GetValue<string>());
        Assert.Equal("from-a", e["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    private static async Task AssertAcknowledgedWritesSurviveAsync(WardleProcess server, Func<Task> crashAndRestart)
    {
        var acknowledged = new List<(string Name, long ResourceVersion)>();
        using var stop = new CancellationTokenSource();
        var http = server.Http;
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested && n < 2000; n++)
            {
                var name = $"w{w}-{n}";
                try
                {
                    using var content = new StringContent(Body(name), Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync(Flunders, content);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                        var rv = long.Parse(created["metadata"]!["resourceVersion"]!.GetValue<string>());
                        lock (acknowledged)
                        {
                            acknowledged.Add((name, rv));
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ObjectDisposedException)
                {
                    // In flight when the server died: not acknowledged, so either outcome is fine.
                    return;
                }
            }
        })).ToList();

        // Let writes flow, then kill the server in the middle of them.
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (Count(acknowledged) < 100)
            {
                await Task.Delay(20, wait.Token);
            }
        }

        await crashAndRestart();
        stop.Cancel();
        await Task.WhenAll(writers);

        using var list = await server.Http.GetAsync(Flunders);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var items = JsonNode.Parse(await list.Content.ReadAsStringAsync())!["items"]!.AsArray()
            .ToDictionary(i => i!["metadata"]!["name"]!.GetValue<string>(), i => long.Parse(i!["metadata"]!["resourceVersion"]!.GetValue<string>()));
        var lost = acknowledged.Where(a => !items.ContainsKey(a.Name)).Select(a => a.Name).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged writes were lost: {string.Join(", ", lost.Take(20))}\n{server.Output}");
        Assert.All(acknowledged, a => Assert.Equal(a.ResourceVersion, items[a.Name]));

        // Revisions go on from where they were, never back.
        var before = acknowledged.Max(a => a.ResourceVersion);
        using var content = new StringContent(Body("after-restart"), Encoding.UTF8, "application/json");
        using var next = await server.Http.PostAsync(Flunders, content);
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        var after = long.Parse(JsonNode.Parse(await next.Content.ReadAsStringAsync())!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.True(after > before, $"resourceVersion {after} after the restart is not above {before}");
    }

    private static int Count(List<(string, long)> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private static async Task<HttpStatusCode> CreateAsync(HttpClient http, string name)
    {
        using var content = new StringContent(Body(name), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(Flunders, content);
        return response.StatusCode;
    }

    private static string Body(string name) => new JsonObject
    {
        ["apiVersion"] = "wardle.example.com/v1alpha1",
        ["kind"] = "Flunder",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = new JsonObject { ["reference"] = "ref" },
    }.ToJsonString();
}
