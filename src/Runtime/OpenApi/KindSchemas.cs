using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// The component schemas of a Kind and its List: the user's structural schema completed with
/// the apiVersion, kind and metadata every object has, tagged with the GVK kubectl explain looks for.
/// </summary>
internal static class KindSchemas
{
    private const string ComponentsPrefix = "#/components/schemas/";
    private const string ConventionsUrl = "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md";

    /// <summary>Adds <c>&lt;reversed group&gt;.&lt;version&gt;.&lt;Kind&gt;</c> and its List to <paramref name="schemas"/>.</summary>
    public static void AddTo(JsonObject schemas, ResourceDefinition resource)
    {
        var name = OpenApiNames.SchemaName(resource.Group, resource.Version, resource.Kind);
        var listName = OpenApiNames.SchemaName(resource.Group, resource.Version, resource.ListKind);
        if (schemas.ContainsKey(name) || schemas.ContainsKey(listName))
        {
            throw new InvalidOperationException(
                $"Kind {resource.Kind} is defined twice in {resource.GroupVersion}; each Kind needs one resource per version.");
        }

        schemas[name] = Object(resource);
        schemas[listName] = List(resource, name);
    }

    /// <summary>A <c>$ref</c> to a component schema.</summary>
    public static JsonObject Ref(string schema) => new() { ["$ref"] = ComponentsPrefix + schema };

    /// <summary>
    /// A property holding another schema. OpenAPI 3.0 ignores siblings of <c>$ref</c>, so the
    /// reference is wrapped in <c>allOf</c> to keep the description (kubectl explain follows both).
    /// </summary>
    public static JsonObject Reference(string schema, string description) => new()
    {
        ["description"] = description,
        ["default"] = new JsonObject(),
        ["allOf"] = new JsonArray(Ref(schema)),
    };

    public static JsonObject ApiVersionProperty() => new()
    {
        ["description"] = "Versioned schema of this representation, '<group>/<version>'. Servers convert the versions " +
            $"they know to their own and may reject others. More info: {ConventionsUrl}#resources",
        ["type"] = "string",
    };

    public static JsonObject KindProperty() => new()
    {
        ["description"] = "The type of this object, in CamelCase. Servers may infer it from the URL the request was sent " +
            $"to; it cannot be changed. More info: {ConventionsUrl}#types-kinds",
        ["type"] = "string",
    };

    private static JsonObject Object(ResourceDefinition resource)
    {
        var user = resource.Schema;
        var schema = new JsonObject();
        var description = resource.Description
            ?? (user["description"] is JsonValue declared && declared.TryGetValue<string>(out var text) ? text : null);
        if (!string.IsNullOrEmpty(description))
        {
            schema["description"] = description;
        }

        schema["type"] = "object";

        var properties = new JsonObject
        {
            ["apiVersion"] = ApiVersionProperty(),
            ["kind"] = KindProperty(),
            ["metadata"] = Reference(OpenApiNames.ObjectMeta,
                $"Standard object metadata: name, namespace, labels, annotations and the fields the server maintains. More info: {ConventionsUrl}#metadata"),
        };

        // The server owns apiVersion, kind and metadata; a user schema that declares them too is ignored there.
        if (user["properties"] is JsonObject userProperties)
        {
            foreach (var (key, value) in userProperties)
            {
                if (!properties.ContainsKey(key))
                {
                    var property = value?.DeepClone();
                    if (property is JsonObject propertySchema)
                    {
                        // What strategic merge patch merges by, for kubectl's client-side apply.
                        Patch.PatchMeta.Publish(propertySchema);
                    }

                    properties[key] = property;
                }
            }
        }

        foreach (var (key, value) in user)
        {
            switch (key)
            {
                case "description" or "type" or GroupVersionKind.Extension:
                    break;
                case "properties":
                    schema["properties"] = properties;
                    break;
                default:
                    schema[key] = value?.DeepClone();
                    break;
            }
        }

        if (!schema.ContainsKey("properties"))
        {
            schema["properties"] = properties;
        }

        schema[GroupVersionKind.Extension] = new JsonArray(
            new GroupVersionKind(resource.Group, resource.Version, resource.Kind).ToSchemaExtensionEntry());
        return schema;
    }

    private static JsonObject List(ResourceDefinition resource, string itemSchema) => new()
    {
        ["description"] = $"{resource.ListKind} is a list of {resource.Kind} objects.",
        ["type"] = "object",
        ["required"] = new JsonArray("items"),
        ["properties"] = new JsonObject
        {
            ["apiVersion"] = ApiVersionProperty(),
            ["items"] = new JsonObject
            {
                ["description"] = $"The {resource.Kind} objects.",
                ["type"] = "array",
                ["items"] = Ref(itemSchema),
            },
            ["kind"] = KindProperty(),
            ["metadata"] = Reference(OpenApiNames.ListMeta,
                $"Standard list metadata: the resourceVersion to watch from and the continue token of a chunked list. More info: {ConventionsUrl}#metadata"),
        },
        [GroupVersionKind.Extension] = new JsonArray(
            new GroupVersionKind(resource.Group, resource.Version, resource.ListKind).ToSchemaExtensionEntry()),
    };
}
