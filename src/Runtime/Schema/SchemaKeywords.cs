using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Schema;

/// <summary>Typed reads of the OpenAPI keywords the server acts on.</summary>
internal static class SchemaKeywords
{
    public static string? Type(JsonObject schema) => schema["type"]?.GetValue<string>();

    public static bool Flag(JsonObject schema, string name) =>
        schema[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static JsonObject? Properties(JsonObject schema) => schema["properties"] as JsonObject;

    public static JsonObject? Items(JsonObject schema) => schema["items"] as JsonObject;

    /// <summary>The schema for map values, when <c>additionalProperties</c> is a schema.</summary>
    public static JsonObject? AdditionalProperties(JsonObject schema) => schema["additionalProperties"] as JsonObject;

    public static bool AllowsAnyAdditionalProperties(JsonObject schema) =>
        schema["additionalProperties"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static bool PreservesUnknownFields(JsonObject schema) => Flag(schema, "x-kubernetes-preserve-unknown-fields");

    public static bool IntOrString(JsonObject schema) => Flag(schema, "x-kubernetes-int-or-string");

    public static long? Long(JsonObject schema, string name) =>
        JsonNumbers.TryGetDouble(schema[name], out var d) ? (long)d : null;

    public static double? Double(JsonObject schema, string name) =>
        JsonNumbers.TryGetDouble(schema[name], out var d) ? d : null;

    public static string Child(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
