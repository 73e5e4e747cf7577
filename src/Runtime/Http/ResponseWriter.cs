using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Negotiation;
using ApiBuilder.Runtime.Serialization;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Http;

/// <summary>Writes JSON or YAML bodies, Status errors and Warning headers.</summary>
internal static class ResponseWriter
{
    public const string JsonContentType = "application/json";
    public const string YamlContentType = "application/yaml";

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly JsonWriterOptions Pretty = Compact with { Indented = true };

    public static async Task WriteAsync(HttpContext context, int statusCode, JsonNode node, Representation representation)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        AddNoCache(response);
        if (representation.IsYaml)
        {
            response.ContentType = YamlContentType;
            var yaml = YamlJson.ToYaml(node);
            await WriteBytesAsync(context, Encoding.UTF8.GetBytes(yaml)).ConfigureAwait(false);
            return;
        }

        response.ContentType = JsonContentType;
        await WriteBytesAsync(context, ToJson(node, IsPretty(context))).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes an object already in compact JSON (a stored object's bytes) as it is, or indented for people
    /// as <see cref="WriteAsync"/> would.
    /// </summary>
    public static Task WriteJsonAsync(HttpContext context, int statusCode, ReadOnlyMemory<byte> compactJson)
    {
        if (IsPretty(context))
        {
            return WriteAsync(context, statusCode, JsonNode.Parse(compactJson.Span)!, Representation.Json);
        }

        var response = context.Response;
        response.StatusCode = statusCode;
        AddNoCache(response);
        response.ContentType = JsonContentType;
        return WriteBytesAsync(context, compactJson);
    }

    /// <summary>Writes a JSON body that <paramref name="write"/> streams, compact or indented as <see cref="WriteAsync"/> would.</summary>
    public static Task WriteJsonAsync(HttpContext context, int statusCode, Action<Utf8JsonWriter> write)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        AddNoCache(response);
        response.ContentType = JsonContentType;
        var pretty = IsPretty(context);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, pretty ? Pretty : Compact))
        {
            write(writer);
        }

        if (pretty)
        {
            buffer.Write("\n"u8);
        }

        return WriteBytesAsync(context, buffer.WrittenMemory);
    }

    public static Task WriteStatusAsync(HttpContext context, Status status)
    {
        var response = context.Response;
        response.StatusCode = status.Code == 0 ? 500 : status.Code;
        if (status.Details?.RetryAfterSeconds is { } retry && status.Code is 429 or 503 or 504)
        {
            response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        AddNoCache(response);
        response.ContentType = JsonContentType;
        return WriteBytesAsync(context, ToJson(StatusJson.ToNode(status), IsPretty(context)));
    }

    public static void AddWarnings(HttpResponse response, IEnumerable<string> warnings)
    {
        foreach (var warning in warnings)
        {
            response.Headers.Append("Warning", "299 - \"" + warning.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
        }
    }

    public static byte[] ToJson(JsonNode node, bool pretty = false)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, pretty ? Pretty : Compact))
        {
            node.WriteTo(writer);
        }

        if (pretty)
        {
            buffer.Write("\n"u8);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static async Task WriteBytesAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Indented output for people: <c>?pretty=true</c>, or a curl/wget/browser user agent, as kube-apiserver does.</summary>
    private static bool IsPretty(HttpContext context)
    {
        var pretty = context.Request.Query["pretty"].ToString();
        if (pretty.Length > 0)
        {
            return pretty is "true" or "1";
        }

        var agent = context.Request.Headers.UserAgent.ToString();
        return agent.StartsWith("curl", StringComparison.Ordinal) || agent.StartsWith("Wget", StringComparison.Ordinal) || agent.StartsWith("Mozilla", StringComparison.Ordinal);
    }

    private static void AddNoCache(HttpResponse response)
    {
        if (!response.Headers.ContainsKey("Cache-Control"))
        {
            response.Headers.CacheControl = "no-cache, private";
        }
    }
}
