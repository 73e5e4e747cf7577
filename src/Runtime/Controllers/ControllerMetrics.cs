using System.Diagnostics.Metrics;

namespace ApiBuilder.Runtime.Controllers;

/// <summary>
/// Controller metrics through System.Diagnostics.Metrics (meter <c>ApiBuilder.Controllers</c>), named as
/// controller-runtime's: reconcile count by result and reconcile duration.
/// </summary>
internal static class ControllerMetrics
{
    private static readonly Meter Meter = new("ApiBuilder.Controllers");

    private static readonly Counter<long> Total = Meter.CreateCounter<long>(
        "controller_runtime_reconcile_total", description: "Reconciliations by controller and result (success, error).");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "controller_runtime_reconcile_time_seconds", unit: "s", description: "How long reconciliations take.");

    public static void Reconciled(string controller, string result, TimeSpan elapsed)
    {
        var tags = new KeyValuePair<string, object?>[] { new("controller", controller), new("result", result) };
        Total.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("controller", controller));
    }
}
