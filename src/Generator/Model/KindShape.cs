using System;
using System.Collections.Generic;
using System.Linq;

namespace ApiBuilder.Generator.Model
{
    /// <summary>
    /// The shape of a Kind's data: the structural part of its schema, as one entry per field path
    /// (<c>spec.ports[].number</c>, list items <c>[]</c>, map values <c>{}</c>) with the field's JSON
    /// type, format and enum values. Descriptions, validation (required, ranges, lengths, patterns),
    /// defaults and nullability are left out: they do not change what an object can hold, so two
    /// versions that differ only in them need no conversion.
    /// </summary>
    internal static class KindShape
    {
        public static SortedDictionary<string, string> Fields(KindModel kind)
        {
            var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
            Properties(kind, kind.Properties, "", fields);
            return fields;
        }

        /// <summary>Where the shapes of <paramref name="version"/> and <paramref name="storage"/> differ, in words; empty when they are the same.</summary>
        public static List<string> Differences(KindModel version, KindModel storage)
        {
            var mine = Fields(version);
            var theirs = Fields(storage);
            var differences = new List<string>();
            foreach (var path in mine.Keys.Concat(theirs.Keys).Distinct().OrderBy(p => p, StringComparer.Ordinal))
            {
                var inVersion = mine.TryGetValue(path, out var a);
                var inStorage = theirs.TryGetValue(path, out var b);
                if (!inStorage)
                {
                    differences.Add($"{path} is only in {version.Version}");
                }
                else if (!inVersion)
                {
                    differences.Add($"{path} is only in {storage.Version}");
                }
                else if (a != b)
                {
                    differences.Add($"{path} is {a} in {version.Version} but {b} in {storage.Version}");
                }
            }

            return differences;
        }

        private static void Properties(KindModel kind, EquatableArray<PropertyModel> properties, string prefix, SortedDictionary<string, string> fields)
        {
            foreach (var property in properties)
            {
                Shape(kind, property.Type, prefix + property.JsonName, fields);
            }
        }

        private static void Shape(KindModel kind, TypeShape shape, string path, SortedDictionary<string, string> fields)
        {
            switch (shape.Kind)
            {
                case ShapeKind.Object:
                    fields[path] = "object";
                    Properties(kind, kind.ObjectTypes[shape.TypeIndex].Properties, path + ".", fields);
                    return;
                case ShapeKind.List:
                case ShapeKind.Array:
                    fields[path] = "array";
                    Shape(kind, shape.Element!, path + "[]", fields);
                    return;
                case ShapeKind.Map:
                    fields[path] = "map";
                    Shape(kind, shape.Element!, path + "{}", fields);
                    return;
                case ShapeKind.Enum:
                    fields[path] = "enum (" + string.Join("|", kind.EnumTypes[shape.TypeIndex].Members.Select(m => m.JsonValue).OrderBy(v => v, StringComparer.Ordinal)) + ")";
                    return;
                default:
                    fields[path] = Scalar(shape.Kind);
                    return;
            }
        }

        /// <summary>The schema's type and format of a scalar, as the schema emitter writes them.</summary>
        private static string Scalar(ShapeKind kind) => kind switch
        {
            ShapeKind.Boolean => "boolean",
            ShapeKind.Byte or ShapeKind.SByte or ShapeKind.Int16 or ShapeKind.UInt16 or ShapeKind.Int32 => "integer (int32)",
            ShapeKind.UInt32 or ShapeKind.Int64 or ShapeKind.UInt64 => "integer (int64)",
            ShapeKind.Single or ShapeKind.Double or ShapeKind.Decimal => "number",
            ShapeKind.DateTime or ShapeKind.DateTimeOffset => "string (date-time)",
            ShapeKind.Guid => "string (uuid)",
            ShapeKind.Bytes => "string (byte)",
            ShapeKind.JsonNode or ShapeKind.JsonElement => "any JSON",
            ShapeKind.JsonObject => "any JSON object",
            _ => "string",
        };
    }
}
