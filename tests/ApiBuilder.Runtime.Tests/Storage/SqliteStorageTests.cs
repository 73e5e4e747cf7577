using System.Diagnostics;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace ApiBuilder.Runtime.Tests.Storage;

/// <summary>What only the SQLite backend has: a file that outlives the process, belongs to someone, and can be shared.</summary>
public sealed class SqliteStorageTests : IDisposable
{
    private readonly TempDirectory directory = new("sqlite");

    private string DbPath => Path.Combine(directory.Path, "storage.db");

    public void Dispose() => directory.Dispose();

    private static JsonObject Obj(string name, string value = "v") =>
        new() { ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = new JsonObject { ["v"] = value } };

    private SqliteStorage Open(string? path = null, TimeSpan? poll = null) =>
        SqliteStorage.Open(new SqliteStorageOptions { Path = path ?? DbPath, PollInterval = poll ?? TimeSpan.FromMilliseconds(50) });

    [Fact]
    public async Task Data_and_revisions_survive_reopening_the_file()
    {
        long last;
        await using (var storage = Open())
        {
            var a = await storage.CreateAsync("/r/a", Obj("a"), default);
            last = (await storage.UpdateAsync("/r/a", Obj("a", "2"), a.Revision, default)).Revision;
        }

        await using var reopened = Open();
        Assert.Equal(last, await reopened.GetCurrentRevisionAsync(default));
        Assert.Equal("2", (await reopened.GetAsync("/r/a", default))!.Value["spec"]!["v"]!.GetValue<string>());
        var next = await reopened.CreateAsync("/r/b", Obj("b"), default);
        Assert.Equal(last + 1, next.Revision);
    }

    [Fact]
    public async Task Concurrent_writes_committed_together_keep_their_own_answers_and_revisions()
    {
        await using var storage = Open();
        var existing = await storage.CreateAsync("/r/taken", Obj("taken"), default);

        // Many writers at once: most are committed in shared transactions; the refused ones are refused alone.
        var creates = Enumerable.Range(0, 200).Select(i => Task.Run(() => storage.CreateAsync($"/r/k{i}", Obj($"k{i}"), default).AsTask())).ToList();
        var duplicates = Enumerable.Range(0, 20).Select(_ => Task.Run(() => storage.CreateAsync("/r/taken", Obj("taken"), default).AsTask())).ToList();
        var conflicts = Enumerable.Range(0, 20).Select(_ => Task.Run(() => storage.UpdateAsync("/r/taken", Obj("taken", "x"), existing.Revision + 1_000, default).AsTask())).ToList();
        var sameKey = Enumerable.Range(0, 20).Select(_ => Task.Run(() => storage.CreateAsync("/r/once", Obj("once"), default).AsTask())).ToList();

        var created = await Task.WhenAll(creates);
        Assert.Equal(200, created.Select(c => c.Revision).Distinct().Count());
        Assert.All(created, c => Assert.True(c.Revision > existing.Revision));
        foreach (var task in duplicates)
        {
            Assert.Equal(StorageErrorCode.KeyExists, (await Assert.ThrowsAsync<StorageException>(() => task)).Code);
        }

        foreach (var task in conflicts)
        {
            Assert.Equal(StorageErrorCode.Conflict, (await Assert.ThrowsAsync<StorageException>(() => task)).Code);
        }

        await Task.WhenAll(sameKey).ContinueWith(_ => { }, TaskScheduler.Default);
        Assert.Equal(1, sameKey.Count(t => t.Status == TaskStatus.RanToCompletion));
        Assert.Equal(19, sameKey.Count(t => t.Exception?.InnerException is StorageException { Code: StorageErrorCode.KeyExists }));

        // Every acknowledged write is in the file, at the revision it was answered with.
        await using var reopened = Open(poll: TimeSpan.FromMilliseconds(50));
        foreach (var c in created)
        {
            Assert.Equal(c.Revision, (await reopened.GetAsync(c.Key, default))!.Revision);
        }

        Assert.Equal(existing.Revision, (await reopened.GetAsync("/r/taken", default))!.Revision);
        Assert.Equal(existing.Revision + 201, await reopened.GetCurrentRevisionAsync(default));
    }

