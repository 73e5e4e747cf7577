using Prometheus;

namespace ApiBuilder.Runtime.Metrics;

/// <summary>
/// The metrics one server exposes on <c>/metrics</c>, in Prometheus' text format, named and labelled as
/// kube-apiserver's (k8s.io/apiserver's endpoints, storage, watch cache, admission and authentication
/// metrics), plus the controllers' meter <c>ApiBuilder.Controllers</c>. Each server has its own registry,
/// so that servers in one process (tests) do not mix their numbers.
/// </summary>
internal sealed class ServerMetrics : IDisposable
{
    /// <summary>The <c>component</c> label kube-apiserver gives the requests it serves.</summary>
    public const string Component = "apiserver";

    private readonly MeterBridge controllers;

    public ServerMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        // Exemplars (trace IDs beside samples) would cost a look at Activity.Current on every observation.
        factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        Requests = new RequestMetrics(factory);
        Access = new AccessMetrics(factory);
        Admission = new AdmissionMetrics(factory);
        Storage = new StorageMetrics(factory);
        controllers = new MeterBridge(factory, Controllers.ControllerMetrics.MeterName);
        Registry.AddBeforeCollectCallback(Requests.BeforeCollect);
        Registry.AddBeforeCollectCallback(controllers.BeforeCollect);
        Registry.AddBeforeCollectCallback(Storage.BeforeCollectAsync);
    }

    public CollectorRegistry Registry { get; }

    public RequestMetrics Requests { get; }

    public AccessMetrics Access { get; }

    public AdmissionMetrics Admission { get; }

    public StorageMetrics Storage { get; }

    /// <summary>Writes every metric in Prometheus' text exposition format (version 0.0.4).</summary>
    public Task WriteAsync(Stream stream, CancellationToken cancellationToken) =>
        Registry.CollectAndExportAsTextAsync(stream, ExpositionFormat.PrometheusText, cancellationToken);

    public void Dispose() => controllers.Dispose();
}
