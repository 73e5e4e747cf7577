using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Schema;

/// <summary>Applies OpenAPI <c>default</c> values to absent fields of objects that are present.</summary>
internal static class SchemaDefaulter
{
    public static void Apply(JsonNode? node, JsonObject schema)
    {
        switch (node)
        {
            case JsonObject obj:
                if (SchemaKeywords.Properties(schema) is { } properties)
                {
                    foreach (var (name, value) in properties)
                    {
                        if (value is not JsonObject propertySchema)
                        {
                            continue;
                        }

                        if (!obj.ContainsKey(name) && propertySchema["default"] is { } defaultValue)
                        {
                            obj[name] = defaultValue.DeepClone();
                        }

                        if (obj[name] is { } child)
                        {
                            Apply(child, propertySchema);
                        }
                    }
                }
                else if (SchemaKeywords.AdditionalProperties(schema) is { } additional)
                {
                    foreach (var (_, child) in obj.ToList())
                    {
                        Apply(child, additional);
                    }
                }

                break;
            case JsonArray array when SchemaKeywords.Items(schema) is { } items:
                foreach (var element in array)
                {
                    Apply(element, items);
                }

                break;
        }
    }
}
