using System.Globalization;

namespace ApiBuilder.Runtime.Selection;

/// <summary>
/// One comma-separated term of a label selector. <see cref="Values"/> are sorted and distinct,
/// as Kubernetes stores them in a string set.
/// </summary>
internal sealed class LabelRequirement
{
    private readonly string[] _values;

    private LabelRequirement(string key, LabelSelectorOperator op, string[] sortedDistinctValues)
    {
        Key = key;
        Operator = op;
        _values = sortedDistinctValues;
    }

    public string Key { get; }

    public LabelSelectorOperator Operator { get; }

    public IReadOnlyList<string> Values => _values;

    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        Matches((key, out value) => labels.TryGetValue(key, out value));

    public bool Matches(LabelLookup labels)
    {
        var has = labels(Key, out var value);
        return Operator switch
        {
            LabelSelectorOperator.Equals or LabelSelectorOperator.DoubleEquals or LabelSelectorOperator.In =>
                has && Contains(value!),
            LabelSelectorOperator.NotEquals or LabelSelectorOperator.NotIn => !has || !Contains(value!),
            LabelSelectorOperator.Exists => has,
            LabelSelectorOperator.DoesNotExist => !has,
            _ => has && CompareAsIntegers(value!),
        };
    }

    /// <summary>The canonical form Kubernetes prints, e.g. <c>env in (a,b)</c> or <c>!tier</c>.</summary>
    public override string ToString() => Operator switch
    {
        LabelSelectorOperator.Exists => Key,
        LabelSelectorOperator.DoesNotExist => "!" + Key,
        LabelSelectorOperator.Equals => $"{Key}={_values[0]}",
        LabelSelectorOperator.DoubleEquals => $"{Key}=={_values[0]}",
        LabelSelectorOperator.NotEquals => $"{Key}!={_values[0]}",
        LabelSelectorOperator.In => $"{Key} in ({string.Join(",", _values)})",
        LabelSelectorOperator.NotIn => $"{Key} notin ({string.Join(",", _values)})",
        LabelSelectorOperator.GreaterThan => $"{Key}>{_values[0]}",
        _ => $"{Key}<{_values[0]}",
    };

    /// <summary>
    /// Validates and builds a requirement like Kubernetes' <c>labels.NewRequirement</c>; the
    /// message of the exception is the one Kubernetes gives (without the parser's prefix). The
    /// parser guarantees the number of values fits the operator.
    /// </summary>
    internal static LabelRequirement Create(string key, LabelSelectorOperator op, IEnumerable<string> values)
    {
        ValidateKey(key);
        var sorted = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var errors = new List<string>();
        if (op is LabelSelectorOperator.GreaterThan or LabelSelectorOperator.LessThan)
        {
            for (var i = 0; i < sorted.Length; i++)
            {
                if (!TryParseInt64(sorted[i], out _))
                {
                    errors.Add(Validation.GoQuote.InvalidValue(
                        $"values[{i}]", sorted[i], "for 'Gt', 'Lt' operators, the value must be an integer"));
                }
            }
        }

        for (var i = 0; i < sorted.Length; i++)
        {
            var valueErrors = Validation.NameRules.IsLabelValue(sorted[i]);
            if (valueErrors.Count > 0)
            {
                errors.Add(Validation.GoQuote.InvalidValue($"values[{i}][{key}]", sorted[i], string.Join("; ", valueErrors)));
            }
        }

        // Go's aggregate error prints one error bare and several as "[a, b]".
        return errors.Count switch
        {
            0 => new LabelRequirement(key, op, sorted),
            1 => throw new SelectorParseException(errors[0]),
            _ => throw new SelectorParseException("[" + string.Join(", ", errors) + "]"),
        };
    }

    /// <summary>Throws with Kubernetes' message when <paramref name="key"/> is not a valid label key.</summary>
    internal static void ValidateKey(string key)
    {
        var errors = Validation.NameRules.IsLabelKey(key);
        if (errors.Count > 0)
        {
            // The parser validates with a nil field path, which Go prints as "<nil>".
            throw new SelectorParseException(Validation.GoQuote.InvalidValue("<nil>", key, string.Join("; ", errors)));
        }
    }

    internal static bool TryParseInt64(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private bool Contains(string value) => Array.BinarySearch(_values, value, StringComparer.Ordinal) >= 0;

    // A label value that is not an integer never matches (Kubernetes logs and returns false).
    private bool CompareAsIntegers(string labelValue) =>
        TryParseInt64(labelValue, out var actual)
        && TryParseInt64(_values[0], out var bound)
        && (Operator == LabelSelectorOperator.GreaterThan ? actual > bound : actual < bound);
}
