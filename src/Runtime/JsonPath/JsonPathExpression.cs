using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary>
/// A parsed JSONPath in the dialect of kubectl and CRD <c>additionalPrinterColumns</c>
/// (k8s.io/client-go/util/jsonpath): <c>.spec.x</c> or <c>{.spec.x}</c>, quoted keys
/// <c>['kubernetes.io/name']</c>, escaped dots <c>.labels.app\.kubernetes\.io/name</c>, indexes,
/// slices, <c>*</c>, <c>..</c>, unions and filters <c>[?(@.type=="Ready")]</c>.
/// </summary>
internal sealed class JsonPathExpression
{
    private readonly JsonPathSegment[] _segments;

    /// <summary>The member names when every step is a plain child (<c>.a.b.c</c>, most printer columns); else null.</summary>
    private readonly string[]? _children;

    private JsonPathExpression(string text, JsonPathSegment[] segments)
    {
        Text = text;
        _segments = segments;
        _children = segments.All(s => s is ChildSegment) ? [.. segments.Cast<ChildSegment>().Select(c => c.Name)] : null;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <exception cref="JsonPathParseException">The expression is not valid.</exception>
    public static JsonPathExpression Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new JsonPathExpression(path, JsonPathParser.Parse(path));
    }

    public static bool TryParse(
        string path,
        [NotNullWhen(true)] out JsonPathExpression? expression,
        [NotNullWhen(false)] out string? error)
    {
        try
        {
            expression = Parse(path);
            error = null;
            return true;
        }
        catch (JsonPathParseException e)
        {
            expression = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// The nodes the path selects, in document order; a selected JSON null is a null entry.
    /// Missing members, indexes out of range and steps on the wrong type select nothing.
    /// The nodes belong to <paramref name="root"/>; they are not copies.
    /// </summary>
    public IReadOnlyList<JsonNode?> Evaluate(JsonNode? root) => Evaluate(_segments, root);

    /// <summary>
    /// The first node the path selects (what a printer column shows), without collecting the rest;
    /// false when it selects nothing. A selected JSON null is a null <paramref name="first"/>.
    /// </summary>
    public bool TryEvaluateFirst(JsonNode? root, out JsonNode? first)
    {
        if (_children is null)
        {
            var all = Evaluate(_segments, root);
            first = all.Count > 0 ? all[0] : null;
            return all.Count > 0;
        }

        // A chain of members selects at most one node: walk it without building lists.
        var node = root;
        foreach (var name in _children)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(name, out node))
            {
                first = null;
                return false;
            }
        }

        first = node;
        return true;
    }

    /// <summary>Whether every step is a plain member (<c>.a.b.c</c>), which <see cref="TryEvaluateFirst(System.Text.Json.JsonElement, out JsonNode?)"/> walks.</summary>
    public bool IsMemberChain => _children is not null;

    /// <summary>
    /// <see cref="TryEvaluateFirst(JsonNode?, out JsonNode?)"/> on a parsed document, for a
    /// <see cref="IsMemberChain">chain of members</see>: the selected value is wrapped, not copied,
    /// so it is valid while the document is.
    /// </summary>
    public bool TryEvaluateFirst(System.Text.Json.JsonElement root, out JsonNode? first)
    {
        if (_children is null)
        {
            throw new InvalidOperationException($"{Text} is not a chain of members");
        }

        var element = root;
        foreach (var name in _children)
        {
            if (element.ValueKind != System.Text.Json.JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                first = null;
                return false;
            }
        }

        first = element.ValueKind switch
        {
            System.Text.Json.JsonValueKind.Object => JsonObject.Create(element),
            System.Text.Json.JsonValueKind.Array => JsonArray.Create(element),
            _ => JsonValue.Create(element),
        };
        return true;
    }

    public override string ToString() => Text;

    internal static List<JsonNode?> Evaluate(IReadOnlyList<JsonPathSegment> segments, JsonNode? start)
    {
        var current = new List<JsonNode?> { start };
        foreach (var segment in segments)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                segment.Select(node, next);
            }

            current = next;
        }

        return current;
    }
}