    [Fact]
    public async Task The_database_directory_is_created_and_the_file_is_in_wal_mode_with_a_versioned_schema()
    {
        var path = Path.Combine(directory.Path, "nested", "dir", "storage.db");
        await using (var storage = Open(path))
        {
            await storage.CreateAsync("/r/a", Obj("a"), default);
        }

        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "PRAGMA user_version";
        Assert.Equal(1L, command.ExecuteScalar());
        command.CommandText = "PRAGMA application_id";
        Assert.Equal((long)SqliteSchema.ApplicationId, command.ExecuteScalar());
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_at_startup_naming_the_file_and_left_unchanged()
    {
        File.WriteAllText(DbPath, "these are someone's notes, not a database\n");
        var before = File.ReadAllBytes(DbPath);
        var error = Assert.Throws<StorageConfigurationException>(() => Open());
        Assert.Contains(DbPath, error.Message);
        Assert.Contains("not a SQLite database", error.Message);
        Assert.Contains("--storage sqlite:", error.Message);
        Assert.Equal(before, File.ReadAllBytes(DbPath));
    }

    [Fact]
    public void A_database_of_another_program_is_refused_and_left_unchanged()
    {
        using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            connection.Open();
            SqliteConnections.Execute(connection, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('ada');");
        }

        var before = File.ReadAllBytes(DbPath);
        var error = Assert.Throws<StorageConfigurationException>(() => Open());
        Assert.Contains(DbPath, error.Message);
        Assert.Contains("another program", error.Message);
        Assert.Contains("users", error.Message);
        Assert.Equal(before, File.ReadAllBytes(DbPath));
    }

    [Fact]
    public async Task A_database_from_a_newer_schema_version_is_refused()
    {
        await (Open()).DisposeAsync();
        using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            connection.Open();
            SqliteConnections.Execute(connection, "PRAGMA user_version = 99");
        }

        var error = Assert.Throws<StorageConfigurationException>(() => Open());
        Assert.Contains("schema version 99", error.Message);
    }

    [Fact]
    public async Task A_file_that_cannot_be_written_answers_unavailable_and_fails_health_until_it_can()
    {
        await using (var first = Open())
        {
            await first.CreateAsync("/r/a", Obj("a"), default);
        }

        SetWritable(DbPath, false);
        try
        {
            await using var storage = Open();
            var error = await Assert.ThrowsAsync<StorageException>(() => storage.CreateAsync("/r/b", Obj("b"), default).AsTask());
            Assert.Equal(StorageErrorCode.Unavailable, error.Code);
            Assert.Contains(DbPath, error.Message);
            Assert.NotNull(await storage.CheckHealthAsync(default));

            SetWritable(DbPath, true);
            Assert.Null(await storage.CheckHealthAsync(default));
            var b = await storage.CreateAsync("/r/b", Obj("b"), default);
            Assert.Equal(2, await storage.CountAsync("/r/", default));
            Assert.True(b.Revision > 1);
        }
        finally
        {
            SetWritable(DbPath, true);
        }
    }

