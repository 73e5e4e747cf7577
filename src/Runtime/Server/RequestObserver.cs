using System.Diagnostics;
using ApiBuilder.Runtime.Audit;
using ApiBuilder.Runtime.Metrics;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Requests;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Server;

/// <summary>
/// Observes each request for the operator: metrics (<see cref="ServerMetrics"/>), the audit log
/// (<see cref="AuditRecorder"/>, when configured), the <c>Audit-Id</c> response header and tracing
/// (<see cref="ServerActivity"/>). The dispatcher calls <see cref="Begin"/>, <see cref="AuthorizedAsync"/> once a
/// request may proceed, and <see cref="EndAsync"/> when it is done.
/// </summary>
internal sealed class RequestObserver(ServerMetrics metrics, AuditRecorder? audit, ResourceRegistry registry, TimeProvider time)
{
    /// <summary>The header that carries the audit ID, in requests (kept when sane) and every response, as kube-apiserver's.</summary>
    public const string AuditIdHeader = "Audit-Id";

    public ServerMetrics Metrics => metrics;

    public RequestRecord Begin(HttpContext context)
    {
        var record = new RequestRecord
        {
            Start = Stopwatch.GetTimestamp(),
            AuditId = AuditId(context.Request),
            Inflight = metrics.Requests.EnterInflight(context.Request.Method),
            ReceivedAt = audit is null ? default : time.GetUtcNow(),
            Activity = ServerActivity.Start(context),
        };
        context.Response.Headers[AuditIdHeader] = record.AuditId;
        return record;
    }

    /// <summary>
    /// The request is authenticated and authorized (<see cref="RequestRecord.Info"/>, <see cref="RequestRecord.User"/> and
    /// <see cref="RequestRecord.Decision"/> are set): starts its audit event (RequestReceived) and, for a watch, the watch's metrics.
    /// </summary>
    public ValueTask AuthorizedAsync(HttpContext context, RequestRecord record)
    {
        var info = record.Info!;
        var watch = info.IsResourceRequest && info.Verb == "watch";
        if (watch)
        {
            StartWatch(context, record, info);
        }

        if (audit is null)
        {
            return ValueTask.CompletedTask;
        }

        ResolveAudit(context, record, info);
        if (record.Audit is not { } e)
        {
            return ValueTask.CompletedTask;
        }

        AuditRecorder.CaptureBodies(context, e, watch);
        return audit.StageAsync(e, AuditStage.RequestReceived);
    }

    public async ValueTask EndAsync(HttpContext context, RequestRecord record)
    {
        if (!record.InflightExited)
        {
            record.Inflight.Exit();
        }

        record.Watch?.Dispose();
        var code = context.Response.StatusCode;
        if (!record.Recorded)
        {
            Record(context, record);
        }

        if (record.Activity is { } activity)
        {
            ServerActivity.Stop(activity, record, code);
        }

        if (audit is null || record.Health)
        {
            return;
        }

        if (!record.AuditResolved)
        {
            // Refused before it was authorized (401, 403, bad request): audited with what is known.
            var request = context.Request;
            var info = record.Info ?? RequestInfo.Parse(request.Method, request.Path.Value ?? "/", name => request.Query[name].FirstOrDefault());
            ResolveAudit(context, record, info);
        }

        if (record.Audit is { } e)
        {
            await audit.CompleteAsync(context, e, code, record.Failure).ConfigureAwait(false);
        }
    }

    private void ResolveAudit(HttpContext context, RequestRecord record, RequestInfo info)
    {
        record.AuditResolved = true;
        record.Audit = audit!.Begin(context, record.AuditId, record.ReceivedAt, info, record.User);
        if (record.Audit is { } e && record.Decision is { } decision)
        {
            e.Annotations["authorization.k8s.io/decision"] = decision.Allowed ? "allow" : "forbid";
            if (decision.Reason.Length > 0)
            {
                e.Annotations["authorization.k8s.io/reason"] = decision.Reason;
            }
        }
    }

    /// <summary>
    /// A watch is long-running: it leaves the in-flight count, joins <c>apiserver_longrunning_requests</c> and
    /// <c>apiserver_registered_watchers</c>, and is counted in <c>apiserver_request_total</c> and
    /// <c>apiserver_request_duration_seconds</c> when its response starts (the time to establish it, not its
    /// lifetime), as kube-apiserver measures watches.
    /// </summary>
    private void StartWatch(HttpContext context, RequestRecord record, RequestInfo info)
    {
        var served = record.Served ??= registry.Find(info.ApiGroup, info.ApiVersion, info.Resource);
        if (served is null)
        {
            return;
        }

        var labels = RequestLabels.For(context.Request, info, served);
        record.Labels = labels;
        record.Inflight.Exit();
        record.InflightExited = true;
        var scope = metrics.Requests.StartWatch(labels, served.Definition.Kind);
        record.Watch = scope;
        context.Response.Body = new WatchEventCounter(context.Response.Body, scope, context.Response);
        context.Response.OnStarting(() =>
        {
            Record(context, record);
            return audit is not null && record.Audit is { } e ? audit.StageAsync(e, AuditStage.ResponseStarted).AsTask() : Task.CompletedTask;
        });
    }

    private void Record(HttpContext context, RequestRecord record)
    {
        record.Recorded = true;
        var request = context.Request;
        RequestLabels labels;
        if (record.Labels is { } known)
        {
            labels = known;
        }
        else if (record.Info is { } info)
        {
            var served = info.IsResourceRequest ? record.Served ?? registry.Find(info.ApiGroup, info.ApiVersion, info.Resource) : null;
            labels = RequestLabels.For(request, info, served);
        }
        else
        {
            labels = RequestLabels.ForPath(request);
        }

        metrics.Requests.Record(labels, context.Response.StatusCode, Stopwatch.GetElapsedTime(record.Start).TotalSeconds, context.Response.ContentLength);
    }

    /// <summary>The client's Audit-Id when it is a sane one (visible ASCII, at most 128 characters), else a new random (version 4) UUID.</summary>
    private static string AuditId(HttpRequest request)
    {
        if (request.Headers.TryGetValue(AuditIdHeader, out var values) && values.Count == 1 && values[0] is { Length: > 0 and <= 128 } given
            && given.All(c => c is > ' ' and < (char)127))
        {
            return given;
        }

        // Audit IDs need to be unique, not unguessable: Random.Shared is several times cheaper than Guid.NewGuid here.
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}
