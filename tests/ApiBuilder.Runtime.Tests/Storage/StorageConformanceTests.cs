using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Tests.Storage;

/// <summary>
/// The storage contract, run unchanged against every backend. Each test works under its own key
/// prefix, so backends that share a server between tests (etcd) stay independent; revisions are
/// compared for order, never for exact numbers, for the same reason.
/// </summary>
public abstract class StorageConformanceTests : IAsyncLifetime
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);

    private IStorage? storage;

    /// <summary>The key prefix of this test; nothing else writes under it.</summary>
    protected string P { get; } = "/conformance-" + Guid.NewGuid().ToString("N")[..8] + "/";

    /// <summary>Updates of one key that certainly push a revision out of every backend's history window.</summary>
    protected virtual int UpdatesBeyondHistory => 30;

    private protected IStorage Storage => storage ?? throw new InvalidOperationException("not initialized");

    /// <summary>A new, empty storage (or one whose keys under <see cref="P"/> are empty).</summary>
    private protected abstract Task<IStorage> CreateStorageAsync();

    /// <summary>Drops history up to <paramref name="revision"/>, by whatever means the backend has.</summary>
    private protected abstract Task CompactAsync(IStorage storage, long revision);

    public async Task InitializeAsync() => storage = await CreateStorageAsync();

    public async Task DisposeAsync()
    {
        if (storage is not null)
        {
            await storage.DisposeAsync();
        }
    }

    private static JsonObject Obj(string name, string? value = null) =>
        new() { ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = new JsonObject { ["v"] = value ?? name } };

    private static string V(StoredObject o) => o.Value["spec"]!["v"]!.GetValue<string>();

    private static string Rv(JsonObject o) => o["metadata"]!["resourceVersion"]!.GetValue<string>();

    [Fact]
    public async Task Every_write_gets_a_newer_revision_shared_by_all_keys_and_written_into_the_object()
    {
        var before = await Storage.GetCurrentRevisionAsync(default);
        var a = await Storage.CreateAsync(P + "a", Obj("a"), default);
        var b = await Storage.CreateAsync(P + "b", Obj("b"), default);
        var a2 = await Storage.UpdateAsync(P + "a", Obj("a", "x"), a.Revision, default);
        var deleted = await Storage.DeleteAsync(P + "b", b.Revision, default);
        var now = await Storage.GetCurrentRevisionAsync(default);

        Assert.True(before < a.Revision && a.Revision < b.Revision && b.Revision < a2.Revision && a2.Revision < now,
            $"revisions not increasing: {before} {a.Revision} {b.Revision} {a2.Revision} {now}");
        Assert.Equal(a2.Revision.ToString(), Rv(a2.Value));
        Assert.Equal(b.Revision, deleted.Revision);
        var read = await Storage.GetAsync(P + "a", default);
        Assert.Equal(a2.Revision, read!.Revision);
        Assert.Equal(a2.Revision.ToString(), Rv(read.Value));
    }

    [Fact]
    public async Task Create_refuses_an_existing_key_and_update_or_delete_refuse_a_missing_one()
    {
        Assert.Null(await Storage.GetAsync(P + "missing", default));
        var a = await Storage.CreateAsync(P + "a", Obj("a"), default);
        var exists = await Assert.ThrowsAsync<StorageException>(() => Storage.CreateAsync(P + "a", Obj("a"), default).AsTask());
        Assert.Equal(StorageErrorCode.KeyExists, exists.Code);
        var update = await Assert.ThrowsAsync<StorageException>(() => Storage.UpdateAsync(P + "missing", Obj("m"), a.Revision, default).AsTask());
        Assert.Equal(StorageErrorCode.KeyNotFound, update.Code);
        var delete = await Assert.ThrowsAsync<StorageException>(() => Storage.DeleteAsync(P + "missing", a.Revision, default).AsTask());
        Assert.Equal(StorageErrorCode.KeyNotFound, delete.Code);
    }

    [Fact]
    public async Task Update_and_delete_are_compare_and_swap_on_the_revision()
    {
        var a = await Storage.CreateAsync(P + "a", Obj("a"), default);
        var a2 = await Storage.UpdateAsync(P + "a", Obj("a", "x"), a.Revision, default);
        var stale = await Assert.ThrowsAsync<StorageException>(() => Storage.UpdateAsync(P + "a", Obj("a", "y"), a.Revision, default).AsTask());
        Assert.Equal(StorageErrorCode.Conflict, stale.Code);
        var staleDelete = await Assert.ThrowsAsync<StorageException>(() => Storage.DeleteAsync(P + "a", a.Revision, default).AsTask());
        Assert.Equal(StorageErrorCode.Conflict, staleDelete.Code);
        Assert.Equal("x", V((await Storage.GetAsync(P + "a", default))!));

        var deleted = await Storage.DeleteAsync(P + "a", a2.Revision, default);
        Assert.Equal("x", V(deleted));
        Assert.Equal(a2.Revision, deleted.Revision);
        Assert.Null(await Storage.GetAsync(P + "a", default));
        var again = await Storage.CreateAsync(P + "a", Obj("a", "new"), default);
        Assert.True(again.Revision > a2.Revision);
        Assert.Equal("new", V((await Storage.GetAsync(P + "a", default))!));
    }

    [Fact]
    public async Task Concurrent_updates_from_one_revision_let_exactly_one_win()
    {
        var a = await Storage.CreateAsync(P + "a", Obj("a"), default);
        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await Storage.UpdateAsync(P + "a", Obj("a", "w" + i), a.Revision, default);
                return true;
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.Conflict)
            {
                return false;
            }
        });
        var results = await Task.WhenAll(attempts);
        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task List_at_an_older_revision_shows_the_state_of_that_revision()
    {
        var a = await Storage.CreateAsync(P + "a", Obj("a"), default);
        var b = await Storage.CreateAsync(P + "b", Obj("b"), default);
        var a2 = await Storage.UpdateAsync(P + "a", Obj("a", "changed"), a.Revision, default);
        await Storage.DeleteAsync(P + "a", a2.Revision, default);
        await Storage.CreateAsync(P + "c", Obj("c"), default);
        await Storage.CreateAsync(P[..^1] + "-sibling/z", Obj("z"), default);

        var atB = await Storage.ListAsync(P, new StorageListRequest(Revision: b.Revision), default);
        Assert.Equal([P + "a", P + "b"], atB.Items.Select(i => i.Key));
        Assert.Equal("a", V(atB.Items[0]));
        Assert.Equal(a.Revision, atB.Items[0].Revision);
        Assert.Equal(a.Revision.ToString(), Rv(atB.Items[0].Value));
        Assert.Equal(b.Revision, atB.Revision);

        var atA2 = await Storage.ListAsync(P, new StorageListRequest(Revision: a2.Revision), default);
        Assert.Equal(["changed", "b"], atA2.Items.Select(V));

        var now = await Storage.ListAsync(P, new StorageListRequest(), default);
        Assert.Equal([P + "b", P + "c"], now.Items.Select(i => i.Key));
        Assert.Equal(await Storage.GetCurrentRevisionAsync(default), now.Revision);
    }

    [Fact]
    public async Task Listing_at_a_revision_not_reached_yet_is_refused()
    {
        await Storage.CreateAsync(P + "a", Obj("a"), default);
        var current = await Storage.GetCurrentRevisionAsync(default);
        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.ListAsync(P, new StorageListRequest(Revision: current + 1000), default).AsTask());
        Assert.Equal(StorageErrorCode.RevisionCompacted, error.Code);
    }

    [Fact]
    public async Task Paging_with_limit_returns_every_item_once_at_one_revision_with_the_remaining_count()
    {
        foreach (var name in new[] { "c", "a", "e", "b", "d" })
        {
            await Storage.CreateAsync(P + name, Obj(name), default);
        }

        var first = await Storage.ListAsync(P, new StorageListRequest(Limit: 2), default);
        Assert.Equal(3, first.RemainingItemCount);
        await Storage.CreateAsync(P + "f", Obj("f"), default);

        var seen = first.Items.Select(i => i.Key).ToList();
        var start = first.NextKey;
        while (start is not null)
        {
            var page = await Storage.ListAsync(P, new StorageListRequest(Revision: first.Revision, StartKey: start, Limit: 2), default);
            Assert.Equal(first.Revision, page.Revision);
            seen.AddRange(page.Items.Select(i => i.Key));
            start = page.NextKey;
        }

        Assert.Equal(["a", "b", "c", "d", "e"], seen.Select(k => k[P.Length..]));
    }

    [Fact]
    public async Task A_filter_applies_before_the_limit()
    {
        for (var i = 0; i < 6; i++)
        {
            await Storage.CreateAsync(P + i, Obj(i.ToString(), i % 2 == 0 ? "even" : "odd"), default);
        }

        var page = await Storage.ListAsync(P, new StorageListRequest(Limit: 2, Filter: o => o["spec"]!["v"]!.GetValue<string>() == "odd"), default);
        Assert.Equal([P + "1", P + "3"], page.Items.Select(i => i.Key));
        Assert.Equal(P + "5", page.NextKey);
        Assert.Null(page.RemainingItemCount);
    }

    [Fact]
    public async Task Count_counts_the_current_keys_under_a_prefix()
    {
        var a = await Storage.CreateAsync(P + "x/a", Obj("a"), default);
        await Storage.CreateAsync(P + "x/b", Obj("b"), default);
        await Storage.CreateAsync(P + "y/c", Obj("c"), default);
        await Storage.UpdateAsync(P + "x/a", Obj("a", "2"), a.Revision, default);
        Assert.Equal(2, await Storage.CountAsync(P + "x/", default));
        Assert.Equal(3, await Storage.CountAsync(P, default));
        var b = await Storage.GetAsync(P + "x/b", default);
        await Storage.DeleteAsync(P + "x/b", b!.Revision, default);
        Assert.Equal(1, await Storage.CountAsync(P + "x/", default));
    }

    [Fact]
    public async Task Watch_replays_changes_after_a_revision_then_streams_live_ones_in_order()
    {
        var a = await Storage.CreateAsync(P + "a", Obj("a"), default);
        var a2 = await Storage.UpdateAsync(P + "a", Obj("a", "x"), a.Revision, default);
        using var watch = await Storage.WatchAsync(P, a.Revision, default);
        var b = await Storage.CreateAsync(P + "b", Obj("b"), default);
        await Storage.CreateAsync(P[..^1] + "-sibling/z", Obj("z"), default);
        var deleted = await Storage.DeleteAsync(P + "b", b.Revision, default);

        var events = await Take(watch, 3);
        Assert.Equal([StorageEventType.Modified, StorageEventType.Added, StorageEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal([P + "a", P + "b", P + "b"], events.Select(e => e.Object.Key));
        Assert.Equal(a2.Revision, events[0].Object.Revision);
        Assert.Equal("a", V(events[0].Previous!));
        Assert.Equal(a.Revision, events[0].Previous!.Revision);
        Assert.Equal("x", V(events[0].Object));
        Assert.Null(events[1].Previous);
        Assert.True(events[2].Object.Revision > deleted.Revision);
        Assert.Equal(events[2].Object.Revision.ToString(), Rv(events[2].Object.Value));
        Assert.Equal("b", V(events[2].Object));
        Assert.Equal(b.Revision, events[2].Previous!.Revision);
    }

    [Fact]
    public async Task A_watch_from_the_current_revision_sees_only_later_changes_once_each()
    {
        for (var i = 0; i < 5; i++)
        {
            await Storage.CreateAsync(P + "old" + i, Obj("old"), default);
        }

        var list = await Storage.ListAsync(P, new StorageListRequest(), default);
        using var watch = await Storage.WatchAsync(P, list.Revision, default);
        var writes = Enumerable.Range(0, 20).Select(i => Storage.CreateAsync(P + "new" + i, Obj("new"), default).AsTask());
        var created = await Task.WhenAll(writes);

        var events = await Take(watch, 20);
        Assert.All(events, e => Assert.Equal(StorageEventType.Added, e.Type));
        Assert.Equal(created.Select(c => c.Revision).Order(), events.Select(e => e.Object.Revision));
        Assert.Equal(20, events.Select(e => e.Object.Key).Distinct().Count());
    }

    [Fact]
    public async Task Watching_or_listing_from_a_compacted_revision_is_refused_and_a_relist_recovers()
    {
        var current = await Storage.CreateAsync(P + "a", Obj("a"), default);
        var first = current.Revision;
        for (var i = 0; i < UpdatesBeyondHistory; i++)
        {
            current = await Storage.UpdateAsync(P + "a", Obj("a", i.ToString()), current.Revision, default);
        }

        await CompactAsync(Storage, current.Revision - 2);

        var watchError = await Assert.ThrowsAsync<StorageException>(() => Storage.WatchAsync(P, first, default).AsTask());
        Assert.Equal(StorageErrorCode.RevisionCompacted, watchError.Code);
        Assert.True(watchError.CurrentRevision > first);
        var listError = await Assert.ThrowsAsync<StorageException>(() => Storage.ListAsync(P, new StorageListRequest(Revision: first), default).AsTask());
        Assert.Equal(StorageErrorCode.RevisionCompacted, listError.Code);

        // What a client does after 410 Gone: list again, then watch from the list.
        var relist = await Storage.ListAsync(P, new StorageListRequest(), default);
        Assert.Equal((UpdatesBeyondHistory - 1).ToString(), V(Assert.Single(relist.Items)));
        using var watch = await Storage.WatchAsync(P, relist.Revision, default);
        var next = await Storage.UpdateAsync(P + "a", Obj("a", "after"), current.Revision, default);
        var e = Assert.Single(await Take(watch, 1));
        Assert.Equal(next.Revision, e.Object.Revision);
        Assert.Equal("after", V(e.Object));
    }

    [Fact]
    public async Task Values_round_trip_exactly()
    {
        var value = JsonNode.Parse("""
            {
              "apiVersion": "wardle.example.com/v1alpha1", "kind": "Flunder",
              "metadata": { "name": "ü-名前", "labels": { "a/b": "c" }, "annotations": { "empty": "" }, "uid": "1f1e", "resourceVersion": "999" },
              "spec": {
                "int": 9007199254740993, "neg": -12, "dec": 0.1, "exp": 1e-7, "big": 123456789012345678901234567890,
                "t": true, "f": false, "nil": null, "s": "line\nbreak \"quoted\" \\ tab\t emoji 😀",
                "arr": [1, "two", { "three": [3] }, [], {}], "nested": { "deep": { "deeper": { "x": [null] } } }
              },
              "status": {}
            }
            """)!.AsObject();
        var expected = value.DeepClone().AsObject();
        var created = await Storage.CreateAsync(P + "v", value, default);
        var read = await Storage.GetAsync(P + "v", default);
        var listed = (await Storage.ListAsync(P, new StorageListRequest(), default)).Items.Single();

        foreach (var got in new[] { created.Value, read!.Value, listed.Value })
        {
            var copy = got.DeepClone().AsObject();
            Assert.Equal(created.Revision.ToString(), Rv(copy));
            copy["metadata"]!.AsObject().Remove("resourceVersion");
            var want = expected.DeepClone().AsObject();
            want["metadata"]!.AsObject().Remove("resourceVersion");
            Assert.True(JsonNode.DeepEquals(want, copy), $"expected {want.ToJsonString()}\nbut got {copy.ToJsonString()}");
            Assert.Equal("9007199254740993", copy["spec"]!["int"]!.ToJsonString());
            Assert.Equal("123456789012345678901234567890", copy["spec"]!["big"]!.ToJsonString());
        }
    }

    private static async Task<List<StorageEvent>> Take(IStorageWatch watch, int count)
    {
        var events = new List<StorageEvent>();
        using var timeout = new CancellationTokenSource(EventTimeout);
        try
        {
            await foreach (var e in watch.Events(timeout.Token))
            {
                events.Add(e);
                if (events.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"expected {count} events within {EventTimeout.TotalSeconds}s, got {events.Count}: " +
                string.Join(", ", events.Select(e => $"{e.Type} {e.Object.Key}@{e.Object.Revision}")));
        }

        Assert.True(events.Count == count, $"the watch ended after {events.Count} of {count} events: {watch.TerminationReason?.Message}");
        return events;
    }
}
