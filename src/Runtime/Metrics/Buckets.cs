namespace ApiBuilder.Runtime.Metrics;

/// <summary>Histogram buckets, as kube-apiserver's metrics of the same names use.</summary>
internal static class Buckets
{
    /// <summary><c>apiserver_request_duration_seconds</c> and <c>etcd_request_duration_seconds</c>.</summary>
    public static readonly double[] RequestDuration = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

    /// <summary><c>apiserver_response_sizes</c>: 1 kB to 1 GB, times 10.</summary>
    public static readonly double[] ResponseSizes = Prometheus.Histogram.ExponentialBuckets(1000, 10, 7);

    /// <summary><c>apiserver_watch_events_sizes</c>: 1 KiB to 128 KiB, times 2.</summary>
    public static readonly double[] WatchEventSizes = Prometheus.Histogram.ExponentialBuckets(1024, 2, 8);

    /// <summary>Admission step and controller durations: 5 ms to 2.5 s.</summary>
    public static readonly double[] Admission = [0.005, 0.025, 0.1, 0.5, 1.0, 2.5];

    /// <summary>Authentication and authorization durations: 1 ms times 2, 15 buckets.</summary>
    public static readonly double[] Access = Prometheus.Histogram.ExponentialBuckets(0.001, 2, 15);
}