    [Fact]
    public async Task A_second_storage_on_the_same_file_sees_writes_in_its_watch_and_shares_one_revision_counter()
    {
        await using var one = Open();
        await using var two = Open();
        using var watch = await two.WatchAsync("/r/", 0, default);
        var a = await one.CreateAsync("/r/a", Obj("a"), default);
        var b = await two.CreateAsync("/r/b", Obj("b"), default);
        var a2 = await one.UpdateAsync("/r/a", Obj("a", "2"), a.Revision, default);
        Assert.True(a.Revision < b.Revision && b.Revision < a2.Revision);

        var events = new List<StorageEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var e in watch.Events(timeout.Token))
        {
            events.Add(e);
            if (events.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([a.Revision, b.Revision, a2.Revision], events.Select(e => e.Object.Revision));
        var stale = await Assert.ThrowsAsync<StorageException>(() => two.UpdateAsync("/r/a", Obj("a", "3"), a.Revision, default).AsTask());
        Assert.Equal(StorageErrorCode.Conflict, stale.Code);
    }

    [Fact]
    public async Task A_watch_resumed_after_a_restart_from_the_last_seen_revision_has_no_gap_and_no_repeat()
    {
        var seen = new List<long>();
        long lastSeen;
        await using (var storage = Open())
        {
            using var watch = await storage.WatchAsync("/r/", 0, default);
            for (var i = 0; i < 5; i++)
            {
                await storage.CreateAsync("/r/" + i, Obj(i.ToString()), default);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await foreach (var e in watch.Events(timeout.Token))
            {
                seen.Add(e.Object.Revision);
                if (seen.Count == 3)
                {
                    break;
                }
            }

            lastSeen = seen[^1];
        }

        await using var restarted = Open();
        for (var i = 5; i < 8; i++)
        {
            await restarted.CreateAsync("/r/" + i, Obj(i.ToString()), default);
        }

        using var resumed = await restarted.WatchAsync("/r/", lastSeen, default);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var e in resumed.Events(wait.Token))
        {
            seen.Add(e.Object.Revision);
            if (seen.Count == 8)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task Compaction_keeps_the_current_state_and_removes_replaced_rows_and_deletions()
    {
        await using var storage = Open();
        var a = await storage.CreateAsync("/r/a", Obj("a"), default);
        for (var i = 0; i < 10; i++)
        {
            a = await storage.UpdateAsync("/r/a", Obj("a", i.ToString()), a.Revision, default);
        }

        var b = await storage.CreateAsync("/r/b", Obj("b"), default);
        await storage.DeleteAsync("/r/b", b.Revision, default);
        var current = await storage.GetCurrentRevisionAsync(default);
        await storage.CompactAsync(current, default);

        Assert.Equal(1, RowCount());
        Assert.Equal("9", (await storage.GetAsync("/r/a", default))!.Value["spec"]!["v"]!.GetValue<string>());
        Assert.Equal(current, await storage.GetCurrentRevisionAsync(default));
        var c = await storage.CreateAsync("/r/c", Obj("c"), default);
        Assert.Equal(current + 1, c.Revision);
        Assert.Single((await storage.ListAsync("/r/", new StorageListRequest(Revision: current), default)).Items);
    }

    [Fact]
    public async Task Old_revisions_are_compacted_in_the_background_keeping_the_configured_window()
    {
        await using var storage = SqliteStorage.Open(new SqliteStorageOptions
        {
            Path = DbPath,
            RetainedRevisions = 5,
            CompactionInterval = TimeSpan.FromMilliseconds(50),
        });
        var a = await storage.CreateAsync("/r/a", Obj("a"), default);
        for (var i = 0; i < 20; i++)
        {
            a = await storage.UpdateAsync("/r/a", Obj("a", i.ToString()), a.Revision, default);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (RowCount() > 6)
        {
            await Task.Delay(20, timeout.Token);
        }

        var error = await Assert.ThrowsAsync<StorageException>(() => storage.ListAsync("/r/", new StorageListRequest(Revision: 2), default).AsTask());
        Assert.Equal(StorageErrorCode.RevisionCompacted, error.Code);
        var recent = await storage.ListAsync("/r/", new StorageListRequest(Revision: a.Revision - 5), default);
        Assert.Equal("14", Assert.Single(recent.Items).Value["spec"]!["v"]!.GetValue<string>());
    }

    private long RowCount()
    {
        using var connection = new SqliteConnection($"Data Source={DbPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM revisions";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>chattr +i stops even root (tests run as root in CI); chmod serves other users.</summary>
    private static void SetWritable(string path, bool writable)
    {
        if (Environment.UserName == "root")
        {
            using var chattr = Process.Start(new ProcessStartInfo("chattr", [writable ? "-i" : "+i", path]) { RedirectStandardError = true })!;
            chattr.WaitForExit();
            Assert.True(chattr.ExitCode == 0, "chattr failed: " + chattr.StandardError.ReadToEnd());
        }
        else if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, writable ? UnixFileMode.UserRead | UnixFileMode.UserWrite : UnixFileMode.UserRead);
        }
    }
}
