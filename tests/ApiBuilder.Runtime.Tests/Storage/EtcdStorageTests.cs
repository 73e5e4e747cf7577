using System.Net.Sockets;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Storage.Etcd;

namespace ApiBuilder.Runtime.Tests.Storage;

/// <summary>etcd as the distributed engine: several servers on one etcd, members that go away, and etcd that goes away.</summary>
public sealed class EtcdStorageTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);

    private static JsonObject Obj(string name, string value = "v") =>
        new() { ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = new JsonObject { ["v"] = value } };

    private static async Task<List<StorageEvent>> Take(IStorageWatch watch, int count)
    {
        var events = new List<StorageEvent>();
        using var timeout = new CancellationTokenSource(EventTimeout);
        await foreach (var e in watch.Events(timeout.Token))
        {
            events.Add(e);
            if (events.Count == count)
            {
                break;
            }
        }

        Assert.True(events.Count == count, $"the watch ended after {events.Count} of {count} events: {watch.TerminationReason?.Message}");
        return events;
    }

    [Fact]
    public async Task Stopping_while_requests_to_an_unreachable_etcd_are_failing_ends_them_as_cancelled()
    {
        // The refusal and the stop race: whichever comes first, the caller sees a cancellation and
        // the watch cache in front stops without an error.
        for (var i = 0; i < 40; i++)
        {
            var storage = StorageFactory.Create(new StorageSettings { DefaultSqlitePath = "unused.db", Storage = "etcd", EtcdServers = ["http://127.0.0.1:1"] }).Storage;
            using var stop = new CancellationTokenSource();
            var list = storage.ListAsync("/registry/r/", new StorageListRequest(), stop.Token).AsTask();
            var watch = storage.WatchAsync("/registry/r/", 1, stop.Token).AsTask();
            await Task.Delay(i % 4);
            stop.Cancel();
            await storage.DisposeAsync();
            foreach (var call in new Task[] { list, watch })
            {
                var e = await Record.ExceptionAsync(() => call);
                Assert.True(e is null or OperationCanceledException or StorageException { Code: StorageErrorCode.Unavailable }, $"{e}");
            }
        }
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused, true)]
    [InlineData(SocketError.HostUnreachable, true)]
    [InlineData(SocketError.ConnectionReset, false)]
    [InlineData(SocketError.ConnectionAborted, false)]
    [InlineData(SocketError.Shutdown, false)]
    public void Only_socket_errors_before_a_connection_count_as_never_having_reached_etcd(SocketError code, bool beforeConnection) =>
        // A reset comes from a connection that was made: TLS refusing plain HTTP, or a member going
        // away after a write was sent (whose outcome is then unknown).
        Assert.Equal(beforeConnection, EtcdGrpcClient.IsConnectError(new SocketException((int)code)));

    [Fact]
    public async Task A_write_through_one_server_is_seen_by_a_watch_on_another()
    {
        await using var etcd = await EtcdCluster.StartAsync();
        await using var one = EtcdStorageConformanceTests.Create(etcd.ClientUrls, "/shared");
        await using var two = EtcdStorageConformanceTests.Create(etcd.ClientUrls, "/shared");
        var start = await two.GetCurrentRevisionAsync(default);
        using var watch = await two.WatchAsync("/r/", start, default);
        var a = await one.CreateAsync("/r/a", Obj("a"), default);
        var a2 = await two.UpdateAsync("/r/a", Obj("a", "2"), a.Revision, default);
        await one.DeleteAsync("/r/a", a2.Revision, default);

        var events = await Take(watch, 3);
        Assert.Equal([StorageEventType.Added, StorageEventType.Modified, StorageEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal(a.Revision, events[0].Object.Revision);
    }

    [Theory]
    [InlineData(1_700_000)] // over --max-request-bytes (1.5 MiB): "etcdserver: request is too large"
    [InlineData(2_600_000)] // over the gRPC message limit too: "received message larger than max"
    public async Task A_value_over_etcds_request_limit_is_TooLarge_not_unavailable_and_stores_nothing(int size)
    {
        await using var etcd = await EtcdCluster.StartAsync();
        await using var storage = EtcdStorageConformanceTests.Create(etcd.ClientUrls);
        var small = await storage.CreateAsync("/r/small", Obj("small"), default);

        var create = await Assert.ThrowsAsync<StorageException>(() => storage.CreateAsync("/r/big", Obj("big", new string('x', size)), default).AsTask());
        var update = await Assert.ThrowsAsync<StorageException>(() => storage.UpdateAsync("/r/small", Obj("small", new string('x', size)), small.Revision, default).AsTask());

        Assert.Equal(StorageErrorCode.TooLarge, create.Code);
        Assert.Equal(StorageErrorCode.TooLarge, update.Code);
        Assert.Null(await storage.GetAsync("/r/big", default));
        Assert.Equal(small.Revision, (await storage.GetAsync("/r/small", default))!.Revision);
    }

    [Fact]
    public async Task When_etcd_is_down_requests_answer_unavailable_and_work_again_when_it_is_back_and_watches_resume_without_gap_or_repeat()
    {
        await using var etcd = await EtcdCluster.StartAsync();
        await using var storage = EtcdStorageConformanceTests.Create(etcd.ClientUrls);
        var a = await storage.CreateAsync("/r/a", Obj("a"), default);
        using var watch = await storage.WatchAsync("/r/", a.Revision, default);
        var b = await storage.CreateAsync("/r/b", Obj("b"), default);
        Assert.Equal(b.Revision, Assert.Single(await Take(watch, 1)).Object.Revision);

        await etcd.KillAsync(0);
        var down = await Assert.ThrowsAsync<StorageException>(() => storage.GetAsync("/r/a", default).AsTask());
        Assert.Equal(StorageErrorCode.Unavailable, down.Code);
        var write = await Assert.ThrowsAsync<StorageException>(() => storage.CreateAsync("/r/c", Obj("c"), default).AsTask());
        Assert.Equal(StorageErrorCode.Unavailable, write.Code);
        Assert.NotNull(await storage.CheckHealthAsync(default));

        await etcd.RestartAsync(0);
        Assert.Null(await storage.CheckHealthAsync(default));
        var c = await storage.CreateAsync("/r/c", Obj("c"), default);
        var d = await storage.CreateAsync("/r/d", Obj("d"), default);

        // The same watch, reconnected from the last revision it delivered.
        var resumed = await Take(watch, 2);
        Assert.Equal([c.Revision, d.Revision], resumed.Select(e => e.Object.Revision));
        Assert.Null(watch.TerminationReason);
    }

    [Fact]
    public async Task A_new_server_watching_from_the_last_revision_seen_by_an_old_one_gets_every_later_change_once()
    {
        await using var etcd = await EtcdCluster.StartAsync();
        long lastSeen;
        var seen = new List<long>();
        await using (var old = EtcdStorageConformanceTests.Create(etcd.ClientUrls, "/resume"))
        {
            var start = await old.GetCurrentRevisionAsync(default);
            using var watch = await old.WatchAsync("/r/", start, default);
            for (var i = 0; i < 4; i++)
            {
                await old.CreateAsync("/r/" + i, Obj(i.ToString()), default);
            }

            seen.AddRange((await Take(watch, 2)).Select(e => e.Object.Revision));
            lastSeen = seen[^1];
        }

        await using var next = EtcdStorageConformanceTests.Create(etcd.ClientUrls, "/resume");
        await next.CreateAsync("/r/4", Obj("4"), default);
        using var resumed = await next.WatchAsync("/r/", lastSeen, default);
        seen.AddRange((await Take(resumed, 3)).Select(e => e.Object.Revision));
        Assert.Equal(5, seen.Distinct().Count());
        Assert.Equal(seen.Order(), seen);
        var all = await next.ListAsync("/r/", new StorageListRequest(), default);
        Assert.Equal(all.Items.Select(i => i.Revision).Order(), seen);
    }

    [Fact]
    public async Task Writes_go_on_when_a_member_of_three_stops_and_no_acknowledged_write_is_lost()
    {
        await using var etcd = await EtcdCluster.StartAsync(size: 3);
        await using var storage = EtcdStorageConformanceTests.Create(etcd.ClientUrls);
        var acknowledged = new List<string>();
        var unavailable = 0;
        var killed = false;
        for (var i = 0; i < 150; i++)
        {
            if (i == 50)
            {
                // The member the client talks to, so that the client must fail over.
                var preferred = storage.Client.PreferredServer;
                var member = Enumerable.Range(0, etcd.Size).First(m => etcd.ClientUrl(m) == preferred);
                await etcd.KillAsync(member);
                killed = true;
            }

            try
            {
                await storage.CreateAsync("/r/" + i.ToString("D4"), Obj(i.ToString()), default);
                acknowledged.Add("/r/" + i.ToString("D4"));
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.Unavailable)
            {
                // A write in flight on the stopped member has an unknown outcome; the client retries elsewhere next time.
                unavailable++;
            }
        }

        Assert.True(killed);
        Assert.True(acknowledged.Count >= 140, $"only {acknowledged.Count} of 150 writes succeeded ({unavailable} unavailable)");
        Assert.True(acknowledged.Count(k => string.CompareOrdinal(k, "/r/0100") >= 0) == 50, "writes did not continue after the member stopped");
        var keys = (await storage.ListAsync("/r/", new StorageListRequest(), default)).Items.Select(i => i.Key).ToHashSet();
        var lost = acknowledged.Where(k => !keys.Contains(k)).ToList();
        Assert.True(lost.Count == 0, "acknowledged writes lost: " + string.Join(", ", lost));
    }

    [Fact]
    public async Task Large_lists_are_read_in_pages_at_one_revision()
    {
        await using var etcd = await EtcdCluster.StartAsync();
        await using var storage = new EtcdStorage(new EtcdStorageOptions
        {
            Servers = etcd.ClientUrls,
            Root = "",
            Prefix = "/paged",
            PageSize = 3,
            CompactionInterval = Timeout.InfiniteTimeSpan,
        });
        for (var i = 0; i < 10; i++)
        {
            await storage.CreateAsync("/r/" + i, Obj(i.ToString(), i % 3 == 0 ? "third" : "other"), default);
        }

        var all = await storage.ListAsync("/r/", new StorageListRequest(), default);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => "/r/" + i), all.Items.Select(i => i.Key));
        var last = all.Items[^1];
        await storage.UpdateAsync(last.Key, Obj("9", "changed"), last.Revision, default);

        var thirds = await storage.ListAsync("/r/", new StorageListRequest(Revision: all.Revision, Limit: 3, Filter: o => o["spec"]!["v"]!.GetValue<string>() == "third"), default);
        Assert.Equal(["/r/0", "/r/3", "/r/6"], thirds.Items.Select(i => i.Key));
        Assert.Equal("/r/9", thirds.NextKey);
        var rest = await storage.ListAsync("/r/", new StorageListRequest(Revision: all.Revision, StartKey: thirds.NextKey, Limit: 3, Filter: o => o["spec"]!["v"]!.GetValue<string>() == "third"), default);
        Assert.Equal("third", Assert.Single(rest.Items).Value["spec"]!["v"]!.GetValue<string>());
        Assert.Null(rest.NextKey);
    }
}
