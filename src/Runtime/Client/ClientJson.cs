using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Objects;

namespace ApiBuilder.Runtime.Client;

/// <summary>Reads list responses, watch events and Status bodies.</summary>
internal static class ClientJson
{
    public static KindList<TKind> ReadList<TKind>(ReadOnlySpan<byte> body)
        where TKind : KubernetesObject, IKind<TKind>
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        GeneratedJson.ExpectObject(ref reader);
        var list = new KindList<TKind>();
        while (GeneratedJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("items"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Null)
                {
                    list.Items = GeneratedJson.ReadList(ref reader, TKind.ReadJson);
                }
            }
            else if (reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                list.Metadata = ReadListMeta(ref reader);
            }
            else
            {
                GeneratedJson.SkipValue(ref reader);
            }
        }

        return list;
    }

    public static WatchEvent<TKind> ReadWatchEvent<TKind>(ReadOnlySpan<byte> line)
        where TKind : KubernetesObject, IKind<TKind>
    {
        var node = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("A watch event must be a JSON object.");
        var type = node["type"]?.GetValue<string>();
        var obj = node["object"] as JsonObject ?? throw new JsonException("A watch event must carry an object.");
        WatchEventType eventType = type switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => throw new StatusException(ReadStatus(obj, 500, "watch error")),
            _ => throw new JsonException($"Unknown watch event type \"{type}\"."),
        };
        return new WatchEvent<TKind>(eventType, KindJson.FromJsonObject<TKind>(obj));
    }

    /// <summary>The Status in an error body; a synthesized one when the body is not a Status.</summary>
    public static Status ReadStatus(byte[] body, int code, string? reason)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject obj && obj["kind"]?.GetValue<string>() == "Status")
            {
                return ReadStatus(obj, code, reason);
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to a Status built from the response.
        }

        var text = System.Text.Encoding.UTF8.GetString(body).Trim();
        return new Status { Code = code, Reason = reason, Message = text.Length > 0 ? text : reason };
    }

    private static Status ReadStatus(JsonObject obj, int code, string? reason)
    {
        StatusDetails? details = null;
        if (obj["details"] is JsonObject d)
        {
            details = new StatusDetails
            {
                Name = Text(d, "name"),
                Group = Text(d, "group"),
                Kind = Text(d, "kind"),
                Uid = Text(d, "uid"),
                RetryAfterSeconds = d["retryAfterSeconds"] is JsonValue retry && retry.TryGetValue<int>(out var seconds) ? seconds : null,
                Causes = d["causes"] is JsonArray causes
                    ? [.. causes.OfType<JsonObject>().Select(c => new StatusCause(Text(c, "reason") ?? "", Text(c, "message") ?? "", Text(c, "field")))]
                    : [],
            };
        }

        return new Status
        {
            StatusValue = Text(obj, "status") ?? "Failure",
            Message = Text(obj, "message"),
            Reason = Text(obj, "reason") ?? reason,
            Code = obj["code"] is JsonValue c && c.TryGetValue<int>(out var parsed) ? parsed : code,
            Details = details,
        };
    }

    private static ListMeta ReadListMeta(ref Utf8JsonReader reader)
    {
        GeneratedJson.ExpectObject(ref reader);
        var meta = new ListMeta();
        while (GeneratedJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("resourceVersion"u8))
            {
                reader.Read();
                meta.ResourceVersion = reader.GetString();
            }
            else if (reader.ValueTextEquals("continue"u8))
            {
                reader.Read();
                meta.Continue = reader.GetString();
            }
            else if (reader.ValueTextEquals("remainingItemCount"u8))
            {
                reader.Read();
                meta.RemainingItemCount = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : null;
            }
            else
            {
                GeneratedJson.SkipValue(ref reader);
            }
        }

        return meta;
    }

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
