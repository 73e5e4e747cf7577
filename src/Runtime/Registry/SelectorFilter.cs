using System.Text.Json;
using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Registry;

/// <summary>The label and field selectors of a list or watch as a predicate over objects.</summary>
internal static class SelectorFilter
{
    private static readonly string[] SupportedFieldLabels = ["metadata.name", "metadata.namespace"];

    /// <summary>
    /// The predicate; null when nothing is selected; 400 BadRequest for a field that cannot be selected on.
    /// Besides the metadata fields, the definition's <see cref="ResourceDefinition.SelectableFields"/> are selectable.
    /// </summary>
    public static Func<JsonObject, bool>? For(ListOptions options, ResourceDefinition definition)
    {
        foreach (var requirement in options.FieldSelector.Requirements)
        {
            if (!SupportedFieldLabels.Contains(requirement.Field) && !definition.SelectableFields.Any(f => Label(f) == requirement.Field))
            {
                throw ApiErrors.BadRequest($"field label not supported: {requirement.Field}");
            }
        }

        var labels = options.LabelSelector;
        var fields = options.FieldSelector;
        if (labels.IsEmpty && fields.IsEmpty)
        {
            return null;
        }

        return obj =>
            labels.Matches(obj["metadata"]?["labels"] as JsonObject)
            && fields.Matches(field => field switch
            {
                "metadata.name" => Meta.Name(obj),
                "metadata.namespace" => Meta.Namespace(obj),
                _ => Value(obj, field),
            });
    }

    /// <summary>The field label of a selectable field's JSON path: <c>.spec.color</c> is <c>spec.color</c>.</summary>
    public static string Label(string jsonPath) => jsonPath.TrimStart('.');

    /// <summary>A field's value as a selector compares it: strings as they are, numbers and booleans as JSON writes them, else empty.</summary>
    private static string Value(JsonObject obj, string label)
    {
        JsonNode? node = obj;
        foreach (var segment in label.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node is JsonValue value ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => "",
        } : "";
    }
}
