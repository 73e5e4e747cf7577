using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Authorization;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Requests;
using ApiBuilder.Runtime.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace ApiBuilder.Runtime.Audit;

/// <summary>
/// Audits requests as kube-apiserver's audit filter does: the policy decides each request's level from
/// who asks what; an event is written at each stage the policy keeps (RequestReceived, ResponseStarted
/// for watches, ResponseComplete), with the request body from level Request and the response body at
/// level RequestResponse.
/// </summary>
internal sealed class AuditRecorder(AuditPolicy policy, AuditLog log, TimeProvider time) : IAsyncDisposable
{
    /// <summary>The largest request body recorded: the server refuses bigger ones anyway.</summary>
    private const int RequestBodyLimit = 3 * 1024 * 1024;

    /// <summary>The largest response body recorded; a bigger one (a huge list) is left out of the event.</summary>
    private const int ResponseBodyLimit = 16 * 1024 * 1024;

    private static readonly UserInfo Unauthenticated = new("", null, [], UserInfo.NoExtra);

    /// <summary>Where events go, for the start-up log.</summary>
    public string Target => log.Target;

    /// <summary>Starts the audit record of a request; null when the policy does not audit it.</summary>
    /// <param name="context">The request.</param>
    /// <param name="auditId">The request's audit ID.</param>
    /// <param name="receivedAt">When the request arrived.</param>
    /// <param name="info">What the request addresses.</param>
    /// <param name="user">The authenticated user, or null when authentication failed.</param>
    public AuditEvent? Begin(HttpContext context, string auditId, DateTimeOffset receivedAt, RequestInfo info, UserInfo? user)
    {
        var attributes = new AuthorizationAttributes(user ?? Unauthenticated, info.Verb, info.IsResourceRequest, info.Path,
            info.ApiGroup, info.ApiVersion, info.Namespace, info.Resource, info.Subresource, info.Name);
        var (level, omitStages) = policy.Evaluate(attributes);
        if (level == AuditLevel.None)
        {
            return null;
        }

        var request = context.Request;
        return new AuditEvent
        {
            AuditId = auditId,
            Level = level,
            OmitStages = omitStages,
            RequestUri = request.GetEncodedPathAndQuery(),
            Verb = info.Verb,
            User = user,
            SourceIps = SourceIps(context),
            UserAgent = request.Headers.UserAgent.ToString(),
            ReceivedAt = receivedAt,
            ObjectRef = info.IsResourceRequest
                ? new AuditObjectReference(info.Resource, info.Namespace, info.Name, info.ApiGroup, info.ApiVersion, info.Subresource)
                : null,
        };
    }

    /// <summary>Keeps copies of the bodies the event's level records: the request's from Request, the response's at RequestResponse (not for watches).</summary>
    public static void CaptureBodies(HttpContext context, AuditEvent e, bool watch)
    {
        if (e.Level >= AuditLevel.Request && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Request.Body = new BodyCapture(context.Request.Body, RequestBodyLimit);
        }

        if (e.Level >= AuditLevel.RequestResponse && !watch)
        {
            context.Response.Body = new BodyCapture(context.Response.Body, ResponseBodyLimit);
        }
    }

    /// <summary>Writes the event of <paramref name="stage"/> when the policy keeps that stage.</summary>
    public ValueTask StageAsync(AuditEvent e, AuditStage stage) =>
        e.Records(stage) ? log.WriteAsync(e.ToJsonLine(stage, time.GetUtcNow())) : ValueTask.CompletedTask;

    /// <summary>Completes the event with the outcome and the recorded bodies, and writes the ResponseComplete stage.</summary>
    public ValueTask CompleteAsync(HttpContext context, AuditEvent e, int code, Status? failure)
    {
        e.Code = code;
        e.Failure = failure;
        if (context.Request.Body is BodyCapture requestCapture && Compact(requestCapture.Captured) is { } request)
        {
            e.RequestObject = request.Json;
            if (e.ObjectRef is { } reference && request.HasMetadata)
            {
                reference.ResourceVersion = request.ResourceVersion;
                reference.Uid = request.Uid;
            }
        }

        if (context.Response.Body is BodyCapture responseCapture && code < 400 && Compact(responseCapture.Captured) is { } response)
        {
            e.ResponseObject = response.Json;
        }

        return StageAsync(e, AuditStage.ResponseComplete);
    }

    public ValueTask DisposeAsync() => log.DisposeAsync();

    /// <summary>
    /// A body as compact JSON (one line), with its object's <c>metadata.resourceVersion</c> and <c>uid</c>: JSON
    /// read through a pooled document and written out again (no tree is built), YAML converted; null when it is neither.
    /// </summary>
    private static CompactBody? Compact(byte[]? body)
    {
        if (body is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(body.Length);
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                document.RootElement.WriteTo(writer);
            }

            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                ? new CompactBody(buffer.WrittenSpan.ToArray(), true, Text(metadata, "resourceVersion"), Text(metadata, "uid"))
                : new CompactBody(buffer.WrittenSpan.ToArray(), false, null, null);
        }
        catch (InvalidOperationException)
        {
            // Text that is not UTF-8 inside a string: no object to record (the request was refused for it).
            return null;
        }
        catch (JsonException)
        {
            JsonNode? node;
            try
            {
                node = YamlJson.Parse(body);
            }
            catch (FormatException)
            {
                return null;
            }

            if (node is null)
            {
                return null;
            }

            var metadata = node is JsonObject obj ? obj["metadata"] as JsonObject : null;
            return new CompactBody(Http.ResponseWriter.ToJson(node), metadata is not null, Text(metadata?["resourceVersion"]), Text(metadata?["uid"]));
        }
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private sealed record CompactBody(byte[] Json, bool HasMetadata, string? ResourceVersion, string? Uid);

    /// <summary>The client's addresses, as k8s.io/apiserver's SourceIPs: X-Forwarded-For, else X-Real-Ip, then the connection's peer.</summary>
    private static List<string> SourceIps(HttpContext context)
    {
        var ips = new List<string>();
        foreach (var header in context.Request.Headers["X-Forwarded-For"])
        {
            foreach (var part in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (IPAddress.TryParse(part, out var ip))
                {
                    ips.Add(ip.ToString());
                }
            }
        }

        if (ips.Count == 0 && IPAddress.TryParse(context.Request.Headers["X-Real-Ip"].ToString().Trim(), out var real))
        {
            ips.Add(real.ToString());
        }

        if (context.Connection.RemoteIpAddress is { } remote)
        {
            var peer = (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString();
            if (ips.Count == 0 || ips[^1] != peer)
            {
                ips.Add(peer);
            }
        }

        return ips;
    }
}
