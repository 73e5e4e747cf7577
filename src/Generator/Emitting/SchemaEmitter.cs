using System.Linq;
using ApiBuilder.Generator.Model;

namespace ApiBuilder.Generator.Emitting
{
    /// <summary>
    /// The OpenAPI v3 structural schema of a Kind, as compact JSON: what the server documents,
    /// prunes with and validates against.
    /// </summary>
    internal static class SchemaEmitter
    {
        public static string KindSchema(KindModel kind) => ObjectSchema(kind, kind.Properties, description: null).ToString();

        private static JsonObjectText ObjectSchema(KindModel kind, EquatableArray<PropertyModel> properties, string? description)
        {
            var schema = new JsonObjectText().AddString("type", "object").AddString("description", description);
            if (properties.Count > 0)
            {
                var members = new JsonObjectText();
                foreach (var property in properties)
                {
                    members.Add(property.JsonName, PropertySchema(kind, property).ToString());
                }

                schema.Add("properties", members.ToString());
            }

            var required = properties.Where(p => p.Required).Select(p => p.JsonName).ToList();
            if (required.Count > 0)
            {
                schema.Add("required", JsonText.Array(required));
            }

            return schema;
        }

        private static JsonObjectText PropertySchema(KindModel kind, PropertyModel property)
        {
            var schema = ShapeSchema(kind, property.Type, property.Description);
            var c = property.Constraints;
            var kindOfLength = property.Type.Kind switch
            {
                ShapeKind.String or ShapeKind.Bytes => "Length",
                ShapeKind.List or ShapeKind.Array => "Items",
                ShapeKind.Map => "Properties",
                _ => null,
            };
            if (c.Minimum is not null)
            {
                schema.Add("minimum", c.Minimum);
                if (c.ExclusiveMinimum)
                {
                    schema.Add("exclusiveMinimum", "true");
                }
            }

            if (c.Maximum is not null)
            {
                schema.Add("maximum", c.Maximum);
                if (c.ExclusiveMaximum)
                {
                    schema.Add("exclusiveMaximum", "true");
                }
            }

            if (kindOfLength is not null)
            {
                schema.AddNumber("min" + kindOfLength, c.MinLength).AddNumber("max" + kindOfLength, c.MaxLength);
            }

            if (property.Type.Kind == ShapeKind.String)
            {
                schema.AddString("pattern", c.Pattern);
            }

            if (property.Type.Nullable)
            {
                schema.Add("nullable", "true");
            }

            if (c.Default is not null)
            {
                schema.Add("default", c.Default);
            }

            if (c.ListType is not null)
            {
                schema.AddString("x-kubernetes-list-type", c.ListType);
                if (c.ListMapKeys is not null)
                {
                    schema.Add("x-kubernetes-list-map-keys", c.ListMapKeys);
                }
            }

            schema.AddString("x-kubernetes-map-type", c.MapType);

            return schema;
        }

        private static JsonObjectText ElementSchema(KindModel kind, TypeShape element)
        {
            var schema = ShapeSchema(kind, element, null);
            return element.Nullable ? schema.Add("nullable", "true") : schema;
        }

        private static JsonObjectText ShapeSchema(KindModel kind, TypeShape shape, string? description)
        {
            switch (shape.Kind)
            {
                case ShapeKind.Object:
                    var type = kind.ObjectTypes[shape.TypeIndex];
                    return ObjectSchema(kind, type.Properties, description ?? type.Description);
                case ShapeKind.Enum:
                    var e = kind.EnumTypes[shape.TypeIndex];
                    return new JsonObjectText().AddString("type", "string").AddString("description", description ?? e.Description)
                        .Add("enum", JsonText.Array(e.Members.Select(m => m.JsonValue)));
                case ShapeKind.List:
                case ShapeKind.Array:
                    return new JsonObjectText().AddString("type", "array").AddString("description", description)
                        .Add("items", ElementSchema(kind, shape.Element!).ToString());
                case ShapeKind.Map:
                    return new JsonObjectText().AddString("type", "object").AddString("description", description)
                        .Add("additionalProperties", ElementSchema(kind, shape.Element!).ToString());
                case ShapeKind.JsonNode:
                case ShapeKind.JsonElement:
                    return new JsonObjectText().AddString("description", description).Add("x-kubernetes-preserve-unknown-fields", "true");
                case ShapeKind.JsonObject:
                    return new JsonObjectText().AddString("type", "object").AddString("description", description).Add("x-kubernetes-preserve-unknown-fields", "true");
            }

            var (jsonType, format) = shape.Kind switch
            {
                ShapeKind.Boolean => ("boolean", null),
                ShapeKind.Byte or ShapeKind.SByte or ShapeKind.Int16 or ShapeKind.UInt16 or ShapeKind.Int32 => ("integer", "int32"),
                ShapeKind.UInt32 or ShapeKind.Int64 or ShapeKind.UInt64 => ("integer", "int64"),
                ShapeKind.Single or ShapeKind.Double or ShapeKind.Decimal => ("number", null),
                ShapeKind.DateTime or ShapeKind.DateTimeOffset => ("string", "date-time"),
                ShapeKind.Guid => ("string", "uuid"),
                ShapeKind.Bytes => ("string", "byte"),
                _ => ("string", (string?)null),
            };
            return new JsonObjectText().AddString("type", jsonType).AddString("format", format).AddString("description", description);
        }
    }
}
