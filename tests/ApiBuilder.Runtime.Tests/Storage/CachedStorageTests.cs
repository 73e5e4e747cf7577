using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Storage.Cache;
using ApiBuilder.Runtime.Storage.Memory;

namespace ApiBuilder.Runtime.Tests.Storage;

public sealed class CachedStorageTests
{
    private static JsonObject Obj(string name, string value = "v") =>
        new() { ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = new JsonObject { ["v"] = value } };

    private static async Task WaitReadyAsync(CachedStorage cache, long revision)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!cache.IsReady || cache.Revision < revision)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    [Fact]
    public void A_large_fill_is_followed_by_one_compacting_collection_at_most_once_a_minute()
    {
        var items = Enumerable.Range(0, 100)
            .Select(i => StoredValues.Decode($"/r/{i}", System.Text.Encoding.UTF8.GetBytes("{\"metadata\":{\"name\":\"n" + i + "\"}}"), i + 1, "test"))
            .ToList();
        var bytes = items.Sum(i => (long)i.JsonLength);
        Assert.InRange(bytes, 2_000, 5_000);

        Assert.False(FillCompaction.AfterFill(items, bytes + 1));
        var collections = GC.CollectionCount(GC.MaxGeneration);
        Assert.True(FillCompaction.AfterFill(items, bytes));
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > collections);
        Assert.False(FillCompaction.AfterFill(items, bytes));
    }

    [Fact]
    public async Task Cached_objects_stay_bytes_whatever_readers_and_watchers_parse()
    {
        using var dir = new TempDirectory("cache-bytes");
        await using var cache = new CachedStorage(ApiBuilder.Runtime.Storage.Sqlite.SqliteStorage.Open(
            new ApiBuilder.Runtime.Storage.Sqlite.SqliteStorageOptions { Path = Path.Combine(dir.Path, "s.db"), PollInterval = TimeSpan.FromMilliseconds(20) }));
        var a = await cache.CreateAsync("/r/a", Obj("a"), default);
        await WaitReadyAsync(cache, a.Revision);
        using var watch = await cache.WatchAsync("/r/", a.Revision, default);
        var b = await cache.CreateAsync("/r/b", Obj("b"), default);
        await WaitReadyAsync(cache, b.Revision);
        await foreach (var e in watch.Events(default))
        {
            Assert.Equal("b", e.Object.Value["metadata"]!["name"]!.GetValue<string>());
            break;
        }

        for (var round = 0; round < 2; round++)
        {
            var list = await cache.ListCachedAsync("/r/", new StorageListRequest(Filter: o => o["spec"]?["v"] is not null), 0, default);
            Assert.Equal(["a", "b"], list.Items.Select(i => i.Value["metadata"]!["name"]!.GetValue<string>()));
            var unfiltered = await cache.ListCachedAsync("/r/", new StorageListRequest(), 0, default);
            Assert.All(unfiltered.Items, i => Assert.False(i.UnparsedJson.IsEmpty));
        }
    }

    [Fact]
    public async Task Many_watchers_share_one_upstream_watch()
    {
        var backend = new CountingStorage(new MemoryStorage());
        await using var cache = new CachedStorage(backend);
        var a = await cache.CreateAsync("/r/a", Obj("a"), default);
        await WaitReadyAsync(cache, a.Revision);

        var watches = new List<IStorageWatch>();
        for (var i = 0; i < 10; i++)
        {
            watches.Add(await cache.WatchAsync("/r/", a.Revision, default));
        }

        var b = await cache.CreateAsync("/r/b", Obj("b"), default);
        foreach (var watch in watches)
        {
            using (watch)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await using var events = watch.Events(timeout.Token).GetAsyncEnumerator(timeout.Token);
                Assert.True(await events.MoveNextAsync());
                Assert.Equal(b.Revision, events.Current.Object.Revision);
            }
        }

        Assert.Equal(1, backend.Watches);
    }

    [Fact]
    public async Task A_cached_list_serves_any_state_for_0_and_waits_for_a_not_older_than_revision()
    {
        var backend = new CountingStorage(new MemoryStorage());
        await using var cache = new CachedStorage(backend);
        var a = await cache.CreateAsync("/r/a", Obj("a"), default);
        await cache.CreateAsync("/other/x", Obj("x"), default);
        await WaitReadyAsync(cache, a.Revision + 1);
        var listsBefore = backend.Lists;

        var any = await cache.ListCachedAsync("/r/", new StorageListRequest(), 0, default);
        Assert.Equal(["/r/a"], any.Items.Select(i => i.Key));
        Assert.Equal(listsBefore, backend.Lists);

        var b = await cache.CreateAsync("/r/b", Obj("b"), default);
        var fresh = await cache.ListCachedAsync("/r/", new StorageListRequest(), b.Revision, default);
        Assert.Equal(["/r/a", "/r/b"], fresh.Items.Select(i => i.Key));
        Assert.True(fresh.Revision >= b.Revision);
        Assert.Equal(listsBefore, backend.Lists);

        var paged = await cache.ListCachedAsync("/r/", new StorageListRequest(Limit: 1), 0, default);
        Assert.Equal("/r/b", paged.NextKey);
        Assert.Equal(1, paged.RemainingItemCount);
    }

    [Fact]
    public async Task List_then_watch_from_the_cache_under_concurrent_writes_reproduces_the_final_state()
    {
        await using var cache = new CachedStorage(new MemoryStorage());
        var keys = Enumerable.Range(0, 8).Select(i => "/r/k" + i).ToArray();
        foreach (var key in keys)
        {
            await cache.CreateAsync(key, Obj(key, "0"), default);
        }

        var writers = keys.Select(key => Task.Run(async () =>
        {
            var n = 0;
            while (n < 300)
            {
                // Real backends do I/O here; the in-memory one would otherwise keep every pool thread busy.
                await Task.Yield();
                var current = await cache.GetAsync(key, default);
                if (current is null)
                {
                    await cache.CreateAsync(key, Obj(key, (++n).ToString()), default);
                }
                else if (n % 5 == 4)
                {
                    await cache.DeleteAsync(key, current.Revision, default);
                    n++;
                }
                else
                {
                    await cache.UpdateAsync(key, Obj(key, (++n).ToString()), current.Revision, default);
                }
            }
        })).ToList();

        // A client that lists from the cache while writes go on, then watches from the list's revision.
        await Task.Delay(20);
        var list = await cache.ListCachedAsync("/r/", new StorageListRequest(), 0, default);
        var mirror = list.Items.ToDictionary(i => i.Key, i => i);
        var seen = list.Revision;
        using var watch = await cache.WatchAsync("/r/", list.Revision, default);
        await Task.WhenAll(writers);
        var final = await cache.ListAsync("/r/", new StorageListRequest(), default);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await foreach (var e in watch.Events(timeout.Token))
            {
                Assert.True(e.Object.Revision > seen, $"event {e.Object.Revision} is not after {seen}: a duplicate or out of order");
                seen = e.Object.Revision;
                if (e.Type == StorageEventType.Deleted)
                {
                    Assert.True(mirror.Remove(e.Object.Key), $"deleted {e.Object.Key} was not there: a gap");
                }
                else
                {
                    Assert.Equal(e.Type == StorageEventType.Added, !mirror.ContainsKey(e.Object.Key));
                    mirror[e.Object.Key] = e.Object;
                }

                if (seen >= final.Revision)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with what was seen.
        }

        Assert.True(seen >= final.Revision, $"the watch ended at {seen} before {final.Revision}: {watch.TerminationReason?.Message} (cache at {cache.Revision}, ready {cache.IsReady}, list at {list.Revision})");
        Assert.Equal(final.Items.Select(i => (i.Key, i.Revision)), mirror.Values.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => (i.Key, i.Revision)));
    }

    [Fact]
    public async Task A_watch_older_than_the_window_goes_to_the_backend_which_may_answer_compacted()
    {
        await using var cache = new CachedStorage(new MemoryStorage(historyCapacity: 5), new CachedStorageOptions { HistoryCapacity = 3 });
        var current = await cache.CreateAsync("/r/a", Obj("a"), default);
        for (var i = 0; i < 4; i++)
        {
            current = await cache.UpdateAsync("/r/a", Obj("a", i.ToString()), current.Revision, default);
        }

        await WaitReadyAsync(cache, current.Revision);
        using var fromBackend = await cache.WatchAsync("/r/", current.Revision - 4, default);
        for (var i = 0; i < 5; i++)
        {
            current = await cache.UpdateAsync("/r/a", Obj("a", "x" + i), current.Revision, default);
        }

        var error = await Assert.ThrowsAsync<StorageException>(() => cache.WatchAsync("/r/", 1, default).AsTask());
        Assert.Equal(StorageErrorCode.RevisionCompacted, error.Code);
    }

    /// <summary>Counts the calls that reach the backend.</summary>
    [Fact]
    public async Task A_consistent_list_from_the_cache_has_every_write_acknowledged_before_it_and_pages_at_its_revision()
    {
        var backend = new CountingStorage(new MemoryStorage());
        await using var cache = new CachedStorage(backend, new CachedStorageOptions { Prefix = "/r/" });
        await WaitReadyAsync(cache, 0);
        for (var i = 0; i < 20; i++)
        {
            // Written to the backend behind the cache's back: only its upstream watch brings them in.
            var written = await backend.CreateAsync($"/r/{i:D2}", Obj($"o{i}"), default);
            var listsBefore = backend.Lists;
            var current = await cache.GetCurrentRevisionAsync(default);
            var list = await cache.ListConsistentAsync("/r/", new StorageListRequest(), current, default);
            Assert.Contains(list.Items, item => item.Key == written.Key && item.Revision == written.Revision);
            Assert.True(list.Revision >= written.Revision);
            Assert.Equal(listsBefore, backend.Lists);
        }

        var first = await cache.ListConsistentAsync("/r/", new StorageListRequest(Limit: 5), await cache.GetCurrentRevisionAsync(default), default);
        Assert.Equal(["/r/00", "/r/01", "/r/02", "/r/03", "/r/04"], first.Items.Select(i => i.Key));
        Assert.Equal("/r/05", first.NextKey);
        Assert.Equal(15, first.RemainingItemCount);

        // A change after the first page does not show in the continuation, read at the page's revision.
        var changed = await backend.GetAsync("/r/07", default);
        await backend.UpdateAsync("/r/07", Obj("o7", "changed"), changed!.Revision, default);
        var rest = await cache.ListConsistentAsync("/r/", new StorageListRequest(Revision: first.Revision, StartKey: first.NextKey), first.Revision, default);
        Assert.Equal(15, rest.Items.Count);
        Assert.Equal(first.Revision, rest.Revision);
        Assert.Equal("v", rest.Items.Single(i => i.Key == "/r/07").Value["spec"]!["v"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_consistent_list_the_cache_cannot_reach_reads_the_backend()
    {
        var backend = new CountingStorage(new MemoryStorage());
        await using var cache = new CachedStorage(backend, new CachedStorageOptions { Prefix = "/r/", ConsistentReadTimeout = TimeSpan.FromMilliseconds(50) });
        var a = await cache.CreateAsync("/r/a", Obj("a"), default);
        await WaitReadyAsync(cache, a.Revision);

        // The newest revision is a key the cache does not follow, so no event ever brings the cache to it.
        var outside = await cache.CreateAsync("/other/x", Obj("x"), default);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var listsBefore = backend.Lists;
            var list = await cache.ListConsistentAsync("/r/", new StorageListRequest(), outside.Revision, default);
            Assert.Equal(["/r/a"], list.Items.Select(i => i.Key));
            Assert.Equal(outside.Revision, list.Revision);
            Assert.Equal(listsBefore + 1, backend.Lists);
        }
    }

    private sealed class CountingStorage(IStorage inner) : IStorage
    {
        private int watches;
        private int lists;

        public int Watches => Volatile.Read(ref watches);

        public int Lists => Volatile.Read(ref lists);

        public ValueTask<long> GetCurrentRevisionAsync(CancellationToken cancellationToken) => inner.GetCurrentRevisionAsync(cancellationToken);

        public ValueTask<StoredObject?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

        public ValueTask<StorageList> ListAsync(string prefix, StorageListRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref lists);
            return inner.ListAsync(prefix, request, cancellationToken);
        }

        public ValueTask<StoredObject> CreateAsync(string key, JsonObject value, CancellationToken cancellationToken) => inner.CreateAsync(key, value, cancellationToken);

        public ValueTask<StoredObject> UpdateAsync(string key, JsonObject value, long expectedRevision, CancellationToken cancellationToken) =>
            inner.UpdateAsync(key, value, expectedRevision, cancellationToken);

        public ValueTask<StoredObject> DeleteAsync(string key, long expectedRevision, CancellationToken cancellationToken) =>
            inner.DeleteAsync(key, expectedRevision, cancellationToken);

        public ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken) => inner.CountAsync(prefix, cancellationToken);

        public ValueTask<IStorageWatch> WatchAsync(string prefix, long afterRevision, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref watches);
            return inner.WatchAsync(prefix, afterRevision, cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
