using Prometheus;

namespace ApiBuilder.Runtime.Metrics;

/// <summary>One open watch in <c>apiserver_longrunning_requests</c> and <c>apiserver_registered_watchers</c>, and the counters of its events.</summary>
internal sealed class WatchScope(Gauge.Child running, Gauge.Child registered, Counter.Child events, Histogram.Child sizes) : IDisposable
{
    private int disposed;

    /// <summary>Counts one event sent to the client (<c>apiserver_watch_events_total</c>, <c>apiserver_watch_events_sizes</c>).</summary>
    public void EventSent(int bytes)
    {
        events.Inc();
        sizes.Observe(bytes);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            running.Dec();
            registered.Dec();
        }
    }
}
