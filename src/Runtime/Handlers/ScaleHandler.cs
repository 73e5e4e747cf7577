using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Http;
using ApiBuilder.Runtime.Negotiation;
using ApiBuilder.Runtime.Patch;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Schema;
using ApiBuilder.Runtime.Serialization;
using ApiBuilder.Runtime.Rest;

namespace ApiBuilder.Runtime.Handlers;

/// <summary>
/// The <c>scale</c> subresource: an <c>autoscaling/v1</c> Scale view of the object's replica
/// fields, for <c>kubectl scale</c> and autoscalers. Writes change only the desired replicas.
/// </summary>
internal static class ScaleHandler
{
    public static async Task GetAsync(ApiRequest request)
    {
        ContentNegotiator.ForObjects(request.Accept, isList: false);
        var stored = await request.Rest<IRestGetter>().GetAsync(request.Namespace, request.Name, request.Aborted).ConfigureAwait(false);
        await WriteAsync(request, ToScale(stored.Value, request.Definition.Scale!)).ConfigureAwait(false);
    }

    public static async Task UpdateAsync(ApiRequest request, bool patch)
    {
        ContentNegotiator.ForObjects(request.Accept, isList: false);
        var scale = request.Definition.Scale!;
        var contentType = RequestBody.ContentType(request.Http);
        var body = await RequestBody.ReadAsync(request.Http).ConfigureAwait(false);
        Func<JsonObject, JsonObject> produceScale;
        if (patch)
        {
            // A body that is not JSON is a 400 before anything is read, as for the main resource.
            var mergePatch = contentType == PatchHandler.MergePatch ? ParsePatch(body) : null;
            if (contentType == PatchHandler.JsonPatch)
            {
                ParsePatch(body);
            }

            produceScale = contentType switch
            {
                PatchHandler.JsonPatch => current => Patch.JsonPatch.Apply(current, body) as JsonObject ?? throw ApiErrors.BadRequest("the patched Scale is not an object"),
                PatchHandler.MergePatch => current => JsonMergePatch.Apply(current, mergePatch) as JsonObject ?? throw ApiErrors.BadRequest("the patched Scale is not an object"),
                _ => throw ApiErrors.UnsupportedMediaType([PatchHandler.JsonPatch, PatchHandler.MergePatch]),
            };
        }
        else
        {
            var decoded = RequestBody.DecodeObject(body, contentType, "Scale", []);
            produceScale = _ => (JsonObject)decoded.DeepClone();
        }

        var context = WriteOptions.Parse(request, patch ? "PatchOptions" : "UpdateOptions", []);
        var update = new UpdateRequest(current =>
        {
            JsonObject desired;
            try
            {
                desired = produceScale(ToScale(current, scale));
            }
            catch (JsonPatchException e)
            {
                throw PatchHandler.ToStatus(e);
            }

            var replicas = Replicas(desired, request.Name);
            var next = (JsonObject)current.DeepClone();
            FieldPath.Set(next, scale.SpecReplicasPath, replicas);
            var version = JsonText.Of(desired["metadata"]?["resourceVersion"]);
            if (string.IsNullOrEmpty(version))
            {
                Meta.Of(next).Remove("resourceVersion");
            }
            else
            {
                Meta.Of(next)["resourceVersion"] = version;
            }

            return next;
        }, IsPatch: true);
        var updated = await request.Rest<IRestUpdater>().UpdateAsync(request.Namespace, request.Name, update, context, request.Aborted).ConfigureAwait(false);
        await WriteAsync(request, ToScale(updated, scale)).ConfigureAwait(false);
    }

    private static JsonNode? ParsePatch(byte[] body)
    {
        try
        {
            return JsonBody.Parse(body);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw ApiErrors.BadRequest("unable to parse patch: " + e.Message);
        }
    }

    private static long Replicas(JsonObject scale, string name)
    {
        var node = scale["spec"]?["replicas"];
        if (node is null)
        {
            return 0;
        }

        if (!JsonNumbers.TryGetInt64(node, out var replicas) || !JsonNumbers.IsInteger(node))
        {
            throw ApiErrors.Invalid("autoscaling", "Scale", name, [new StatusCause("FieldValueInvalid", $"Invalid value: {node.ToJsonString()}: must be an integer", "spec.replicas")]);
        }

        if (replicas is < 0 or > int.MaxValue)
        {
            throw ApiErrors.Invalid("autoscaling", "Scale", name, [new StatusCause("FieldValueInvalid", $"Invalid value: {replicas}: must be greater than or equal to 0", "spec.replicas")]);
        }

        return replicas;
    }

    private static JsonObject ToScale(JsonObject obj, ScaleSubresource scale)
    {
        var metadata = new JsonObject();
        foreach (var field in (string[])["name", "namespace", "uid", "resourceVersion", "creationTimestamp"])
        {
            if (obj["metadata"]?[field] is { } value)
            {
                metadata[field] = value.DeepClone();
            }
        }

        var status = new JsonObject { ["replicas"] = ReplicaValue(FieldPath.Get(obj, scale.StatusReplicasPath)) };
        if (scale.LabelSelectorPath is { } selectorPath && FieldPath.Get(obj, selectorPath) is JsonValue selector)
        {
            status["selector"] = selector.DeepClone();
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["replicas"] = ReplicaValue(FieldPath.Get(obj, scale.SpecReplicasPath)) },
            ["status"] = status,
        };
    }

    private static long ReplicaValue(JsonNode? node) => JsonNumbers.TryGetInt64(node, out var n) ? n : 0;

    private static Task WriteAsync(ApiRequest request, JsonObject scale) =>
        ResponseWriter.WriteAsync(request.Http, 200, scale, ContentNegotiator.ForObjects(request.Accept, isList: false) is { IsYaml: true } yaml ? yaml : Representation.Json);
}
