using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Negotiation;
using ApiBuilder.Runtime.Serialization;
using Microsoft.AspNetCore.Http;

namespace ApiBuilder.Runtime.Http;

/// <summary>Reads request bodies within Kubernetes' size limit and decodes JSON or YAML.</summary>
internal static class RequestBody
{
    /// <summary>kube-apiserver's limit for a request body (3 MiB).</summary>
    public const int MaxBytes = 3 * 1024 * 1024;

    public static readonly string[] ObjectMediaTypes = ["application/json", "application/yaml"];

    public static async Task<byte[]> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is > MaxBytes)
        {
            throw TooLarge();
        }

        // With a Content-Length (what clients send for objects) the body is read straight into an array of that size;
        // without one, or should the stream go on past it, in pooled chunks up to the limit.
        var body = request.Body;
        var cancellationToken = context.RequestAborted;
        byte[]? known = null;
        if (request.ContentLength is { } length)
        {
            known = new byte[length];
            var filled = 0;
            while (filled < known.Length)
            {
                var read = await body.ReadAsync(known.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return known[..filled];
                }

                filled += read;
            }
        }

        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var first = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (first == 0)
            {
                return known ?? [];
            }

            using var buffer = new MemoryStream();
            if (known is not null)
            {
                buffer.Write(known);
            }

            var read = first;
            do
            {
                if (buffer.Length + read > MaxBytes)
                {
                    throw TooLarge();
                }

                buffer.Write(chunk, 0, read);
            }
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0);

            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>The media type of the body without parameters (<c>; charset=utf-8</c> is accepted and ignored).</summary>
    public static string ContentType(HttpContext context)
    {
        var header = context.Request.ContentType;
        if (string.IsNullOrWhiteSpace(header))
        {
            return "";
        }

        return MediaType.TryParse(header, out var media) ? media.Essence : header.Trim().ToLowerInvariant();
    }

    /// <summary>Decodes a JSON or YAML object body; <paramref name="kind"/> names the expected Kind in errors.</summary>
    public static JsonObject DecodeObject(byte[] body, string contentType, string kind, List<string> duplicates)
    {
        JsonNode? node;
        try
        {
            node = contentType switch
            {
                "application/json" or "" => JsonBody.Parse(body, duplicates),
                "application/yaml" => YamlJson.Parse(body, duplicates),
                _ => throw ApiErrors.UnsupportedMediaType(ObjectMediaTypes),
            };
        }
        catch (JsonException e)
        {
            throw Unrecognized(kind, "json parse error: " + e.Message, body);
        }
        catch (YamlConversionException e)
        {
            throw Unrecognized(kind, "yaml parse error: " + e.Message, body);
        }

        return node as JsonObject ?? throw Unrecognized(kind, "the body is not a JSON object", body);
    }

    private static StatusException Unrecognized(string kind, string why, byte[] body)
    {
        var excerpt = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 120));
        return ApiErrors.BadRequest($"the object provided is unrecognized (must be of type {kind}): couldn't get version/kind; {why} ({excerpt})");
    }

    private static StatusException TooLarge() =>
        ApiErrors.RequestEntityTooLarge($"limit is {MaxBytes}");
}
