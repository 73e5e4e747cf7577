using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Storage.Memory;

namespace ApiBuilder.Runtime.Tests.Storage;

public sealed class MemoryStorageTests
{
    private static JsonObject Obj(string name, string value = "a") =>
        new() { ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = new JsonObject { ["v"] = value } };

    [Fact]
    public async Task Every_write_gets_the_next_revision_across_all_keys()
    {
        await using var storage = new MemoryStorage();
        var a = await storage.CreateAsync("/r/a", Obj("a"), default);
        var b = await storage.CreateAsync("/r/b", Obj("b"), default);
        var a2 = await storage.UpdateAsync("/r/a", Obj("a", "x"), a.Revision, default);
        Assert.Equal([1L, 2L, 3L], [a.Revision, b.Revision, a2.Revision]);
        Assert.Equal("3", a2.Value["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(3, await storage.GetCurrentRevisionAsync(default));
    }

    [Fact]
    public async Task Update_and_delete_are_compare_and_swap()
    {
        await using var storage = new MemoryStorage();
        var a = await storage.CreateAsync("/r/a", Obj("a"), default);
        await storage.UpdateAsync("/r/a", Obj("a", "x"), a.Revision, default);
        var stale = await Assert.ThrowsAsync<StorageException>(() => storage.UpdateAsync("/r/a", Obj("a", "y"), a.Revision, default).AsTask());
        Assert.Equal(StorageErrorCode.Conflict, stale.Code);
        var staleDelete = await Assert.ThrowsAsync<StorageException>(() => storage.DeleteAsync("/r/a", a.Revision, default).AsTask());
        Assert.Equal(StorageErrorCode.Conflict, staleDelete.Code);
        Assert.Equal("x", (await storage.GetAsync("/r/a", default))!.Value["spec"]!["v"]!.GetValue<string>());
        var exists = await Assert.ThrowsAsync<StorageException>(() => storage.CreateAsync("/r/a", Obj("a"), default).AsTask());
        Assert.Equal(StorageErrorCode.KeyExists, exists.Code);
    }

    [Fact]
    public async Task List_at_an_older_revision_shows_the_state_of_that_revision()
    {
        await using var storage = new MemoryStorage();
        var a = await storage.CreateAsync("/r/a", Obj("a"), default);
        await storage.CreateAsync("/r/b", Obj("b"), default);
        var a2 = await storage.UpdateAsync("/r/a", Obj("a", "changed"), a.Revision, default);
        await storage.DeleteAsync("/r/a", a2.Revision, default);
        await storage.CreateAsync("/other/c", Obj("c"), default);

        var atTwo = await storage.ListAsync("/r/", new StorageListRequest(Revision: 2), default);
        Assert.Equal(["/r/a", "/r/b"], atTwo.Items.Select(i => i.Key));
        Assert.Equal("a", atTwo.Items[0].Value["spec"]!["v"]!.GetValue<string>());
        var now = await storage.ListAsync("/r/", new StorageListRequest(), default);
        Assert.Equal(["/r/b"], now.Items.Select(i => i.Key));
        Assert.Equal(5, now.Revision);
    }

    [Fact]
    public async Task Paging_with_limit_returns_every_item_once()
    {
        await using var storage = new MemoryStorage();
        foreach (var name in new[] { "c", "a", "e", "b", "d" })
        {
            await storage.CreateAsync("/r/" + name, Obj(name), default);
        }

        var seen = new List<string>();
        string? start = null;
        do
        {
            var page = await storage.ListAsync("/r/", new StorageListRequest(Revision: 5, StartKey: start, Limit: 2), default);
            seen.AddRange(page.Items.Select(i => i.Key));
            start = page.NextKey;
            Assert.Equal(5, page.Revision);
        }
        while (start is not null);

        Assert.Equal(["/r/a", "/r/b", "/r/c", "/r/d", "/r/e"], seen);
    }

    [Fact]
    public async Task Watch_replays_history_after_a_revision_then_streams_live_changes()
    {
        await using var storage = new MemoryStorage();
        var a = await storage.CreateAsync("/r/a", Obj("a"), default);
        await storage.UpdateAsync("/r/a", Obj("a", "x"), a.Revision, default);
        using var watch = await storage.WatchAsync("/r/", a.Revision, default);
        var b = await storage.CreateAsync("/r/b", Obj("b"), default);
        await storage.DeleteAsync("/r/b", b.Revision, default);
        await storage.CreateAsync("/elsewhere/z", Obj("z"), default);

        var events = new List<StorageEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await foreach (var e in watch.Events(timeout.Token))
        {
            events.Add(e);
            if (events.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([StorageEventType.Modified, StorageEventType.Added, StorageEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal([2L, 3L, 4L], events.Select(e => e.Object.Revision));
        Assert.Equal("4", events[2].Object.Value["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.NotNull(events[0].Previous);
    }

    [Fact]
    public async Task Watching_or_listing_from_before_the_history_window_is_refused_as_compacted()
    {
        await using var storage = new MemoryStorage(historyCapacity: 3);
        var current = await storage.CreateAsync("/r/a", Obj("a"), default);
        for (var i = 0; i < 5; i++)
        {
            current = await storage.UpdateAsync("/r/a", Obj("a", i.ToString()), current.Revision, default);
        }

        var watchError = await Assert.ThrowsAsync<StorageException>(() => storage.WatchAsync("/r/", 1, default).AsTask());
        Assert.Equal(StorageErrorCode.RevisionCompacted, watchError.Code);
        var listError = await Assert.ThrowsAsync<StorageException>(() => storage.ListAsync("/r/", new StorageListRequest(Revision: 1), default).AsTask());
        Assert.Equal(StorageErrorCode.RevisionCompacted, listError.Code);
        using var recent = await storage.WatchAsync("/r/", 4, default);
        Assert.NotNull(recent);
    }

    [Fact]
    public async Task A_watcher_that_falls_too_far_behind_is_ended_with_a_reason()
    {
        await using var storage = new MemoryStorage(watchBufferCapacity: 2);
        using var watch = await storage.WatchAsync("/r/", 0, default);
        for (var i = 0; i < 5; i++)
        {
            await storage.CreateAsync("/r/" + i, Obj(i.ToString()), default);
        }

        var received = 0;
        await foreach (var unused in watch.Events(default))
        {
            received++;
        }

        Assert.Equal(2, received);
        Assert.NotNull(watch.TerminationReason);
    }
}
