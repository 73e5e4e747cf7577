using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Schema;

/// <summary>
/// Drops fields the schema does not know (reporting their paths, for fieldValidation) and nulls
/// in fields that are not nullable, as the API server does for custom resources.
/// </summary>
internal static class SchemaPruner
{
    public static void Prune(JsonNode? node, JsonObject schema, string path, ICollection<string> unknownFields)
    {
        switch (node)
        {
            case JsonObject obj:
                PruneObject(obj, schema, path, unknownFields);
                break;
            case JsonArray array when SchemaKeywords.Items(schema) is { } items:
                for (var i = 0; i < array.Count; i++)
                {
                    Prune(array[i], items, $"{path}[{i}]", unknownFields);
                }

                break;
        }
    }

    private static void PruneObject(JsonObject obj, JsonObject schema, string path, ICollection<string> unknownFields)
    {
        var properties = SchemaKeywords.Properties(schema);
        var additional = SchemaKeywords.AdditionalProperties(schema);
        var keepUnknown = SchemaKeywords.PreservesUnknownFields(schema) || SchemaKeywords.AllowsAnyAdditionalProperties(schema);
        if (properties is null && additional is null && (keepUnknown || SchemaKeywords.Type(schema) is null))
        {
            return;
        }

        foreach (var name in obj.Select(p => p.Key).ToList())
        {
            var child = obj[name];
            var childPath = SchemaKeywords.Child(path, name);
            var childSchema = properties?[name] as JsonObject ?? additional;
            if (childSchema is null)
            {
                if (!keepUnknown)
                {
                    obj.Remove(name);
                    unknownFields.Add(childPath);
                }

                continue;
            }

            if (child is null && !SchemaKeywords.Flag(childSchema, "nullable"))
            {
                obj.Remove(name);
                continue;
            }

            Prune(child, childSchema, childPath, unknownFields);
        }
    }
}
