using System.Collections.Concurrent;
using System.Globalization;
using Prometheus;

namespace ApiBuilder.Runtime.Metrics;

/// <summary>
/// Request metrics as k8s.io/apiserver's endpoint metrics: <c>apiserver_request_total</c>,
/// <c>apiserver_request_duration_seconds</c>, <c>apiserver_response_sizes</c>,
/// <c>apiserver_current_inflight_requests</c>, <c>apiserver_longrunning_requests</c>,
/// <c>apiserver_registered_watchers</c>, <c>apiserver_watch_events_total</c> and <c>apiserver_watch_events_sizes</c>.
/// </summary>
/// <remarks>
/// The hot path does one dictionary lookup by reference-equal labels (<see cref="RequestLabels"/>) to a
/// pre-bound set of series, then increments and observes them. The number of series is bounded by the
/// labels' bounded values; should it still exceed <see cref="MaxCachedSeries"/>, further combinations are
/// recorded without caching.
/// </remarks>
internal sealed class RequestMetrics
{
    private const int MaxCachedSeries = 4096;

    private static readonly string[] CodeText = [.. Enumerable.Range(0, 600).Select(c => c.ToString(CultureInfo.InvariantCulture))];

    private readonly Counter total;
    private readonly Histogram duration;
    private readonly Histogram responseSizes;
    private readonly Gauge inflight;
    private readonly Gauge longRunning;
    private readonly Gauge watchers;
    private readonly Counter watchEvents;
    private readonly Histogram watchEventSizes;
    private readonly ConcurrentDictionary<RequestLabels, Series> series = new();
    private readonly Inflight readOnly = new();
    private readonly Inflight mutating = new();

    public RequestMetrics(IMetricFactory factory)
    {
        total = factory.CreateCounter("apiserver_request_total",
            "Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.",
            ["verb", "dry_run", "group", "version", "resource", "subresource", "scope", "component", "code"]);
        duration = factory.CreateHistogram("apiserver_request_duration_seconds",
            "Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.",
            ["verb", "dry_run", "group", "version", "resource", "subresource", "scope", "component"],
            new HistogramConfiguration { Buckets = Buckets.RequestDuration });
        responseSizes = factory.CreateHistogram("apiserver_response_sizes",
            "Response size distribution in bytes for each group, version, verb, resource, subresource, scope and component.",
            ["verb", "group", "version", "resource", "subresource", "scope", "component"],
            new HistogramConfiguration { Buckets = Buckets.ResponseSizes });
        inflight = factory.CreateGauge("apiserver_current_inflight_requests",
            "Maximal number of currently used inflight requests of this apiserver per request kind since the last scrape.",
            ["request_kind"]);
        longRunning = factory.CreateGauge("apiserver_longrunning_requests",
            "Gauge of all active long-running apiserver requests broken out by verb, group, version, resource, scope and component. Not all requests are tracked this way.",
            ["verb", "group", "version", "resource", "subresource", "scope", "component"]);
        watchers = factory.CreateGauge("apiserver_registered_watchers",
            "Number of currently registered watchers for a given resources",
            ["group", "version", "kind"]);
        watchEvents = factory.CreateCounter("apiserver_watch_events_total",
            "Number of events sent in watch clients", ["group", "version", "resource"]);
        watchEventSizes = factory.CreateHistogram("apiserver_watch_events_sizes",
            "Watch event size distribution in bytes", ["group", "version", "resource"],
            new HistogramConfiguration { Buckets = Buckets.WatchEventSizes });
        inflight.WithLabels("readOnly").Set(0);
        inflight.WithLabels("mutating").Set(0);
    }

    /// <summary>Counts a request in flight from now until <see cref="Inflight.Exit"/>.</summary>
    public Inflight EnterInflight(string method)
    {
        var kind = method is "GET" or "HEAD" ? readOnly : mutating;
        kind.Enter();
        return kind;
    }

