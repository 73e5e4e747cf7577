using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.Audit;

/// <summary>
/// One request's audit record, written as <c>audit.k8s.io/v1</c> <c>Event</c> JSON lines, one per stage.
/// Filled in as the request goes: who (after authentication), what (object reference, authorization
/// annotations), the bodies (at Request and RequestResponse levels) and the outcome.
/// </summary>
internal sealed class AuditEvent
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public required string AuditId { get; init; }

    public required AuditLevel Level { get; init; }

    public required IReadOnlyList<AuditStage> OmitStages { get; init; }

    public required string RequestUri { get; init; }

    /// <summary>The Kubernetes verb (<c>get</c>, <c>list</c>, <c>create</c>, ...), or the lower-cased method of other paths.</summary>
    public required string Verb { get; init; }

    /// <summary>The authenticated user; null when authentication failed.</summary>
    public UserInfo? User { get; init; }

    public IReadOnlyList<string> SourceIps { get; init; } = [];

    public string? UserAgent { get; init; }

    public AuditObjectReference? ObjectRef { get; set; }

    public DateTimeOffset ReceivedAt { get; init; }

    public int Code { get; set; }

    /// <summary>The Status of a failed request (code 400 and above).</summary>
    public Status? Failure { get; set; }

    /// <summary>The request body as JSON (Request and RequestResponse levels).</summary>
    public byte[]? RequestObject { get; set; }

    /// <summary>The response body as JSON (RequestResponse level, successful non-watch requests).</summary>
    public byte[]? ResponseObject { get; set; }

    public SortedDictionary<string, string> Annotations { get; } = new(StringComparer.Ordinal);

    public bool Records(AuditStage stage) => Level != AuditLevel.None && !OmitStages.Contains(stage);

    /// <summary>The event of <paramref name="stage"/> as one JSON line.</summary>
    public byte[] ToJsonLine(AuditStage stage, DateTimeOffset at)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("kind", "Event");
            w.WriteString("apiVersion", "audit.k8s.io/v1");
            w.WriteString("level", Level.ToString());
            w.WriteString("auditID", AuditId);
            w.WriteString("stage", stage.ToString());
            w.WriteString("requestURI", RequestUri);
            w.WriteString("verb", Verb);
            WriteUser(w);
            w.WriteStartArray("sourceIPs");
            foreach (var ip in SourceIps)
            {
                w.WriteStringValue(ip);
            }

            w.WriteEndArray();
            if (!string.IsNullOrEmpty(UserAgent))
            {
                w.WriteString("userAgent", UserAgent);
            }

            ObjectRef?.Write(w);
            if (stage != AuditStage.RequestReceived)
            {
                WriteResponseStatus(w);
            }

            if (RequestObject is { } request && Level >= AuditLevel.Request)
            {
                w.WritePropertyName("requestObject");
                w.WriteRawValue(request, skipInputValidation: true);
            }

            if (ResponseObject is { } response && Level >= AuditLevel.RequestResponse && stage == AuditStage.ResponseComplete)
            {
                w.WritePropertyName("responseObject");
                w.WriteRawValue(response, skipInputValidation: true);
            }

            w.WriteString("requestReceivedTimestamp", Timestamp(ReceivedAt));
            w.WriteString("stageTimestamp", Timestamp(at));
            if (Annotations.Count > 0)
            {
                w.WriteStartObject("annotations");
                foreach (var (key, value) in Annotations)
                {
                    w.WriteString(key, value);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>RFC 3339 with microseconds, as Kubernetes' MicroTime.</summary>
    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private void WriteUser(Utf8JsonWriter w)
    {
        w.WriteStartObject("user");
        if (User is { } user)
        {
            w.WriteString("username", user.Name);
            if (!string.IsNullOrEmpty(user.Uid))
            {
                w.WriteString("uid", user.Uid);
            }

            if (user.Groups.Count > 0)
            {
                w.WriteStartArray("groups");
                foreach (var group in user.Groups)
                {
                    w.WriteStringValue(group);
                }

                w.WriteEndArray();
            }

            if (user.Extra.Count > 0)
            {
                w.WriteStartObject("extra");
                foreach (var (key, values) in user.Extra)
                {
                    w.WriteStartArray(key);
                    foreach (var value in values)
                    {
                        w.WriteStringValue(value);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }
        }

        w.WriteEndObject();
    }

    private void WriteResponseStatus(Utf8JsonWriter w)
    {
        w.WriteStartObject("responseStatus");
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        if (Failure is { } status && Code >= 400)
        {
            w.WriteString("status", "Failure");
            if (!string.IsNullOrEmpty(status.Message))
            {
                w.WriteString("message", status.Message);
            }

            if (!string.IsNullOrEmpty(status.Reason))
            {
                w.WriteString("reason", status.Reason);
            }
        }

        w.WriteNumber("code", Code);
        w.WriteEndObject();
    }
}
