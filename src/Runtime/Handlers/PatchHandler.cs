using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.Negotiation;
using ApiBuilder.Runtime.Patch;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Serialization;
using ApiBuilder.Runtime.Rest;

namespace ApiBuilder.Runtime.Handlers;

/// <summary>
/// patch: JSON patch (RFC 6902) and JSON merge patch (RFC 7386). Strategic merge patch and
/// server-side apply are answered 415, as for custom resources, and not advertised in OpenAPI.
/// </summary>
internal static class PatchHandler
{
    public const string JsonPatch = "application/json-patch+json";
    public const string MergePatch = "application/merge-patch+json";

    private static readonly string[] Supported = [JsonPatch, MergePatch];

    public static async Task PatchAsync(ApiRequest request)
    {
        ContentNegotiator.ForObjects(request.Accept, isList: false);
        var contentType = RequestBody.ContentType(request.Http);
        if (contentType is not (JsonPatch or MergePatch))
        {
            throw ApiErrors.UnsupportedMediaType(Supported);
        }

        if (request.Query("force") is { Length: > 0 })
        {
            throw ApiErrors.Invalid("meta.k8s.io", "PatchOptions", "",
                [new StatusCause("FieldValueForbidden", "Forbidden: may not be specified for non-apply patch", "force")]);
        }

        var body = await RequestBody.ReadAsync(request.Http).ConfigureAwait(false);
        var duplicates = new List<string>();
        var produce = Bounded(contentType == JsonPatch
            ? JsonPatchProducer(body)
            : MergePatchProducer(body, duplicates));
        var context = WriteOptions.Parse(request, "PatchOptions", duplicates);
        var update = new UpdateRequest(produce, IsPatch: true);
        var patched = await request.Rest<IRestUpdater>().UpdateAsync(request.Namespace, request.Name, update, context, request.Aborted).ConfigureAwait(false);
        await ObjectResponses.WriteAsync(request, 200, patched, context.Warnings).ConfigureAwait(false);
    }

    private static Func<JsonObject, JsonObject> JsonPatchProducer(byte[] body)
    {
        // Reject bodies that are not JSON before reading the object.
        try
        {
            JsonBody.Parse(body);
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest("unable to parse patch: " + e.Message);
        }

        return current => Patch.JsonPatch.Apply(current, body, maxCopyBytes: RequestBody.MaxBytes) as JsonObject
            ?? throw ApiErrors.BadRequest("the patched object is not a JSON object");
    }

    /// <summary>
    /// Holds every patch result to <see cref="PatchLimits"/> (at most the request body limit in size),
    /// and maps patch errors to their Status in one place.
    /// </summary>
    private static Func<JsonObject, JsonObject> Bounded(Func<JsonObject, JsonObject> produce) => current =>
    {
        try
        {
            var result = produce(current);
            PatchLimits.EnsureFits(result, current, RequestBody.MaxBytes);
            return result;
        }
        catch (JsonPatchException e)
        {
            throw ToStatus(e);
        }
    };

    /// <summary>The Status a patch error is answered with (also for patches of the scale subresource).</summary>
    internal static StatusException ToStatus(JsonPatchException e) => e.Kind switch
    {
        JsonPatchErrorKind.Malformed => ApiErrors.BadRequest(e.Message),
        JsonPatchErrorKind.TooManyOperations or JsonPatchErrorKind.ResultTooLarge => ApiErrors.RequestEntityTooLarge(e.Message),
        _ => ApiErrors.InvalidMessage("the server rejected our request due to an error in our request: " + e.Message),
    };

    private static Func<JsonObject, JsonObject> MergePatchProducer(byte[] body, List<string> duplicates)
    {
        JsonNode? patch;
        try
        {
            patch = JsonBody.Parse(body, duplicates);
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest("unable to parse patch: " + e.Message);
        }

        if (patch is not JsonObject)
        {
            throw ApiErrors.BadRequest("a merge patch must be a JSON object");
        }

        return current => JsonMergePatch.Apply(current, patch) as JsonObject
            ?? throw ApiErrors.BadRequest("the patched object is not a JSON object");
    }
}
