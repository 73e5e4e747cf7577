using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary>
/// <c>[?(@.type=="Ready")]</c>: the elements of an array for which the condition holds. A
/// comparison needs exactly one value on each side; an element where a side is missing or has
/// several values does not match (Kubernetes fails the whole expression instead, which would
/// blank a printer column because one condition lacks a field).
/// </summary>
internal sealed class FilterSegment(FilterOperand left, FilterOperator op, FilterOperand? right) : JsonPathSegment
{
    public override void Select(JsonNode? node, List<JsonNode?> output)
    {
        if (node is not JsonArray array)
        {
            return;
        }

        foreach (var element in array)
        {
            if (Holds(element))
            {
                output.Add(element);
            }
        }
    }

    private bool Holds(JsonNode? element)
    {
        var lefts = left.Evaluate(element);
        if (op == FilterOperator.Exists)
        {
            return lefts.Count > 0;
        }

        var rights = right!.Evaluate(element);
        return lefts.Count == 1 && rights.Count == 1 && FilterComparison.Holds(lefts[0], op, rights[0]);
    }
}
