using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// Turns an OpenAPI 3.0 schema into its Swagger 2.0 equivalent, in place. Only schema keywords are
/// touched, never data (defaults, enums, examples) or vendor extensions, which v2 keeps as they are.
/// </summary>
/// <remarks>
/// Swagger 2.0 has no <c>nullable</c>, <c>oneOf</c>, <c>anyOf</c>, <c>not</c> or <c>writeOnly</c>.
/// Like Kubernetes' CRD publishing, a nullable schema loses its <c>type</c> as well, because the
/// client-side validation kubectl falls back to would otherwise reject an explicit null.
/// </remarks>
internal static class SchemaV2Converter
{
    private const string V3Prefix = "#/components/schemas/";
    private const string V2Prefix = "#/definitions/";

    private static readonly string[] Unsupported = ["oneOf", "anyOf", "not", "writeOnly", "deprecated", "discriminator"];

    /// <summary>Converts <paramref name="schema"/> and every schema nested in it.</summary>
    public static void Convert(JsonObject schema)
    {
        if (schema["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target)
            && target.StartsWith(V3Prefix, StringComparison.Ordinal))
        {
            schema["$ref"] = V2Prefix + target[V3Prefix.Length..];
        }

        if (schema["nullable"] is JsonValue nullable && nullable.TryGetValue<bool>(out var isNullable) && isNullable)
        {
            schema.Remove("type");
        }

        schema.Remove("nullable");
        foreach (var keyword in Unsupported)
        {
            schema.Remove(keyword);
        }

        CollapseSingleReference(schema);

        foreach (var keyword in (string[])["properties", "patternProperties", "definitions"])
        {
            if (schema[keyword] is JsonObject map)
            {
                foreach (var (_, child) in map)
                {
                    ConvertIfSchema(child);
                }
            }
        }

        ConvertIfSchema(schema["additionalProperties"]);
        ConvertIfSchema(schema["additionalItems"]);
        switch (schema["items"])
        {
            case JsonObject items:
                Convert(items);
                break;
            case JsonArray tuple:
                foreach (var item in tuple)
                {
                    ConvertIfSchema(item);
                }

                break;
        }

        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var part in allOf)
            {
                ConvertIfSchema(part);
            }
        }
    }

    private static void ConvertIfSchema(JsonNode? node)
    {
        if (node is JsonObject schema)
        {
            Convert(schema);
        }
    }

    // v3 needs allOf:[{$ref}] to give a reference a description; v2 tooling (and Kubernetes' own
    // v2 documents) put the description beside a plain $ref instead.
    private static void CollapseSingleReference(JsonObject schema)
    {
        if (schema["allOf"] is JsonArray { Count: 1 } allOf
            && allOf[0] is JsonObject { Count: 1 } only
            && only["$ref"] is JsonValue reference
            && reference.TryGetValue<string>(out var target)
            && !schema.ContainsKey("$ref"))
        {
            schema.Remove("allOf");
            schema["$ref"] = target.StartsWith(V3Prefix, StringComparison.Ordinal)
                ? V2Prefix + target[V3Prefix.Length..]
                : target;
        }
    }
}
