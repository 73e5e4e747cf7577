using ApiBuilder.Runtime.Metrics;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Endpoints;

/// <summary>
/// <c>GET /metrics</c>: every metric in Prometheus' text format. A non-resource URL, authorized like
/// kube-apiserver's (verb <c>get</c>, path <c>/metrics</c>): <c>system:masters</c> and, in a cluster, whoever
/// RBAC lets <c>get</c> the non-resource URL <c>/metrics</c>.
/// </summary>
internal sealed class MetricsEndpoint(ServerMetrics metrics)
{
    public const string Path = "/metrics";

    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await metrics.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache, private";
        await Http.ResponseWriter.WriteBytesAsync(context, body.GetBuffer().AsMemory(0, (int)body.Length)).ConfigureAwait(false);
    }
}
