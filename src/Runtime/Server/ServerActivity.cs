using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Server;

/// <summary>
/// Tracing of requests through <see cref="System.Diagnostics.ActivitySource"/> <c>ApiBuilder.Server</c>: one
/// server activity per request, a child of the incoming trace (<c>traceparent</c>), tagged with the
/// Kubernetes verb, resource and response code. It costs nothing until a listener (an OpenTelemetry
/// TracerProvider with <c>AddSource("ApiBuilder.Server")</c>, or an ActivityListener) is attached.
/// </summary>
internal static class ServerActivity
{
    public const string SourceName = "ApiBuilder.Server";

    private static readonly ActivitySource Source = new(SourceName, typeof(ServerActivity).Assembly.GetName().Version?.ToString());

    public static Activity? Start(HttpContext context)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(context.Request.Method, ActivityKind.Server);
        activity?.SetTag("http.request.method", context.Request.Method);
        activity?.SetTag("url.path", context.Request.Path.Value);
        return activity;
    }

    public static void Stop(Activity activity, RequestRecord record, int code)
    {
        if (record.Info is { } info)
        {
            activity.SetTag("k8s.verb", info.Verb);
            if (info.IsResourceRequest)
            {
                activity.SetTag("k8s.group", info.ApiGroup);
                activity.SetTag("k8s.version", info.ApiVersion);
                activity.SetTag("k8s.resource", info.Resource);
                activity.SetTag("k8s.subresource", info.Subresource.Length > 0 ? info.Subresource : null);
                activity.SetTag("k8s.namespace", info.Namespace.Length > 0 ? info.Namespace : null);
                activity.DisplayName = info.Verb + " " + (info.Subresource.Length > 0 ? info.Resource + "/" + info.Subresource : info.Resource);
            }
        }

        activity.SetTag("http.response.status_code", code);
        activity.SetTag("k8s.audit_id", record.AuditId);
        if (code >= 500)
        {
            activity.SetStatus(ActivityStatusCode.Error);
        }

        activity.Dispose();
    }
}
