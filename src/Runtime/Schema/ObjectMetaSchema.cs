using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Schema;

/// <summary>
/// The structural schema of <c>apiVersion</c>, <c>kind</c> and <c>metadata</c>, which every Kind
/// shares; used to prune and report unknown fields (documentation lives in the OpenAPI meta schemas).
/// </summary>
internal static class ObjectMetaSchema
{
    /// <summary>Adds apiVersion, kind and metadata to a copy of a Kind's own schema.</summary>
    public static JsonObject Compose(JsonObject kindSchema)
    {
        var full = (JsonObject)kindSchema.DeepClone();
        full["type"] ??= "object";
        if (full["properties"] is not JsonObject properties)
        {
            properties = new JsonObject();
            full["properties"] = properties;
        }

        properties["apiVersion"] = new JsonObject { ["type"] = "string" };
        properties["kind"] = new JsonObject { ["type"] = "string" };
        properties["metadata"] = Metadata();
        return full;
    }

    private static JsonObject Metadata() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["name"] = Str(),
            ["generateName"] = Str(),
            ["namespace"] = Str(),
            ["selfLink"] = Str(),
            ["uid"] = Str(),
            ["resourceVersion"] = Str(),
            ["generation"] = new JsonObject { ["type"] = "integer", ["format"] = "int64" },
            ["creationTimestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time", ["nullable"] = true },
            ["deletionTimestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            ["deletionGracePeriodSeconds"] = new JsonObject { ["type"] = "integer", ["format"] = "int64" },
            ["labels"] = StringMap(),
            ["annotations"] = StringMap(),
            ["finalizers"] = new JsonObject { ["type"] = "array", ["items"] = Str() },
            ["ownerReferences"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("apiVersion", "kind", "name", "uid"),
                    ["properties"] = new JsonObject
                    {
                        ["apiVersion"] = Str(),
                        ["kind"] = Str(),
                        ["name"] = Str(),
                        ["uid"] = Str(),
                        ["controller"] = new JsonObject { ["type"] = "boolean" },
                        ["blockOwnerDeletion"] = new JsonObject { ["type"] = "boolean" },
                    },
                },
            },
            ["managedFields"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
            },
        },
    };

    private static JsonObject Str() => new() { ["type"] = "string" };

    private static JsonObject StringMap() => new() { ["type"] = "object", ["additionalProperties"] = Str() };
}
