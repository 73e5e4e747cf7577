using System.Globalization;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Serialization;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ApiBuilder.Runtime.Server;

/// <summary>
/// kube-apiserver's <c>--tracing-config-file</c>: an <c>apiserver.config.k8s.io</c> TracingConfiguration
/// with the OpenTelemetry collector's <c>endpoint</c> (<c>host:port</c>, OTLP over gRPC, default
/// <c>localhost:4317</c>; an <c>http://</c> or <c>https://</c> URL sends OTLP over HTTP, to <c>/v1/traces</c>
/// unless the URL names a path) and <c>samplingRatePerMillion</c> (default 0: only requests whose
/// caller sampled them are traced). Requests are traced through the <c>ApiBuilder.Server</c> source.
/// </summary>
internal sealed record TracingConfiguration(string Endpoint, int SamplingRatePerMillion)
{
    private static readonly string[] ApiVersions = ["apiserver.config.k8s.io/v1", "apiserver.config.k8s.io/v1beta1", "apiserver.config.k8s.io/v1alpha1"];

    /// <summary>Reads the file; a bad file is a one-line start-up error.</summary>
    /// <exception cref="FlagException">The file cannot be read or is not a TracingConfiguration.</exception>
    public static TracingConfiguration Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FlagException($"cannot read --tracing-config-file {path}: {e.Message}");
        }

        try
        {
            return Parse(text);
        }
        catch (FormatException e)
        {
            throw new FlagException($"invalid --tracing-config-file {path}: {e.Message}");
        }
    }

    /// <exception cref="FormatException">Not a valid TracingConfiguration.</exception>
    public static TracingConfiguration Parse(string text)
    {
        if (YamlJson.Parse(text) is not JsonObject root)
        {
            throw new FormatException("the file must hold one TracingConfiguration object");
        }

        foreach (var (name, _) in root)
        {
            if (name is not ("apiVersion" or "kind" or "endpoint" or "samplingRatePerMillion"))
            {
                throw new FormatException($"unknown field \"{name}\"");
            }
        }

        var apiVersion = root["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var a) ? a : "";
        var kind = root["kind"] is JsonValue k && k.TryGetValue<string>(out var kk) ? kk : "";
        if (!ApiVersions.Contains(apiVersion) || kind != "TracingConfiguration")
        {
            throw new FormatException($"expected apiVersion apiserver.config.k8s.io/v1 and kind TracingConfiguration, got \"{apiVersion}\" and \"{kind}\"");
        }

        var endpoint = "localhost:4317";
        if (root["endpoint"] is { } e)
        {
            endpoint = e is JsonValue ev && ev.TryGetValue<string>(out var s) && s.Length > 0
                ? s
                : throw new FormatException("endpoint must be a non-empty string such as localhost:4317");
            if (EndpointUri(endpoint) is null)
            {
                throw new FormatException($"endpoint \"{endpoint}\" is neither host:port nor an http(s) URL");
            }
        }

        var rate = 0;
        if (root["samplingRatePerMillion"] is { } r)
        {
            rate = r is JsonValue rv && rv.TryGetValue<long>(out var n) && n is >= 0 and <= 1_000_000
                ? (int)n
                : throw new FormatException("samplingRatePerMillion must be an integer from 0 to 1000000");
        }

        return new TracingConfiguration(endpoint, rate);
    }

    /// <summary>Starts exporting the server's request traces; dispose the result to flush and stop.</summary>
    public TracerProvider Start(string serviceName, string? serviceVersion)
    {
        var uri = EndpointUri(Endpoint)!;
        var http = uri.Scheme is "http" or "https" && Endpoint.Contains("://", StringComparison.Ordinal);
        return Sdk.CreateTracerProviderBuilder()
            .AddSource(ServerActivity.SourceName)
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(serviceName, serviceVersion: serviceVersion))
            .SetSampler(Sampler())
            .AddOtlpExporter(o =>
            {
                o.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                o.Endpoint = http && uri.AbsolutePath == "/" ? new Uri(uri, "/v1/traces") : uri;
            })
            .Build();
    }

    /// <summary>
    /// kube-apiserver's ParentBased(TraceIDRatioBased): a request whose caller sampled its trace is traced, others
    /// at the configured rate. ASP.NET Core's own request activity (unsampled unless the caller's traceparent
    /// was) is a local parent here, so an unsampled one leaves the decision to the rate.
    /// </summary>
    private Sampler Sampler()
    {
        var ratio = new TraceIdRatioBasedSampler(SamplingRatePerMillion / 1_000_000d);
        return new ParentBasedSampler(ratio, remoteParentSampled: null, remoteParentNotSampled: null, localParentSampled: null, localParentNotSampled: ratio);
    }

    /// <summary>The collector's address: an http(s) URL as it is, <c>host:port</c> as a gRPC address.</summary>
    private static Uri? EndpointUri(string endpoint)
    {
        if (endpoint.Contains("://", StringComparison.Ordinal))
        {
            return Uri.TryCreate(endpoint, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
        }

        var colon = endpoint.LastIndexOf(':');
        return colon > 0 && int.TryParse(endpoint[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            && Uri.TryCreate("http://" + endpoint, UriKind.Absolute, out var grpc)
            ? grpc
            : null;
    }
}
