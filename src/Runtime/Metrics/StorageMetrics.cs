using System.Collections.Concurrent;
using ApiBuilder.Runtime.Storage;
using Prometheus;

namespace ApiBuilder.Runtime.Metrics;

/// <summary>
/// Storage metrics, named as kube-apiserver's for etcd and its watch cache, for every backend (memory,
/// SQLite, etcd): <c>etcd_request_duration_seconds</c>, <c>etcd_requests_total</c> and
/// <c>etcd_request_errors_total</c> (operation, group, resource), <c>apiserver_storage_objects</c> (resource as
/// <c>plural.group</c>) and <c>apiserver_resource_objects</c> (group, resource) counted at most once a
/// minute (at the first scrape after the last count is a minute old, as kube-apiserver counts each minute),
/// <c>apiserver_watch_cache_events_received_total</c>, <c>apiserver_watch_cache_events_dispatched_total</c> and
/// <c>watch_cache_capacity</c> (group, resource).
/// </summary>
/// <remarks>
/// Keys are attributed to the resource whose prefix (<c>/registry/&lt;group&gt;/&lt;plural&gt;/</c>) was
/// registered with <see cref="Track"/>; any other key counts as group "" and resource "other".
/// </remarks>
internal sealed class StorageMetrics
{
    private readonly Histogram duration;
    private readonly Counter requests;
    private readonly Counter errors;
    private readonly Gauge storageObjects;
    private readonly Gauge resourceObjects;
    private readonly Counter eventsReceived;
    private readonly Counter eventsDispatched;
    private readonly Gauge capacity;
    private readonly ConcurrentDictionary<string, ResourceSeries> byPrefix = new(StringComparer.Ordinal);
    private readonly ResourceSeries other;
    private readonly SemaphoreSlim counting = new(1, 1);
    private IStorage? counted;
    private long lastCount = long.MinValue;

    public StorageMetrics(IMetricFactory factory)
    {
        string[] labels = ["operation", "group", "resource"];
        duration = factory.CreateHistogram("etcd_request_duration_seconds", "Etcd request latency in seconds for each operation and object type.", labels,
            new HistogramConfiguration { Buckets = Buckets.RequestDuration });
        requests = factory.CreateCounter("etcd_requests_total", "Etcd request counts for each operation and object type.", labels);
        errors = factory.CreateCounter("etcd_request_errors_total", "Etcd failed request counts for each operation and object type.", labels);
        storageObjects = factory.CreateGauge("apiserver_storage_objects",
            "Number of stored objects at the time of last check split by kind. In case of a fetching error, the value will be -1.", ["resource"]);
        resourceObjects = factory.CreateGauge("apiserver_resource_objects",
            "Number of stored objects at the time of last check split by kind. In case of a fetching error, the value will be -1.", ["group", "resource"]);
        eventsReceived = factory.CreateCounter("apiserver_watch_cache_events_received_total",
            "Counter of events received in watch cache broken by resource type.", ["group", "resource"]);
        eventsDispatched = factory.CreateCounter("apiserver_watch_cache_events_dispatched_total",
            "Counter of events dispatched in watch cache broken by resource type.", ["group", "resource"]);
        capacity = factory.CreateGauge("watch_cache_capacity", "Total capacity of watch cache broken by resource type.", ["group", "resource"]);
        other = new ResourceSeries(this, "", RequestLabels.Other);
    }

    /// <summary>Operations, named as k8s.io/apiserver's etcd3 store names them.</summary>
    internal enum Operation
    {
        Get,
        List,
        Create,
        Update,
        Delete,
        Count,
        GetCurrentResourceVersion,
    }

    private static readonly string[] OperationNames = ["get", "list", "create", "update", "delete", "listOnlyKeys", "getCurrentResourceVersion"];

    /// <summary>Attributes keys under <paramref name="prefix"/> to a resource, whose objects are counted at each scrape.</summary>
    public void Track(string prefix, string group, string resource) => byPrefix.TryAdd(prefix, new ResourceSeries(this, group, resource));

