using System.Collections.Concurrent;
using ApiBuilder.Runtime.Controllers;

namespace ApiBuilder.Runtime.Tests.Controllers;

public sealed class WorkQueueTests
{
    [Fact]
    public async Task A_key_already_waiting_is_not_added_twice()
    {
        using var queue = new WorkQueue<string>(new FakeClock());

        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", await Take(queue));
        Assert.Equal("b", await Take(queue));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Distinct_keys_come_out_in_the_order_they_were_added()
    {
        using var queue = new WorkQueue<int>(new FakeClock());
        int[] keys = [5, 3, 9, 1, 7];

        foreach (var key in keys)
        {
            queue.Add(key);
        }

        foreach (var key in keys)
        {
            Assert.Equal(key, await Take(queue));
        }
    }

    [Fact]
    public async Task A_key_added_while_processing_comes_back_once_after_Done_and_not_before()
    {
        using var queue = new WorkQueue<string>(new FakeClock());
        queue.Add("a");
        var first = await Take(queue);

        queue.Add("a");
        queue.Add("a");

        // A second worker must not get the key while the first still handles it.
        Assert.Equal(0, queue.Count);
        var second = queue.GetAsync().AsTask();
        Assert.False(second.IsCompleted);

        queue.Done(first);

        Assert.True(second.IsCompletedSuccessfully);
        Assert.Equal(("a", false), await second);
        Assert.Equal(0, queue.Count);

        // The two adds during processing made one requeue, not two.
        queue.Done("a");
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Done_without_a_change_meanwhile_does_not_requeue_and_a_stray_Done_is_ignored()
    {
        using var queue = new WorkQueue<string>(new FakeClock());
        queue.Add("a");
        queue.Done(await Take(queue));

        Assert.Equal(0, queue.Count);

        queue.Add("b");
        queue.Done("b"); // "b" is waiting, not processing
        Assert.Equal(1, queue.Count);
        Assert.Equal("b", await Take(queue));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task An_add_wakes_a_waiting_worker()
    {
        using var queue = new WorkQueue<string>(new FakeClock());
        var waiting = queue.GetAsync().AsTask();
        Assert.False(waiting.IsCompleted);

        queue.Add("a");

        Assert.Equal(("a", false), await waiting);
        // Handed straight to the worker, so it is processing rather than waiting.
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_cancelled_GetAsync_throws_and_does_not_swallow_the_next_key()
    {
        using var queue = new WorkQueue<string>(new FakeClock());
        using var cancellation = new CancellationTokenSource();
        var waiting = queue.GetAsync(cancellation.Token).AsTask();

        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        queue.Add("a");
        Assert.Equal(1, queue.Count);
        Assert.Equal("a", await Take(queue));
    }

    [Fact]
    public async Task AddAfter_adds_the_key_only_once_the_delay_has_passed()
    {
        var clock = new FakeClock();
        using var queue = new WorkQueue<string>(clock);

        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        var waiting = queue.GetAsync().AsTask();

        clock.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
        Assert.False(waiting.IsCompleted);
        Assert.Equal(0, queue.Count);

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(("a", false), await waiting);
    }

    [Fact]
    public void AddAfter_with_a_zero_or_negative_delay_adds_now()
    {
        using var queue = new WorkQueue<string>(new FakeClock());

        queue.AddAfter("a", TimeSpan.Zero);
        queue.AddAfter("b", TimeSpan.FromSeconds(-1));

        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public async Task The_earliest_of_several_pending_delays_wins_and_they_coalesce()
    {
        var clock = new FakeClock();
        using var queue = new WorkQueue<string>(clock);

        queue.AddAfter("late-then-early", TimeSpan.FromSeconds(10));
        queue.AddAfter("late-then-early", TimeSpan.FromSeconds(3));
        queue.AddAfter("early-then-late", TimeSpan.FromSeconds(3));
        queue.AddAfter("early-then-late", TimeSpan.FromSeconds(10));

        clock.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1));
        Assert.Equal(0, queue.Count);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(2, queue.Count);
        queue.Done(await Take(queue));
        queue.Done(await Take(queue));

        // The later delays were folded into the earlier ones: nothing comes back at 10 s.
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Delayed_keys_of_different_times_arrive_in_time_order()
    {
        var clock = new FakeClock();
        using var queue = new WorkQueue<string>(clock);

        queue.AddAfter("c", TimeSpan.FromSeconds(3));
        queue.AddAfter("a", TimeSpan.FromSeconds(1));
        queue.AddAfter("b", TimeSpan.FromSeconds(2));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(3, queue.Count);
        Assert.Equal("a", await Take(queue));
        Assert.Equal("b", await Take(queue));
        Assert.Equal("c", await Take(queue));
    }

    [Fact]
    public async Task A_delayed_add_of_a_key_being_processed_marks_it_dirty()
    {
        var clock = new FakeClock();
        using var queue = new WorkQueue<string>(clock);
        queue.Add("a");
        var key = await Take(queue);

        queue.AddAfter("a", TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, queue.Count);

        queue.Done(key);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task AddRateLimited_backs_off_exponentially_per_key_up_to_the_cap_and_Forget_resets()
    {
        var clock = new FakeClock();
        using var queue = new WorkQueue<string>(clock, baseDelay: TimeSpan.FromSeconds(1), maxDelay: TimeSpan.FromSeconds(8));

        double[] expectedSeconds = [1, 2, 4, 8, 8, 8];
        for (var i = 0; i < expectedSeconds.Length; i++)
        {
            Assert.Equal(i, queue.NumRequeues("a"));
            queue.AddRateLimited("a");
            Assert.Equal(i + 1, queue.NumRequeues("a"));
            await AssertArrivesAfter(queue, clock, "a", TimeSpan.FromSeconds(expectedSeconds[i]));
        }

        // Failures are counted per key.
        Assert.Equal(0, queue.NumRequeues("b"));
        queue.AddRateLimited("b");
        await AssertArrivesAfter(queue, clock, "b", TimeSpan.FromSeconds(1));

        queue.Forget("a");
        Assert.Equal(0, queue.NumRequeues("a"));
        queue.AddRateLimited("a");
        await AssertArrivesAfter(queue, clock, "a", TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_default_backoff_starts_at_5_ms()
    {
        var clock = new FakeClock();
        using var queue = new WorkQueue<string>(clock);

        queue.AddRateLimited("a");
        await AssertArrivesAfter(queue, clock, "a", TimeSpan.FromMilliseconds(5));
        queue.AddRateLimited("a");
        await AssertArrivesAfter(queue, clock, "a", TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public void The_default_backoff_saturates_at_1000_s_without_overflowing()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(5 * 1024), WorkQueue<string>.Backoff(WorkQueue<string>.DefaultBaseDelay, WorkQueue<string>.DefaultMaxDelay, 10));
        Assert.Equal(TimeSpan.FromSeconds(1000), WorkQueue<string>.Backoff(WorkQueue<string>.DefaultBaseDelay, WorkQueue<string>.DefaultMaxDelay, 18));
        Assert.Equal(TimeSpan.FromSeconds(1000), WorkQueue<string>.Backoff(WorkQueue<string>.DefaultBaseDelay, WorkQueue<string>.DefaultMaxDelay, int.MaxValue));
        Assert.Equal(TimeSpan.Zero, WorkQueue<string>.Backoff(TimeSpan.Zero, WorkQueue<string>.DefaultMaxDelay, int.MaxValue));
    }

    [Fact]
    public async Task ShutDown_releases_waiting_workers()
    {
        using var queue = new WorkQueue<string>(new FakeClock());
        var first = queue.GetAsync().AsTask();
        var second = queue.GetAsync().AsTask();

        queue.ShutDown();

        Assert.True((await first).ShutDown);
        Assert.True((await second).ShutDown);
        Assert.True((await queue.GetAsync()).ShutDown);
    }

    [Fact]
    public async Task After_ShutDown_waiting_keys_are_drained_and_new_adds_are_ignored()
    {
        var clock = new FakeClock();
        using var queue = new WorkQueue<string>(clock);
        queue.Add("a");
        queue.Add("b");
        queue.AddAfter("delayed", TimeSpan.FromSeconds(1));

        queue.ShutDown();
        queue.Add("c");
        queue.AddAfter("d", TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.True(queue.IsShuttingDown);
        Assert.Equal(("a", false), await queue.GetAsync());
        Assert.Equal(("b", false), await queue.GetAsync());
        Assert.True((await queue.GetAsync()).ShutDown);
    }

    [Fact]
    public async Task A_change_that_arrived_before_ShutDown_is_still_handed_out_after_Done()
    {
        using var queue = new WorkQueue<string>(new FakeClock());
        queue.Add("a");
        var key = await Take(queue);
        queue.Add("a");

        queue.ShutDown();
        Assert.True((await queue.GetAsync()).ShutDown);
        queue.Done(key);

        Assert.Equal(("a", false), await queue.GetAsync());
        queue.Done("a");
        Assert.True((await queue.GetAsync()).ShutDown);
    }

    [Fact]
    public async Task Dispose_shuts_the_queue_down()
    {
        var queue = new WorkQueue<string>(new FakeClock());
        var waiting = queue.GetAsync().AsTask();

        queue.Dispose();
        queue.Dispose();

        Assert.True((await waiting).ShutDown);
        Assert.True(queue.IsShuttingDown);
    }

    [Fact(Timeout = 60_000)]
    public async Task Concurrent_workers_never_share_a_key_and_handle_every_key_after_its_last_add()
    {
        const int Keys = 16;
        const int Workers = 4;
        const int Producers = 2;
        const int AddsPerProducer = 20_000;

        using var queue = new WorkQueue<int>(new FakeClock());
        // Written before each Add, read by the worker when it starts on the key: a worker that
        // starts after an Add sees at least that Add's stamp.
        var lastAddStamp = new long[Keys];
        var handledStamp = new long[Keys];
        long stamps = 0;
        var inProgress = new ConcurrentDictionary<int, bool>();
        var overlaps = 0;
        var handled = 0;

        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var (key, shutDown) = await queue.GetAsync();
                if (shutDown)
                {
                    return;
                }

                if (!inProgress.TryAdd(key, true))
                {
                    Interlocked.Increment(ref overlaps);
                }

                var seen = Volatile.Read(ref lastAddStamp[key]);
                if (seen > handledStamp[key])
                {
                    handledStamp[key] = seen; // only this worker handles the key now
                }

                Interlocked.Increment(ref handled);
                // Processing takes a while, so adds keep arriving for keys being processed.
                Thread.SpinWait(100);
                if (key % 3 == 0)
                {
                    await Task.Yield();
                }

                inProgress.TryRemove(key, out var _);
                queue.Done(key);
            }
        })).ToArray();

        var producers = Enumerable.Range(0, Producers).Select(seed => Task.Run(async () =>
        {
            var random = new Random(seed);
            for (var i = 0; i < AddsPerProducer; i++)
            {
                var key = random.Next(Keys);
                var stamp = Interlocked.Increment(ref stamps);
                InterlockedMax(ref lastAddStamp[key], stamp);
                queue.Add(key);
                if (i % 32 == 0)
                {
                    // Gives the workers a turn on two cores, so adds interleave with processing.
                    await Task.Yield();
                }
            }
        })).ToArray();

        await Task.WhenAll(producers);
        // Every add happened before shutdown; the workers drain what is left and then stop.
        queue.ShutDown();
        await Task.WhenAll(workers);

        Assert.Equal(0, overlaps);
        Assert.True(handled > 0);
        for (var key = 0; key < Keys; key++)
        {
            Assert.True(lastAddStamp[key] == 0 || handledStamp[key] >= lastAddStamp[key], $"key {key} was not handled after its last add");
        }
    }

    private static async Task<string> Take(WorkQueue<string> queue)
    {
        var (key, shutDown) = await queue.GetAsync();
        Assert.False(shutDown);
        return key;
    }

    private static async Task<int> Take(WorkQueue<int> queue)
    {
        var (key, shutDown) = await queue.GetAsync();
        Assert.False(shutDown);
        return key;
    }

    // Checks the key turns up exactly when the delay has passed, then handles it.
    private static async Task AssertArrivesAfter(WorkQueue<string> queue, FakeClock clock, string key, TimeSpan delay)
    {
        clock.Advance(delay - TimeSpan.FromTicks(1));
        Assert.Equal(0, queue.Count);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal(key, await Take(queue));
        queue.Done(key);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (current < value)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }


    /// <summary>
    /// A clock with timers that only moves when the test advances it; due timers fire synchronously
    /// inside <see cref="Advance"/>, in due order.
    /// </summary>
    private sealed class FakeClock : TimeProvider
    {
        private readonly Lock gate = new();
        private readonly List<FakeTimer> timers = [];
        private DateTimeOffset now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow()
        {
            lock (gate)
            {
                return now;
            }
        }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => GetUtcNow().UtcTicks;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new FakeTimer(this, callback, state);
            timer.Change(dueTime, period);
            return timer;
        }

        public void Advance(TimeSpan by)
        {
            lock (gate)
            {
                now += by;
            }

            while (true)
            {
                FakeTimer? next;
                lock (gate)
                {
                    next = timers.Where(t => t.DueAt <= now).MinBy(t => t.DueAt);
                    if (next is null)
                    {
                        return;
                    }

                    // One-shot only: the queue never uses a period.
                    timers.Remove(next);
                }

                // Outside the lock, as a real timer fires on its own thread.
                next.Fire();
            }
        }

        private sealed class FakeTimer(FakeClock clock, TimerCallback callback, object? state) : ITimer
        {
            public DateTimeOffset DueAt { get; private set; }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                lock (clock.gate)
                {
                    clock.timers.Remove(this);
                    if (dueTime != Timeout.InfiniteTimeSpan)
                    {
                        DueAt = clock.now + dueTime;
                        clock.timers.Add(this);
                    }
                }

                return true;
            }

            public void Fire() => callback(state);

            public void Dispose()
            {
                lock (clock.gate)
                {
                    clock.timers.Remove(this);
                }
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
