using System.Collections.Concurrent;
using ApiBuilder.Runtime.Admission;
using Prometheus;

namespace ApiBuilder.Runtime.Metrics;

/// <summary>
/// Admission metrics, as k8s.io/apiserver's admission metrics: <c>apiserver_admission_step_admission_duration_seconds</c>
/// (labels type = admit|validate, operation = CREATE|UPDATE|DELETE, rejected) for the whole mutating or
/// validating step, and <c>apiserver_admission_controller_admission_duration_seconds</c> (plus the plugin's name)
/// for each plugin that handled the request.
/// </summary>
internal sealed class AdmissionMetrics
{
    private readonly Histogram step;
    private readonly Histogram controller;
    private readonly ConcurrentDictionary<(string Name, string Type, AdmissionOperation Operation, bool Rejected), Histogram.Child> controllers = new();
    private readonly ConcurrentDictionary<(string Type, AdmissionOperation Operation, bool Rejected), Histogram.Child> steps = new();

    public AdmissionMetrics(IMetricFactory factory)
    {
        step = factory.CreateHistogram("apiserver_admission_step_admission_duration_seconds",
            "Admission sub-step latency histogram in seconds, broken out for each operation and API resource and step type (validate or admit).",
            ["type", "operation", "rejected"], new HistogramConfiguration { Buckets = Buckets.Admission });
        controller = factory.CreateHistogram("apiserver_admission_controller_admission_duration_seconds",
            "Admission controller latency histogram in seconds, identified by name and broken out for each operation and API resource and type (validate or admit).",
            ["name", "type", "operation", "rejected"], new HistogramConfiguration { Buckets = Buckets.Admission });
    }

    /// <summary>The <c>type</c> label of the mutating step.</summary>
    public const string Admit = "admit";

    /// <summary>The <c>type</c> label of the validating step.</summary>
    public const string Validate = "validate";

    public void Step(string type, AdmissionOperation operation, bool rejected, double seconds) =>
        steps.GetOrAdd((type, operation, rejected), k => step.WithLabels(k.Type, Operation(k.Operation), Rejected(k.Rejected))).Observe(seconds);

    public void Controller(string name, string type, AdmissionOperation operation, bool rejected, double seconds) =>
        controllers.GetOrAdd((name, type, operation, rejected), k => controller.WithLabels(k.Name, k.Type, Operation(k.Operation), Rejected(k.Rejected))).Observe(seconds);

    private static string Operation(AdmissionOperation operation) => operation switch
    {
        AdmissionOperation.Create => "CREATE",
        AdmissionOperation.Update => "UPDATE",
        AdmissionOperation.Delete => "DELETE",
        _ => "CONNECT",
    };

    private static string Rejected(bool rejected) => rejected ? "true" : "false";
}
