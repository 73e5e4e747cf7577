using ApiBuilder.Runtime.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ApiBuilder.Runtime.Server;

/// <summary>
/// How long a URL and how many header bytes a request may have, as kube-apiserver accepts them
/// (Go's http.Server reads up to 1 MiB of request line and headers, on HTTP/1.1 and HTTP/2
/// alike), so that long label selectors from kubectl work. The server checks its own limits
/// first and answers 414 or 431 with a Status; Kestrel's hard limits are set higher, so only a
/// request far beyond the limits is cut off by Kestrel without a Status.
/// </summary>
internal static class RequestLimits
{
    /// <summary>Longest request target (path and query, as sent) answered with anything but 414.</summary>
    public const int MaxUrlBytes = 1024 * 1024;

    /// <summary>Most header bytes (names, values and 4 bytes of framing each) answered with anything but 431.</summary>
    public const int MaxHeaderBytes = 1024 * 1024;

    /// <summary>Sets Kestrel's hard limits above <see cref="MaxUrlBytes"/> and <see cref="MaxHeaderBytes"/>.</summary>
    public static void Configure(KestrelServerLimits limits)
    {
        // HTTP/1.1: the request line (method, target, version) and the header block are limited apart.
        limits.MaxRequestLineSize = 2 * MaxUrlBytes;
        // HTTP/2 counts the pseudo-headers (:path) in the total too, and 32 bytes of overhead a field.
        limits.MaxRequestHeadersTotalSize = 2 * (MaxUrlBytes + MaxHeaderBytes);
        // Kestrel must be able to buffer a whole header block (it pauses reading a connection beyond this).
        limits.MaxRequestBufferSize = limits.MaxRequestHeadersTotalSize;
        // Go bounds header bytes, not their number; the size limits bound the memory.
        limits.MaxRequestHeaderCount = 10_000;
        // One field can be as long as the whole URL or header limit allows (HPACK strings, :path included).
        limits.Http2.MaxRequestHeaderFieldSize = 2 * Math.Max(MaxUrlBytes, MaxHeaderBytes);
    }

    /// <summary>Throws 414 or 431 when the request is over the server's own limits.</summary>
    public static void Check(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var urlBytes = target is { Length: > 0 }
            ? target.Length
            : (request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0);
        if (urlBytes > MaxUrlBytes)
        {
            throw ApiErrors.RequestUriTooLong($"limit is {MaxUrlBytes}");
        }

        long headerBytes = 0;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                headerBytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        if (headerBytes > MaxHeaderBytes)
        {
            throw ApiErrors.RequestHeaderFieldsTooLarge($"limit is {MaxHeaderBytes}");
        }
    }
}
