using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.Negotiation;
using ApiBuilder.Runtime.Patch;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Serialization;
using ApiBuilder.Runtime.Rest;

using MediaTypes = ApiBuilder.Runtime.OpenApi.MediaTypes;

namespace ApiBuilder.Runtime.Handlers;

/// <summary>
/// patch: JSON patch (RFC 6902), JSON merge patch (RFC 7386), strategic merge patch with the patch metadata of the
/// resource's schema, and server-side apply (<c>application/apply-patch+yaml</c>).
/// Other types (CBOR apply) are answered 415 with the accepted types.
/// </summary>
internal static class PatchHandler
{
    private const string JsonPatch = MediaTypes.JsonPatch;
    private const string MergePatch = MediaTypes.MergePatch;
    private const string StrategicMergePatch = MediaTypes.StrategicMergePatch;
    private const string ApplyPatch = MediaTypes.ApplyPatch;

    public static async Task PatchAsync(ApiRequest request)
    {
        ContentNegotiator.ForObjects(request.Accept, isList: false);
        var contentType = RequestBody.ContentType(request.Http);
        if (contentType is not (JsonPatch or MergePatch or StrategicMergePatch or ApplyPatch))
        {
            throw ApiErrors.UnsupportedMediaType(MediaTypes.Patches);
        }

        if (contentType == ApplyPatch)
        {
            await ApplyAsync(request).ConfigureAwait(false);
            return;
        }

        if (request.Query("force") is { Length: > 0 })
        {
            throw ApiErrors.Invalid("meta.k8s.io", "PatchOptions", "",
                [new StatusCause("FieldValueForbidden", "Forbidden: may not be specified for non-apply patch", "force")]);
        }

        var body = await RequestBody.ReadAsync(request.Http).ConfigureAwait(false);
        var duplicates = new List<string>();
        var produce = Bounded(contentType switch
        {
            JsonPatch => JsonPatchProducer(body),
            MergePatch => MergePatchProducer(body, duplicates),
            _ => StrategicMergePatchProducer(body, duplicates, ManagedFields.FieldTypeBuilder.ForDefinition(request.Definition)),
        });
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

    /// <summary>
    /// A strategic merge patch, merged with the patch metadata of the type of the objects the request reads and writes
    /// (the Kind's for the object and its status, autoscaling/v1 Scale's for the scale subresource).
    /// </summary>
    private static Func<JsonObject, JsonObject> StrategicMergePatchProducer(byte[] body, List<string> duplicates, ManagedFields.FieldType type)
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

        var patchObject = patch switch
        {
            // A JSON null decodes into an empty patch, as in kube-apiserver.
            null => [],
            JsonObject obj => obj,
            JsonArray => throw ApiErrors.BadRequest("json: cannot unmarshal array into Go value of type map[string]interface {}"),
            _ => throw ApiErrors.BadRequest($"json: cannot unmarshal {GoKind(patch)} into Go value of type map[string]interface {{}}"),
        };

        return current => Patch.StrategicMergePatch.Apply(current, patchObject, type);
    }

    private static string GoKind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => "bool",
    };

    /// <summary>Server-side apply: the body is the applied configuration (YAML or JSON) of the object.</summary>
    private static async Task ApplyAsync(ApiRequest request)
    {
        var errors = new List<StatusCause>();
        if (string.IsNullOrEmpty(request.Query("fieldManager")))
        {
            errors.Add(new StatusCause("FieldValueRequired", "Required value: is required for apply patch", "fieldManager"));
        }

        var force = Requests.QueryBool.Parse(request.Query("force"), "force") ?? false;
        var body = await RequestBody.ReadAsync(request.Http).ConfigureAwait(false);
        var duplicates = new List<string>();
        var context = WriteOptions.Parse(request, "PatchOptions", duplicates, errors);
        JsonNode? node;
        try
        {
            node = YamlJson.Parse(body, duplicates);
        }
        catch (Exception e) when (e is YamlConversionException or JsonException)
        {
            throw ApiErrors.BadRequest("error decoding YAML: " + e.Message);
        }

        if (node is not JsonObject config)
        {
            throw ApiErrors.BadRequest("error decoding YAML: the applied configuration must be an object");
        }

        var definition = request.Definition;
        var apiVersion = JsonText.Of(config["apiVersion"]) ?? "";
        var kind = JsonText.Of(config["kind"]) ?? "";
        if (apiVersion != definition.GroupVersion || kind != definition.Kind)
        {
            var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
            var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
            throw ApiErrors.BadRequest($"invalid object type: {group}/{version}, Kind={kind}");
        }

        if (config["metadata"] is JsonObject metadata && metadata["managedFields"] is not null)
        {
            throw ApiErrors.BadRequest("metadata.managedFields must be nil");
        }

        if (JsonText.Of(config["metadata"]?["name"]) is { Length: > 0 } bodyName && bodyName != request.Name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({request.Name})");
        }

        var update = new UpdateRequest(_ => throw new InvalidOperationException("an apply has no producer"), IsPatch: true)
        {
            Apply = new ApplyRequest(config, force),
        };
        var applied = await request.Rest<IRestUpdater>().UpdateAsync(request.Namespace, request.Name, update, context, request.Aborted).ConfigureAwait(false);
        await ObjectResponses.WriteAsync(request, context.Created ? 201 : 200, applied, context.Warnings).ConfigureAwait(false);
    }
}
