using System.Diagnostics.Metrics;

namespace ApiBuilder.Runtime.Controllers;

/// <summary>
/// Controller metrics through System.Diagnostics.Metrics (meter <c>ApiBuilder.Controllers</c>), named as
/// controller-runtime's and client-go's: reconcile count by result, reconcile duration, queue depth.
/// </summary>
internal static class ControllerMetrics
{
    /// <summary>The meter's name; the server publishes its instruments on <c>/metrics</c>.</summary>
    public const string MeterName = "ApiBuilder.Controllers";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Total = Meter.CreateCounter<long>(
        "controller_runtime_reconcile_total", description: "Reconciliations by controller and result (success, error).");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "controller_runtime_reconcile_time_seconds", unit: "s", description: "How long reconciliations take.");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<QueueRegistration, byte> Queues = new();

    private static readonly ObservableGauge<int> Depth = Meter.CreateObservableGauge(
        "workqueue_depth",
        () => Queues.Keys.GroupBy(q => q.Controller, StringComparer.Ordinal)
            .Select(g => new Measurement<int>(g.Sum(q => q.Depth()), new KeyValuePair<string, object?>("name", g.Key))),
        description: "Keys waiting in each running controller's work queue.");

    /// <summary>Reports the depth of a running controller's queue until the registration is disposed (queues of one name add up).</summary>
    public static IDisposable Track(string controller, Func<int> depth)
    {
        var registration = new QueueRegistration(controller, depth);
        Queues.TryAdd(registration, 0);
        return registration;
    }

    public static void Reconciled(string controller, string result, TimeSpan elapsed)
    {
        var tags = new KeyValuePair<string, object?>[] { new("controller", controller), new("result", result) };
        Total.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("controller", controller));
    }

    /// <summary>One running queue; disposing it ends its reports.</summary>
    private sealed class QueueRegistration(string controller, Func<int> depth) : IDisposable
    {
        public string Controller { get; } = controller;

        public Func<int> Depth { get; } = depth;

        public void Dispose() => Queues.TryRemove(this, out _);
    }
}
