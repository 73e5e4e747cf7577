using ApiBuilder.Runtime.Controllers.Leases;
using ApiBuilder.Runtime.Storage.Memory;

namespace ApiBuilder.Runtime.Tests.Controllers;

/// <summary>Two replicas on one storage: one leads at a time, and the other takes over when the leader stops or fails.</summary>
public sealed class LeaderElectionTests
{
    private static readonly LeaderElectionOptions Fast = new()
    {
        LeaseDuration = TimeSpan.FromMilliseconds(900),
        RenewDeadline = TimeSpan.FromMilliseconds(600),
        RetryPeriod = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task One_replica_leads_and_the_other_takes_over_when_it_stops()
    {
        await using var storage = new MemoryStorage();
        var leading = 0;
        var most = 0;
        async Task Work(CancellationToken token)
        {
            var now = Interlocked.Increment(ref leading);
            InterlockedMax(ref most, now);
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                Interlocked.Decrement(ref leading);
            }
        }

        var first = new LeaderElector(new StorageLeaseLock(storage, "controllers"), "first", Fast);
        var second = new LeaderElector(new StorageLeaseLock(storage, "controllers"), "second", Fast);
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var runFirst = first.RunAsync(Work, stopFirst.Token);
        await Until(() => first.IsLeader);
        var runSecond = second.RunAsync(Work, stopSecond.Token);
        await Task.Delay(1500);
        Assert.True(first.IsLeader);
        Assert.False(second.IsLeader);

        await stopFirst.CancelAsync();
        await runFirst;
        await Until(() => second.IsLeader);
        await stopSecond.CancelAsync();
        await runSecond;
        Assert.Equal(1, most);
    }

    [Fact]
    public async Task A_leader_that_cannot_renew_stops_its_work_before_another_takes_the_lease()
    {
        await using var storage = new MemoryStorage();
        var broken = new BreakableLock(new StorageLeaseLock(storage, "controllers"));
        var firstStopped = DateTimeOffset.MaxValue;
        var secondStarted = DateTimeOffset.MaxValue;
        var log = new ListLogger();
        // A wide margin between renew deadline and lease duration, as in production (10 s and 15 s): a loaded
        // machine may pause a loop for a while, and the guarantee holds only while the leader's loop runs.
        var margins = Fast with { RenewDeadline = TimeSpan.FromSeconds(1), LeaseDuration = TimeSpan.FromSeconds(4) };
        var first = new LeaderElector(broken, "first", margins, log);
        var second = new LeaderElector(new StorageLeaseLock(storage, "controllers"), "second", margins, log);
        using var stop = new CancellationTokenSource();
        var runFirst = first.RunAsync(async token =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                firstStopped = DateTimeOffset.UtcNow;
            }
        }, stop.Token);
        await Until(() => first.IsLeader);
        var runSecond = second.RunAsync(_ =>
        {
            secondStarted = DateTimeOffset.UtcNow;
            return Task.Delay(Timeout.Infinite, stop.Token);
        }, stop.Token);

        broken.Broken = true; // the leader's storage connection fails: it can no longer renew
        await Until(() => second.IsLeader);

        Assert.True(firstStopped < secondStarted, $"the old leader stopped at {firstStopped:O}, the new one started at {secondStarted:O}\n{string.Join("\n", log.Lines)}");
        await stop.CancelAsync();
        await Task.WhenAll(runFirst, runSecond.ContinueWith(_ => { }, TaskScheduler.Default));
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "leadership did not change within 20 s");
            await Task.Delay(20);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue($"{DateTimeOffset.UtcNow:O} {formatter(state, exception)}");
    }

    private sealed class BreakableLock(ILeaseLock inner) : ILeaseLock
    {
        public volatile bool Broken;

        public string Description => inner.Description;

        public Task<(LeaseRecord? Record, string? Version)> ReadAsync(CancellationToken cancellationToken) =>
            Broken ? throw new IOException("storage unreachable") : inner.ReadAsync(cancellationToken);

        public Task<bool> TryWriteAsync(LeaseRecord record, string? version, CancellationToken cancellationToken) =>
            Broken ? throw new IOException("storage unreachable") : inner.TryWriteAsync(record, version, cancellationToken);
    }
}
