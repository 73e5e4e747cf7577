using ApiBuilder.Runtime.Storage.Cache;

namespace ApiBuilder.Runtime.Storage.Etcd;

/// <summary>
/// One etcd watch stream turned into storage
/// events. When the stream breaks (a member stopped, the connection dropped) it is opened again
/// on any member from the revision after the last event delivered, so the watcher sees neither a
/// gap nor a repeat; it ends as unavailable only when no member takes it for a while, and as
/// compacted when etcd no longer has the revisions it needs.
/// </summary>
internal sealed class EtcdWatch : IStorageWatch
{
    private readonly EtcdStorage storage;
    private readonly EtcdKeys keys;
    private readonly EtcdStorageOptions options;
    private readonly ChannelWatch buffer;
    private readonly CancellationTokenSource stopping = new();
    private readonly Action<EtcdWatch> onStop;
    private Task pump = Task.CompletedTask;

    private EtcdWatch(EtcdStorage storage, EtcdKeys keys, EtcdStorageOptions options, string prefix, long afterRevision, Action<EtcdWatch> onStop)
    {
        this.storage = storage;
        this.keys = keys;
        this.options = options;
        this.onStop = onStop;
        buffer = new ChannelWatch(prefix, afterRevision, options.WatchBufferCapacity);
    }

    public string Prefix => buffer.Prefix;

    public StorageException? TerminationReason => buffer.TerminationReason;

    /// <summary>Opens the stream and waits for etcd to accept it, so a compacted revision fails here.</summary>
    public static async Task<EtcdWatch> StartAsync(EtcdStorage storage, EtcdKeys keys, EtcdStorageOptions options, string prefix,
        long afterRevision, Action<EtcdWatch> onStop, CancellationToken cancellationToken)
    {
        var watch = new EtcdWatch(storage, keys, options, prefix, afterRevision, onStop);
        try
        {
            var stream = await watch.OpenAsync(afterRevision, cancellationToken).ConfigureAwait(false);
            watch.pump = Task.Run(() => watch.PumpAsync(stream));
            return watch;
        }
        catch
        {
            watch.stopping.Dispose();
            throw;
        }
    }

    public IAsyncEnumerable<StorageEvent> Events(CancellationToken cancellationToken) => buffer.Events(cancellationToken);

    public void Dispose() => _ = StopAsync(null);

    public async Task StopAsync(StorageException? reason)
    {
        if (reason is not null)
        {
            buffer.Fail(reason);
        }

        buffer.Dispose();
        if (!stopping.IsCancellationRequested)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            onStop(this);
            try
            {
                await pump.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }

            stopping.Dispose();
        }
    }

    private async Task<IEtcdWatchStream> OpenAsync(long afterRevision, CancellationToken cancellationToken)
    {
        var key = keys.ToEtcd(buffer.Prefix);
        var request = new WatchCreateRequest(key, EtcdKeys.RangeEnd(key), afterRevision + 1, ProgressNotify: true, PrevKv: true);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token);
        var stream = await storage.Client.WatchAsync(request, linked.Token).ConfigureAwait(false);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
            timeout.CancelAfter(options.RequestTimeout);
            var first = await stream.ReadAsync(timeout.Token).ConfigureAwait(false)
                ?? throw new StorageException(StorageErrorCode.Unavailable, buffer.Prefix, "etcd closed the watch before accepting it");
            if (first.Canceled || !first.Created)
            {
                throw Canceled(first, afterRevision);
            }

            // etcd 3.4 accepts a watch from a compacted revision and cancels it in a later message,
            // which never comes in time to tell apart from "no events yet": ask with a read at that revision.
            if (await IsCompactedAsync(key, afterRevision + 1, linked.Token).ConfigureAwait(false))
            {
                var cancel = await stream.ReadAsync(timeout.Token).ConfigureAwait(false);
                throw cancel is { Canceled: true, CompactRevision: > 0 }
                    ? Canceled(cancel, afterRevision)
                    : StorageException.Compacted(afterRevision, afterRevision + 1);
            }

            return stream;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            stream.Dispose();
            throw new StorageException(StorageErrorCode.Unavailable, buffer.Prefix, "etcd did not accept the watch in time");
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private async Task<bool> IsCompactedAsync(byte[] key, long revision, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Client.RangeAsync(new RangeRequest(key, Limit: 1, Revision: revision, CountOnly: true), cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.RevisionCompacted)
        {
            // "future revision" is no reason to refuse: the watch waits for it.
            return e.Message.Contains("compacted", StringComparison.Ordinal);
        }
    }

    private async Task PumpAsync(IEtcdWatchStream stream)
    {
        var token = stopping.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                try
                {
                    using (stream)
                    {
                        while (await stream.ReadAsync(token).ConfigureAwait(false) is { } response)
                        {
                            if (response.Canceled)
                            {
                                throw Canceled(response, buffer.LastRevision);
                            }

                            foreach (var e in response.Events ?? [])
                            {
                                if (Convert(e) is { } storageEvent)
                                {
                                    buffer.Offer(storageEvent);
                                }
                            }

                            if (buffer.IsClosed)
                            {
                                return;
                            }
                        }
                    }
                }
                catch (Exception e) when (e is IOException or HttpRequestException or System.Text.Json.JsonException
                    || (e is StorageException { Code: StorageErrorCode.Unavailable }))
                {
                    // The member went away: resume below.
                }

                stream = await ReconnectAsync(token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (StorageException e)
        {
            buffer.Fail(e);
        }
    }

    private async Task<IEtcdWatchStream> ReconnectAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + options.WatchReconnectTimeout;
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await OpenAsync(buffer.LastRevision, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    private StorageException Canceled(WatchResponse response, long afterRevision) =>
        response.CompactRevision > 0
            ? StorageException.Compacted(afterRevision, response.CompactRevision)
            : new StorageException(StorageErrorCode.Unavailable, buffer.Prefix, "etcd canceled the watch: " + (response.CancelReason ?? "no reason given"));

    private StorageEvent? Convert(WatchEvent e)
    {
        if (e.Kv is not { } kv || !keys.Owns(kv.Key))
        {
            return null;
        }

        var key = keys.FromEtcd(kv.Key);
        if (e.Type == "DELETE")
        {
            if (e.PrevKv is not { } deleted)
            {
                // etcd sends the deleted value only while that revision is not compacted.
                throw new StorageException(StorageErrorCode.RevisionCompacted, key,
                    $"etcd no longer has the value of {key} deleted at revision {kv.ModRevision}", kv.ModRevision);
            }

            return new StorageEvent(StorageEventType.Deleted, storage.Decode(key, deleted.Value, kv.ModRevision), storage.Decode(key, deleted.Value, deleted.ModRevision));
        }

        var current = storage.Decode(key, kv.Value, kv.ModRevision);
        if (kv.CreateRevision == kv.ModRevision)
        {
            return new StorageEvent(StorageEventType.Added, current, null);
        }

        var previous = e.PrevKv is { } prev ? storage.Decode(key, prev.Value, prev.ModRevision) : null;
        return new StorageEvent(StorageEventType.Modified, current, previous);
    }
}
