using System.Text;
using System.Text.Json;
using ApiBuilder.Runtime.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ApiBuilder.Runtime.Server;

/// <summary>
/// The last line of defence between a request body a handler could not decode and a 500: the
/// runtime's own handlers map decode errors to 400 where they read the body, but a handler
/// (a custom subresource, say) that decodes the body further with System.Text.Json, or reads a
/// value of the wrong JSON type from it, throws the decoder's exception. When the request has
/// a body, such an exception is the client's bad input and is answered 400 BadRequest, as
/// kube-apiserver answers a body it cannot decode; without a body it can only come from the
/// server's own data, and stays a 500.
/// </summary>
internal static class BodyDecodingFailure
{
    /// <summary>True when <paramref name="e"/> is a decoder's exception and the request has a body.</summary>
    public static bool Matches(HttpContext context, Exception e) => HasBody(context) && IsDecoding(e);

    /// <summary>The 400 message for <paramref name="e"/>.</summary>
    public static string Message(Exception e) => "the request body could not be decoded: " + e.Message;

    private static bool HasBody(HttpContext context) =>
        context.Request.ContentLength > 0
        || (context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);

    private static bool IsDecoding(Exception e) => e switch
    {
        JsonException or DecoderFallbackException or YamlConversionException => true,
        // System.Text.Json's readers and nodes throw these for text that is not UTF-8 ("Cannot
        // transcode invalid UTF-8 JSON text") or a value of another JSON type than asked for.
        InvalidOperationException or FormatException or OverflowException =>
            e.TargetSite?.DeclaringType?.Namespace?.StartsWith("System.Text.Json", StringComparison.Ordinal) == true,
        _ => false,
    };
}
