using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// autoscaling/v1 Scale, the body of every <c>/scale</c> subresource (what <c>kubectl scale</c>
/// and the HorizontalPodAutoscaler read and write). Only added to documents that serve one.
/// </summary>
internal static class ScaleSchemas
{
    private const string Spec = "io.k8s.api.autoscaling.v1.ScaleSpec";
    private const string Status = "io.k8s.api.autoscaling.v1.ScaleStatus";

    /// <summary>Adds Scale, ScaleSpec and ScaleStatus to <paramref name="schemas"/>.</summary>
    public static void AddTo(JsonObject schemas)
    {
        schemas[OpenApiNames.Scale] = new JsonObject
        {
            ["description"] = "The desired and observed replica count of a scalable object, exchanged through its scale subresource.",
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = KindSchemas.ApiVersionProperty(),
                ["kind"] = KindSchemas.KindProperty(),
                ["metadata"] = KindSchemas.Reference(OpenApiNames.ObjectMeta,
                    "Metadata of the scaled object (name, namespace, resourceVersion)."),
                ["spec"] = KindSchemas.Reference(Spec, "The desired replica count."),
                ["status"] = KindSchemas.Reference(Status, "The observed replica count; read-only."),
            },
            [GroupVersionKind.Extension] = new JsonArray(OpenApiNames.ScaleKind.ToSchemaExtensionEntry()),
        };

        schemas[Spec] = new JsonObject
        {
            ["description"] = "Desired state of a scale subresource.",
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["replicas"] = new JsonObject
                {
                    ["description"] = "How many instances should run.",
                    ["type"] = "integer",
                    ["format"] = "int32",
                },
            },
        };

        schemas[Status] = new JsonObject
        {
            ["description"] = "Observed state of a scale subresource.",
            ["type"] = "object",
            ["required"] = new JsonArray("replicas"),
            ["properties"] = new JsonObject
            {
                ["replicas"] = new JsonObject
                {
                    ["description"] = "How many instances were last observed running.",
                    ["type"] = "integer",
                    ["format"] = "int32",
                },
                ["selector"] = new JsonObject
                {
                    ["description"] = "Label selector, in query-string form, matching the instances counted in replicas.",
                    ["type"] = "string",
                },
            },
        };
    }
}
