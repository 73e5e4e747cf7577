using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Selection;

/// <summary>
/// A parsed <c>labelSelector</c> (k8s.io/apimachinery/pkg/labels): comma-separated requirements
/// that must all match. Requirements are kept sorted by key, as Kubernetes does, which makes
/// <see cref="ToString"/> canonical.
/// </summary>
internal sealed class LabelSelector
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    private readonly LabelRequirement[] _requirements;

    private LabelSelector(LabelRequirement[] requirements) => _requirements = requirements;

    /// <summary>The selector that matches every object.</summary>
    public static LabelSelector Everything { get; } = new([]);

    public IReadOnlyList<LabelRequirement> Requirements => _requirements;

    /// <summary>True when the selector does not restrict anything.</summary>
    public bool IsEmpty => _requirements.Length == 0;

    /// <summary>Parses a selector; null, empty or blank means <see cref="Everything"/>.</summary>
    /// <exception cref="SelectorParseException">The selector is invalid.</exception>
    public static LabelSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return Everything;
        }

        var requirements = LabelSelectorParser.Parse(selector);
        if (requirements.Count == 0)
        {
            return Everything;
        }

        // Stable, so repeated keys keep their written order.
        return new LabelSelector([.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)]);
    }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        labels ??= NoLabels;
        return Matches((key, out value) => labels.TryGetValue(key, out value));
    }

    /// <summary>
    /// Matches an object's <c>metadata.labels</c> map. Members that are not strings cannot be
    /// labels and count as absent.
    /// </summary>
    public bool Matches(JsonObject? labels) =>
        IsEmpty || Matches((key, out value) =>
        {
            value = labels is not null && labels.TryGetPropertyValue(key, out var node)
                && node is JsonValue text && text.GetValueKind() == JsonValueKind.String
                    ? text.GetValue<string>()
                    : null;
            return value is not null;
        });

    public bool Matches(LabelLookup labels)
    {
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The value <paramref name="key"/> must have when the selector pins it with <c>=</c>, <c>==</c>
    /// or a one-value <c>in</c> (Kubernetes' <c>RequiresExactMatch</c>); otherwise null.
    /// </summary>
    public string? RequiredValue(string key)
    {
        foreach (var requirement in _requirements)
        {
            if (requirement.Key != key)
            {
                continue;
            }

            return requirement.Operator is LabelSelectorOperator.Equals or LabelSelectorOperator.DoubleEquals or LabelSelectorOperator.In
                && requirement.Values.Count == 1
                ? requirement.Values[0]
                : null;
        }

        return null;
    }

    /// <summary>The canonical form, e.g. <c>app=web,tier notin (cache)</c>; empty for <see cref="Everything"/>.</summary>
    public override string ToString() => string.Join(",", _requirements.Select(r => r.ToString()));
}