    /// <summary>Records a finished request (or, for a watch, one whose response has started).</summary>
    public void Record(in RequestLabels labels, int code, double seconds, long? responseBytes)
    {
        if ((uint)code >= (uint)CodeText.Length)
        {
            code = 0;
        }

        if (!series.TryGetValue(labels, out var s))
        {
            s = Create(labels);
            if (series.Count < MaxCachedSeries)
            {
                s = series.GetOrAdd(labels, s);
            }
        }

        (s.Total(code) ?? s.AddTotal(code, total.WithLabels(labels.Verb, labels.DryRun, labels.Group, labels.Version, labels.Resource, labels.Subresource,
            labels.Scope, ServerMetrics.Component, CodeText[code]))).Inc();
        s.Duration.Observe(seconds);
        if (responseBytes is { } bytes && s.Sizes is { } sizes)
        {
            sizes.Observe(bytes);
        }
    }

    /// <summary>Counts an open watch in the long-running and watcher gauges, and its events, until the returned scope is disposed.</summary>
    public WatchScope StartWatch(in RequestLabels labels, string kind)
    {
        var running = longRunning.WithLabels(labels.Verb, labels.Group, labels.Version, labels.Resource, labels.Subresource, labels.Scope, ServerMetrics.Component);
        var registered = watchers.WithLabels(labels.Group, labels.Version, kind);
        running.Inc();
        registered.Inc();
        return new WatchScope(running, registered,
            watchEvents.WithLabels(labels.Group, labels.Version, labels.Resource), watchEventSizes.WithLabels(labels.Group, labels.Version, labels.Resource));
    }

    /// <summary>Publishes the highest number of requests in flight since the last scrape, as kube-apiserver's per-second maximum.</summary>
    public void BeforeCollect()
    {
        inflight.WithLabels("readOnly").Set(readOnly.TakeMaximum());
        inflight.WithLabels("mutating").Set(mutating.TakeMaximum());
    }

    private Series Create(in RequestLabels labels) => new(
        duration.WithLabels(labels.Verb, labels.DryRun, labels.Group, labels.Version, labels.Resource, labels.Subresource, labels.Scope, ServerMetrics.Component),
        labels.IsRead ? responseSizes.WithLabels(labels.Verb, labels.Group, labels.Version, labels.Resource, labels.Subresource, labels.Scope, ServerMetrics.Component) : null);

    /// <summary>The pre-bound series of one label set: the counter per response code (added as codes occur), the duration and size histograms.</summary>
    private sealed class Series(Histogram.Child duration, Histogram.Child? sizes)
    {
        // A label set sees few codes: a short array, replaced whole when a code is added, is read without locks.
        private (int Code, Counter.Child Child)[] totals = [];

        public Histogram.Child Duration { get; } = duration;

        public Histogram.Child? Sizes { get; } = sizes;

        public Counter.Child? Total(int code)
        {
            foreach (var (c, child) in Volatile.Read(ref totals))
            {
                if (c == code)
                {
                    return child;
                }
            }

            return null;
        }

        public Counter.Child AddTotal(int code, Counter.Child child)
        {
            lock (this)
            {
                if (Total(code) is { } existing)
                {
                    return existing;
                }

                Volatile.Write(ref totals, [.. totals, (code, child)]);
                return child;
            }
        }
    }

    /// <summary>Requests of one kind in flight, with the highest count since the last scrape.</summary>
    internal sealed class Inflight
    {
        private int current;
        private int maximum;

        public void Enter()
        {
            var now = Interlocked.Increment(ref current);
            int seen;
            while (now > (seen = Volatile.Read(ref maximum)) && Interlocked.CompareExchange(ref maximum, now, seen) != seen)
            {
            }
        }

        public void Exit() => Interlocked.Decrement(ref current);

        public int TakeMaximum() => Interlocked.Exchange(ref maximum, Volatile.Read(ref current));
    }
}
