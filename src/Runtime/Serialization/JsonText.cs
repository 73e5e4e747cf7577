using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Serialization;

/// <summary>Reads strings from client-supplied JSON without trusting its types.</summary>
internal static class JsonText
{
    /// <summary>The string value of <paramref name="node"/>, or null when it is absent or not a string.</summary>
    public static string? Of(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>True when <paramref name="node"/> is present but not a string.</summary>
    public static bool IsNonString(JsonNode? node) => node is not null && Of(node) is null;
}