    /// <summary>The storage whose objects are counted for <c>apiserver_storage_objects</c>.</summary>
    public void CountObjectsIn(IStorage storage) => counted = storage;

    /// <summary>How old the object counts may be before a scrape counts again.</summary>
    public TimeSpan CountInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The watch cache's window of events (shared by every resource), reported for each tracked resource.</summary>
    public int? WatchCacheCapacity { get; set; }

    public void Observe(Operation operation, string key, double seconds, bool failed) => Of(key).Observe(operation, seconds, failed);

    public void EventReceived(string key) => Of(key).Received.Inc();

    public void EventDispatched(string key) => Of(key).Dispatched.Inc();

    /// <summary>Counts the stored objects of each tracked resource (-1 when the storage cannot answer) when the last count is <see cref="CountInterval"/> old, as kube-apiserver's periodic count.</summary>
    public async Task BeforeCollectAsync(CancellationToken cancellationToken)
    {
        if (WatchCacheCapacity is { } window)
        {
            foreach (var series in byPrefix.Values)
            {
                capacity.WithLabels(series.Group, series.Resource).Set(window);
            }
        }

        if (counted is not { } storage || !Stale())
        {
            return;
        }

        // One count at a time; scrapes that waited for it find the counts fresh.
        await counting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Stale())
            {
                await CountAsync(storage, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref lastCount, Environment.TickCount64);
            }
        }
        finally
        {
            counting.Release();
        }
    }

    private bool Stale()
    {
        var last = Volatile.Read(ref lastCount);
        return last == long.MinValue || Environment.TickCount64 - last >= (long)CountInterval.TotalMilliseconds;
    }

    private async Task CountAsync(IStorage storage, CancellationToken cancellationToken)
    {
        foreach (var (prefix, series) in byPrefix)
        {
            long count;
            try
            {
                count = await storage.CountAsync(prefix, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException)
            {
                count = -1;
            }

            storageObjects.WithLabels(series.Group.Length == 0 ? series.Resource : series.Resource + "." + series.Group).Set(count);
            resourceObjects.WithLabels(series.Group, series.Resource).Set(count);
        }
    }

    /// <summary>The resource a key belongs to: its first three segments (<c>/registry/&lt;group&gt;/&lt;plural&gt;/</c>) name it.</summary>
    private ResourceSeries Of(string key)
    {
        var end = 0;
        for (var slashes = 0; end < key.Length; end++)
        {
            if (key[end] == '/' && ++slashes == 4)
            {
                break;
            }
        }

        if (end < key.Length)
        {
            var lookup = byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(key.AsSpan(0, end + 1), out var series))
            {
                return series;
            }
        }

        return other;
    }

    /// <summary>The pre-bound series of one resource.</summary>
    private sealed class ResourceSeries
    {
        private readonly StorageMetrics metrics;
        private readonly Histogram.Child?[] durations = new Histogram.Child?[OperationNames.Length];
        private readonly Counter.Child?[] counts = new Counter.Child?[OperationNames.Length];

        public ResourceSeries(StorageMetrics metrics, string group, string resource)
        {
            this.metrics = metrics;
            Group = group;
            Resource = resource;
        }

        public string Group { get; }

        public string Resource { get; }

        public Counter.Child Received => field ??= metrics.eventsReceived.WithLabels(Group, Resource);

        public Counter.Child Dispatched => field ??= metrics.eventsDispatched.WithLabels(Group, Resource);

        public void Observe(Operation operation, double seconds, bool failed)
        {
            var i = (int)operation;
            var name = OperationNames[i];
            (durations[i] ??= metrics.duration.WithLabels(name, Group, Resource)).Observe(seconds);
            (counts[i] ??= metrics.requests.WithLabels(name, Group, Resource)).Inc();
            if (failed)
            {
                metrics.errors.WithLabels(name, Group, Resource).Inc();
            }
        }
    }
}
