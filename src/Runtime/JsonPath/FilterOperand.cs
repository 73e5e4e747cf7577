using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary>
/// One side of a filter: either a path relative to the array element (<c>@.status</c>) or a
/// literal (<c>"Ready"</c>, <c>3</c>, <c>true</c>), which is kept as the JSON value it stands for.
/// </summary>
internal sealed class FilterOperand
{
    private readonly IReadOnlyList<JsonPathSegment>? _path;
    private readonly JsonNode? _literal;

    private FilterOperand(IReadOnlyList<JsonPathSegment>? path, JsonNode? literal)
    {
        _path = path;
        _literal = literal;
    }

    public bool IsPath => _path is not null;

    public static FilterOperand Path(IReadOnlyList<JsonPathSegment> segments) => new(segments, null);

    public static FilterOperand Literal(JsonNode literal) => new(null, literal);

    /// <summary>The values this operand has for one array element.</summary>
    public List<JsonNode?> Evaluate(JsonNode? element) =>
        _path is null ? [_literal] : JsonPathExpression.Evaluate(_path, element);
}
