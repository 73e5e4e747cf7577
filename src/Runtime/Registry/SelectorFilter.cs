using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.Registry;

/// <summary>The label and field selectors of a list or watch as a predicate over objects.</summary>
internal static class SelectorFilter
{
    private static readonly string[] SupportedFieldLabels = ["metadata.name", "metadata.namespace"];

    /// <summary>The predicate; null when nothing is selected; 400 BadRequest for a field that cannot be selected on.</summary>
    public static Func<JsonObject, bool>? For(ListOptions options)
    {
        foreach (var requirement in options.FieldSelector.Requirements)
        {
            if (!SupportedFieldLabels.Contains(requirement.Field))
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
                _ => null,
            });
    }
}
