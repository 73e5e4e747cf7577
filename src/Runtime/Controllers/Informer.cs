using System.Collections.Concurrent;
using ApiBuilder.Runtime.Client;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Objects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiBuilder.Runtime.Controllers;

/// <summary>
/// A local, always up-to-date copy of a Kind's objects, as client-go's shared informer keeps one: it lists,
/// then watches from the list's resourceVersion with bookmarks; after a dropped watch it watches on from the
/// last resourceVersion seen, and relists when that has expired (410) — delivering the difference to the
/// handlers, so no change is missed. Every <see cref="ResyncPeriod"/> every object is delivered again as an
/// update. Objects are kept by key (<c>namespace/name</c>, or <c>name</c> at cluster scope) and by index.
/// </summary>
/// <typeparam name="TKind">The Kind watched.</typeparam>
public sealed class Informer<TKind>
    where TKind : KubernetesObject, IKind<TKind>
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly ResourceClient<TKind> client;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, TKind> objects = new(StringComparer.Ordinal);
    private readonly ObjectIndexes<TKind> indexes = new();

    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The index of objects by namespace, always present.</summary>
    public const string NamespaceIndex = "namespace";

    /// <summary>The index of objects by label, always present: an object is found under <c>key=value</c> for each of its labels.</summary>
    public const string LabelIndex = "label";

    /// <summary>Watches the Kind through <paramref name="client"/> (all namespaces when it has none).</summary>
    /// <param name="client">The typed client of the Kind.</param>
    /// <param name="resyncPeriod">How often every object is delivered again as an update; zero for never.</param>
    /// <param name="logger">Where failed lists and watches are logged.</param>
    /// <param name="time">The clock; the system's by default.</param>
    /// <param name="pollInterval">How often a Kind that cannot be watched (its storage serves no watch: 405) is listed again; 10 s by default.</param>
    public Informer(ResourceClient<TKind> client, TimeSpan resyncPeriod = default, ILogger? logger = null, TimeProvider? time = null, TimeSpan pollInterval = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.client = client;
        ResyncPeriod = resyncPeriod;
        PollInterval = pollInterval > TimeSpan.Zero ? pollInterval : TimeSpan.FromSeconds(10);
        this.logger = logger ?? NullLogger.Instance;
        this.time = time ?? TimeProvider.System;
        indexes.Add(NamespaceIndex, o => [o.Metadata.Namespace ?? ""], []);
        indexes.Add(LabelIndex, o => o.Metadata.Labels is { } labels ? labels.Select(l => l.Key + "=" + l.Value) : [], []);
    }

    /// <summary>How often every object is delivered again as an update (zero: never).</summary>
    public TimeSpan ResyncPeriod { get; }

    /// <summary>
    /// How often the Kind is listed again when it cannot be watched (a storage without watch answers 405): changes
    /// then arrive by comparing each list with the cache, at most this late.
    /// </summary>
    public TimeSpan PollInterval { get; }

    /// <summary>Whether the server answered that the Kind cannot be watched, so the informer polls with lists.</summary>
    public bool Polling { get; private set; }

    /// <summary>Called for an object seen for the first time.</summary>
    public event Action<TKind>? Added;

    /// <summary>Called with the old and the new state of a changed object (and on resync, with the same object twice).</summary>
    public event Action<TKind, TKind>? Updated;

    /// <summary>Called with the last known state of a deleted object.</summary>
    public event Action<TKind>? Deleted;

    /// <summary>Completes once the first list has been delivered.</summary>
    public Task Synced => synced.Task;

    /// <summary>The resourceVersion of the newest state delivered.</summary>
    public string? LastResourceVersion { get; private set; }

    /// <summary>Every object, by key.</summary>
    public IReadOnlyDictionary<string, TKind> Objects => objects;

    /// <summary>The key of an object: <c>namespace/name</c>, or <c>name</c> at cluster scope.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>Its key.</returns>
    public static string KeyOf(KubernetesObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return string.IsNullOrEmpty(obj.Metadata.Namespace) ? obj.Metadata.Name ?? "" : obj.Metadata.Namespace + "/" + obj.Metadata.Name;
    }

    /// <summary>
    /// Adds an index: <paramref name="values"/> gives the values an object is found under, e.g. the name it refers
    /// to. Indexes are kept up to date as objects change, so <see cref="ByIndex"/> costs what it returns.
    /// </summary>
    /// <param name="name">The index's name.</param>
    /// <param name="values">The values an object is found under.</param>
    public void AddIndex(string name, Func<TKind, IEnumerable<string>> values)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(values);
        indexes.Add(name, values, objects);
    }

    /// <summary>The objects found under <paramref name="value"/> in the index <paramref name="index"/>.</summary>
    /// <param name="index">An index's name: <see cref="NamespaceIndex"/>, <see cref="LabelIndex"/> or one added with <see cref="AddIndex"/>.</param>
    /// <param name="value">The value looked for: a namespace, <c>key=value</c> for a label, or a value of the added index.</param>
    /// <returns>The matching objects.</returns>
    /// <exception cref="ArgumentException">There is no index with that name.</exception>
    public IReadOnlyList<TKind> ByIndex(string index, string value)
    {
        var found = new List<TKind>();
        foreach (var key in indexes.Keys(index, value))
        {
            if (objects.TryGetValue(key, out var obj))
            {
                found.Add(obj);
            }
        }

        return found;
    }

    /// <summary>The objects that carry every one of <paramref name="labels"/> (an equality label selector).</summary>
    /// <param name="labels">The labels and values required; none matches every object.</param>
    /// <returns>The matching objects.</returns>
    public IReadOnlyList<TKind> ByLabels(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
        {
            return [.. objects.Values];
        }

        // Start from the rarest label, then check the others on each candidate.
        var candidates = labels.Select(l => indexes.Keys(LabelIndex, l.Key + "=" + l.Value)).MinBy(keys => keys.Count)!;
        var found = new List<TKind>();
        foreach (var key in candidates)
        {
            if (objects.TryGetValue(key, out var obj) && obj.Metadata.Labels is { } own
                && labels.All(l => own.TryGetValue(l.Key, out var v) && v == l.Value))
            {
                found.Add(obj);
            }
        }

        return found;
    }

    /// <summary>Lists and watches until <paramref name="stopping"/> is cancelled.</summary>
    /// <param name="stopping">Ends the informer.</param>
    /// <returns>A task that completes when the informer has stopped.</returns>
    public async Task RunAsync(CancellationToken stopping)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        _ = ResyncPeriod > TimeSpan.Zero ? ResyncLoopAsync(stopping) : Task.CompletedTask;
        string? version = null;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                version ??= await ListAsync(stopping).ConfigureAwait(false);
                if (Polling)
                {
                    await Task.Delay(PollInterval, time, stopping).ConfigureAwait(false);
                    version = null;
                    continue;
                }

                version = await WatchAsync(version, stopping).ConfigureAwait(false);
                backoff = TimeSpan.FromMilliseconds(100);
                continue;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (StatusException e) when (e.Code == 405 && !Polling)
            {
                // The storage serves get and list but no watch: poll.
                logger.LogInformation("{Kind} cannot be watched ({Reason}); listing it every {Interval} s instead", TKind.Definition.Kind, e.Message, PollInterval.TotalSeconds);
                Polling = true;
                continue;
            }
            catch (StatusException e) when (e.Code == 410)
            {
                // Too old to watch from: list again and deliver the difference.
                version = null;
                continue;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                // Resume from the newest state delivered, not from where this watch began.
                version = version is null ? null : LastResourceVersion ?? version;
                // Whatever went wrong (server down, a bad answer, a client being replaced), the informer retries:
                // it must not stop while its controller runs.
                logger.LogWarning("Watching {Kind} failed, retrying in {Delay} ms: {Reason}", TKind.Definition.Kind, (int)backoff.TotalMilliseconds, e.Message);
            }

            try
            {
                await Task.Delay(backoff, time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private async Task<string> ListAsync(CancellationToken stopping)
    {
        var list = await client.ListAsync(cancellationToken: stopping).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            var key = KeyOf(item);
            seen.Add(key);
            Apply(key, item);
        }

        foreach (var gone in objects.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            if (objects.TryRemove(gone, out var last))
            {
                indexes.Update(gone, last, default);
                Deleted?.Invoke(last);
            }
        }

        LastResourceVersion = list.Metadata.ResourceVersion ?? "";
        synced.TrySetResult();
        return LastResourceVersion;
    }

    /// <summary>Watches from <paramref name="version"/> until the server ends the watch; returns the version to go on from.</summary>
    private async Task<string> WatchAsync(string version, CancellationToken stopping)
    {
        var options = new ListOptions { ResourceVersion = version, AllowWatchBookmarks = true, TimeoutSeconds = 300 };
        await foreach (var e in client.WatchAsync(options, stopping).ConfigureAwait(false))
        {
            switch (e.Type)
            {
                case WatchEventType.Added or WatchEventType.Modified:
                    Apply(KeyOf(e.Object), e.Object);
                    break;
                case WatchEventType.Deleted:
                    var deleted = KeyOf(e.Object);
                    if (objects.TryRemove(deleted, out var last))
                    {
                        indexes.Update(deleted, last, default);
                        Deleted?.Invoke(e.Object);
                    }

                    break;
            }

            version = e.Object.Metadata.ResourceVersion ?? version;
            LastResourceVersion = version;
        }

        return version;
    }

    private void Apply(string key, TKind item)
    {
        if (objects.TryGetValue(key, out var old))
        {
            if (old.Metadata.ResourceVersion == item.Metadata.ResourceVersion
                && (!string.IsNullOrEmpty(item.Metadata.ResourceVersion) || SameContent(old, item)))
            {
                return;
            }

            objects[key] = item;
            indexes.Update(key, old, item);
            Updated?.Invoke(old, item);
            return;
        }

        objects[key] = item;
        indexes.Update(key, default, item);
        Added?.Invoke(item);
    }

    /// <summary>For objects without a resourceVersion (some user storages): whether two states serialize the same.</summary>
    private static bool SameContent(TKind a, TKind b) => KindJson.SerializeToUtf8Bytes(a).AsSpan().SequenceEqual(KindJson.SerializeToUtf8Bytes(b));

    private async Task ResyncLoopAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ResyncPeriod, time, stopping).ConfigureAwait(false);
                Resync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Resync()
    {
        foreach (var item in objects.Values)
        {
            Updated?.Invoke(item, item);
        }
    }
}
