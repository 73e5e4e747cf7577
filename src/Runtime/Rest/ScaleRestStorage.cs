using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Schema;
using ApiBuilder.Runtime.Serialization;
using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Rest;

/// <summary>
/// The <c>scale</c> subresource as a REST storage (k8s.io/apiserver's <c>ScaleREST</c>): an <c>autoscaling/v1</c>
/// Scale view of the object's replica fields, for <c>kubectl scale</c> and autoscalers. Update and patch work on
/// the Scale and change only the desired replicas of the object, through the object's own update (admission,
/// validation, conflicts). The generic get, update and patch handlers serve it.
/// </summary>
internal sealed class ScaleRestStorage(IRestUpdater parent, ScaleSubresource scale) : IRestUpdater
{
    /// <summary>What request bodies and responses are: <c>autoscaling/v1</c> Scale.</summary>
    public static ResourceDefinition ScaleDefinition { get; } = new()
    {
        Group = "autoscaling",
        Version = "v1",
        Kind = "Scale",
        Plural = "scales",
        Schema = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
    };

    public ResourceDefinition Definition => ScaleDefinition;

    public async ValueTask<StoredObject> GetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var stored = await parent.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
        return stored with { Value = ToScale(stored.Value) };
    }

    public async ValueTask<JsonObject> UpdateAsync(string ns, string name, UpdateRequest update, WriteContext context, CancellationToken cancellationToken)
    {
        if (update.Apply is not null)
        {
            throw ApiErrors.UnsupportedMediaType(OpenApi.MediaTypes.PatchesWithoutApply);
        }

        var onObject = new UpdateRequest(current =>
        {
            var desired = update.Produce(ToScale(current));
            var next = (JsonObject)current.DeepClone();
            FieldPath.Set(next, scale.SpecReplicasPath, Replicas(desired, name));
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
        }, IsPatch: true) { ManagedFieldsSubresource = "scale" };
        var updated = await parent.UpdateAsync(ns, name, onObject, context, cancellationToken).ConfigureAwait(false);
        return ToScale(updated);
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

    private JsonObject ToScale(JsonObject obj)
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
}
