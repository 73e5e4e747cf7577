namespace ApiBuilder.Runtime.Controllers;

/// <summary>
/// A rate-limited work queue for controllers, with the semantics of client-go's
/// <c>workqueue.TypedRateLimitingInterface</c> (queue, delaying queue and the per-item exponential
/// failure rate limiter of <c>DefaultControllerRateLimiter</c>).
/// </summary>
/// <remarks>
/// <para>
/// A key is in one of three states: waiting (handed out by the next <see cref="GetAsync"/>),
/// processing (handed out, <see cref="Done"/> not yet called), or neither. A waiting key is never
/// queued twice. A key added while it is processing is marked dirty and queued again only when
/// <see cref="Done"/> is called for it, so at most one worker handles a key at a time and a change
/// that arrives during processing is never lost.
/// </para>
/// <para>
/// After <see cref="ShutDown"/>, <see cref="Add"/> and the delayed adds are ignored and pending delays
/// are dropped, but keys already waiting are still handed out; once none is left
/// <see cref="GetAsync"/> returns <c>ShutDown = true</c>. A key that became dirty while processing is
/// still queued again by <see cref="Done"/>, so a worker should keep calling <see cref="GetAsync"/>
/// until it reports shutdown.
/// </para>
/// <para>All members are thread-safe.</para>
/// </remarks>
/// <typeparam name="TKey">The work item, usually a namespace/name key; compared with the default equality comparer.</typeparam>
public sealed class WorkQueue<TKey> : IDisposable where TKey : notnull
{
    /// <summary>The first retry delay of <see cref="AddRateLimited"/> when none is given (client-go's 5 ms).</summary>
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest retry delay of <see cref="AddRateLimited"/> when none is given (client-go's 1000 s).</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(1000);

    // A timer is armed at most this far ahead: TimeProvider.System's timers reject due times
    // beyond ~49 days, and an early wake-up only re-arms for the rest.
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromDays(1);

    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly long startTimestamp;
    private readonly TimeSpan baseDelay;
    private readonly TimeSpan maxDelay;

    // Waiting keys in arrival order; every one of them is also in dirty and none is in processing.
    private readonly Queue<TKey> queue = new();
    // Keys that need processing: the waiting ones plus those added again while processing.
    private readonly HashSet<TKey> dirty = [];
    private readonly HashSet<TKey> processing = [];
    // GetAsync calls waiting for a key; non-empty only while the queue is empty, because an
    // arriving key is handed straight to the oldest waiter.
    private readonly LinkedList<Waiter> waiters = new();

    // Delayed adds: one entry per key (the earliest wins), ordered by when they become ready.
    private readonly Dictionary<TKey, DelayedAdd> delayedByKey = [];
    private readonly SortedSet<DelayedAdd> delayed = new(DelayedAddOrder.Instance);
    private long nextSequence;
    private ITimer? timer;

    private readonly Dictionary<TKey, int> failures = [];
    private bool shuttingDown;

    /// <summary>Creates an empty queue.</summary>
    /// <param name="time">The clock for delayed adds; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="baseDelay">The delay after the first failure of a key; 5 ms when null.</param>
    /// <param name="maxDelay">The cap on the delay after repeated failures; 1000 s when null.</param>
    public WorkQueue(TimeProvider? time = null, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
    {
        this.time = time ?? TimeProvider.System;
        this.baseDelay = baseDelay ?? DefaultBaseDelay;
        this.maxDelay = maxDelay ?? DefaultMaxDelay;
        ArgumentOutOfRangeException.ThrowIfLessThan(this.baseDelay, TimeSpan.Zero, nameof(baseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(this.maxDelay, TimeSpan.Zero, nameof(maxDelay));
        startTimestamp = this.time.GetTimestamp();
    }

    /// <summary>The number of keys waiting to be handed out (neither processing nor delayed).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    /// <summary>Whether <see cref="ShutDown"/> (or <see cref="Dispose"/>) has been called.</summary>
    public bool IsShuttingDown
    {
        get
        {
            lock (gate)
            {
                return shuttingDown;
            }
        }
    }

    /// <summary>
    /// Queues <paramref name="key"/> unless it is already waiting. If it is processing, it is queued
    /// again when <see cref="Done"/> is called for it. Ignored after <see cref="ShutDown"/>.
    /// </summary>
    public void Add(TKey key)
    {
        lock (gate)
        {
            AddLocked(key);
        }
    }

    /// <summary>
    /// Waits for the next key and marks it processing; the caller must call <see cref="Done"/> for it.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; a key is never handed to a cancelled call.</param>
    /// <returns>
    /// The key with <c>ShutDown = false</c>; or, once the queue is shut down and no key is waiting,
    /// <c>ShutDown = true</c> and a default <c>Key</c>.
    /// </returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before a key was handed out.</exception>
    public ValueTask<(TKey Key, bool ShutDown)> GetAsync(CancellationToken cancellationToken = default)
    {
        // Checked first so a cancelled worker never takes a key it will not process.
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<(TKey, bool)>(cancellationToken);
        }

        Waiter waiter;
        lock (gate)
        {
            if (queue.TryDequeue(out var key))
            {
                dirty.Remove(key);
                processing.Add(key);
                return new((key, false));
            }

            if (shuttingDown)
            {
                return new((default!, true));
            }

            waiter = new Waiter(this);
            waiter.Node = waiters.AddLast(waiter);
        }

        return cancellationToken.CanBeCanceled
            ? WaitAsync(waiter, cancellationToken)
            : new(waiter.Task);
    }

    /// <summary>
    /// Marks <paramref name="key"/> as no longer processing; if it was added meanwhile, it is queued
    /// again. Ignored for a key that is not processing, so a stray call cannot queue a key twice.
    /// </summary>
    public void Done(TKey key)
    {
        lock (gate)
        {
            if (processing.Remove(key) && dirty.Contains(key))
            {
                // Even after shutdown: the change arrived while the queue still accepted adds.
                EnqueueLocked(key);
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="key"/> once <paramref name="delay"/> has passed on the queue's clock; a
    /// zero or negative delay adds it now. While a delayed add for the key is pending, another one
    /// only moves it earlier, never later. Ignored after <see cref="ShutDown"/>.
    /// </summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        lock (gate)
        {
            if (delay <= TimeSpan.Zero)
            {
                AddLocked(key);
                return;
            }

            if (shuttingDown)
            {
                return;
            }

            var now = Now();
            var readyAt = delay >= TimeSpan.MaxValue - now ? TimeSpan.MaxValue : now + delay;
            if (delayedByKey.TryGetValue(key, out var pending))
            {
                if (pending.ReadyAt <= readyAt)
                {
                    return;
                }

                delayed.Remove(pending);
            }

            var entry = new DelayedAdd(key, readyAt, nextSequence++);
            delayedByKey[key] = entry;
            delayed.Add(entry);
            if (delayed.Min.Sequence == entry.Sequence)
            {
                ArmLocked(now);
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="key"/> after its backoff: the base delay doubled for each earlier
    /// failure counted for the key, capped at the maximum delay; then counts one more failure.
    /// </summary>
    public void AddRateLimited(TKey key)
    {
        lock (gate)
        {
            // Counted even after shutdown, as client-go's rate limiter does; AddAfter then ignores the add.
            failures.TryGetValue(key, out var count);
            failures[key] = count == int.MaxValue ? count : count + 1;
            AddAfter(key, Backoff(baseDelay, maxDelay, count));
        }
    }

    /// <summary>
    /// Resets the failure count of <paramref name="key"/>; call it when the key was handled
    /// successfully, or the count (and its memory) stays. A pending delayed add is not cancelled.
    /// </summary>
    public void Forget(TKey key)
    {
        lock (gate)
        {
            failures.Remove(key);
        }
    }

    /// <summary>The number of failures counted by <see cref="AddRateLimited"/> for <paramref name="key"/> since it was last forgotten.</summary>
    public int NumRequeues(TKey key)
    {
        lock (gate)
        {
            return failures.GetValueOrDefault(key);
        }
    }

    /// <summary>
    /// Stops accepting keys and drops pending delayed adds. Waiting keys are still handed out;
    /// <see cref="GetAsync"/> calls waiting on an empty queue return <c>ShutDown = true</c> now.
    /// </summary>
    public void ShutDown()
    {
        ITimer? stopped;
        lock (gate)
        {
            shuttingDown = true;
            delayed.Clear();
            delayedByKey.Clear();
            stopped = timer;
            timer = null;

            // Waiters exist only while the queue is empty, so each of them is told to stop.
            while (waiters.First is { } node)
            {
                waiters.RemoveFirst();
                node.Value.TrySetResult((default!, true));
            }
        }

        // Outside the lock: a fake clock may take its own lock, and the callback takes ours.
        stopped?.Dispose();
    }

    /// <summary>Shuts the queue down (see <see cref="ShutDown"/>) and releases its timer.</summary>
    public void Dispose() => ShutDown();

    /// <summary>client-go's per-item exponential backoff: <paramref name="baseDelay"/> * 2^<paramref name="failures"/>, at most <paramref name="maxDelay"/>.</summary>
    internal static TimeSpan Backoff(TimeSpan baseDelay, TimeSpan maxDelay, int failures)
    {
        if (baseDelay == TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // In double so that many failures saturate (to infinity) instead of overflowing.
        var ticks = baseDelay.Ticks * Math.Pow(2, failures);
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    private void AddLocked(TKey key)
    {
        if (shuttingDown || !dirty.Add(key) || processing.Contains(key))
        {
            return;
        }

        EnqueueLocked(key);
    }

    // Makes a dirty key that is not processing available: to the oldest waiter, or at the queue's end.
    private void EnqueueLocked(TKey key)
    {
        if (waiters.First is { } node)
        {
            waiters.RemoveFirst();
            dirty.Remove(key);
            processing.Add(key);
            // Continuations run asynchronously (see Waiter), so none runs under the lock.
            node.Value.TrySetResult((key, false));
        }
        else
        {
            queue.Enqueue(key);
        }
    }

    private static async ValueTask<(TKey Key, bool ShutDown)> WaitAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        // Disposed after the wait, outside the lock: disposing waits for a running callback, which takes the lock.
        using (cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Cancel(token), waiter))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    // Elapsed time on the queue's clock; monotonic, so wall-clock jumps do not move delays.
    private TimeSpan Now() => time.GetElapsedTime(startTimestamp);

    private void ArmLocked(TimeSpan now)
    {
        if (timer is null)
        {
            // A long-lived timer should not keep the first caller's ExecutionContext (async locals) alive.
            var restoreFlow = !ExecutionContext.IsFlowSuppressed();
            if (restoreFlow)
            {
                ExecutionContext.SuppressFlow();
            }

            try
            {
                timer = time.CreateTimer(static state => ((WorkQueue<TKey>)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
            finally
            {
                if (restoreFlow)
                {
                    ExecutionContext.RestoreFlow();
                }
            }
        }

        var due = delayed.Min.ReadyAt - now;
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due > MaxTimerDue ? MaxTimerDue : due;
        timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }

            var now = Now();
            while (delayed.Count > 0 && delayed.Min.ReadyAt <= now)
            {
                var entry = delayed.Min;
                delayed.Remove(entry);
                delayedByKey.Remove(entry.Key);
                AddLocked(entry.Key);
            }

            if (delayed.Count > 0)
            {
                ArmLocked(now);
            }
        }
    }

    // Completed exactly once: by whoever removes it from the waiter list under the lock.
    private sealed class Waiter(WorkQueue<TKey> owner)
        : TaskCompletionSource<(TKey Key, bool ShutDown)>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public LinkedListNode<Waiter>? Node { get; set; }

        public void Cancel(CancellationToken token)
        {
            lock (owner.gate)
            {
                if (Node?.List is null)
                {
                    // Already handed a key or told to shut down; that result stands.
                    return;
                }

                owner.waiters.Remove(Node);
            }

            TrySetCanceled(token);
        }
    }

    private readonly record struct DelayedAdd(TKey Key, TimeSpan ReadyAt, long Sequence);

    // Orders by ready time, then by insertion, so distinct entries never compare equal.
    private sealed class DelayedAddOrder : IComparer<DelayedAdd>
    {
        public static readonly DelayedAddOrder Instance = new();

        public int Compare(DelayedAdd x, DelayedAdd y)
        {
            var byTime = x.ReadyAt.CompareTo(y.ReadyAt);
            return byTime != 0 ? byTime : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
