using System.Text;

namespace ApiBuilder.Runtime.Selection;

/// <summary>
/// A parsed <c>fieldSelector</c> (k8s.io/apimachinery/pkg/fields, <c>ParseSelector</c>):
/// comma-separated <c>field=value</c>, <c>field==value</c> or <c>field!=value</c> terms that must all
/// hold. In values, <c>\,</c> <c>\=</c> and <c>\\</c> stand for the literal characters; field names
/// are taken verbatim (no trimming), so the server's "field label not supported" check sees what
/// the client sent.
/// </summary>
internal sealed class FieldSelector
{
    private readonly FieldRequirement[] _requirements;

    private FieldSelector(FieldRequirement[] requirements) => _requirements = requirements;

    /// <summary>The selector that matches every object.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The terms, in Kubernetes' order (sorted by their raw text).</summary>
    public IReadOnlyList<FieldRequirement> Requirements => _requirements;

    public bool IsEmpty => _requirements.Length == 0;

    /// <summary>Parses a selector; null or empty means <see cref="Everything"/>.</summary>
    /// <exception cref="SelectorParseException">A term has no operator or a badly escaped value.</exception>
    public static FieldSelector Parse(string? selector)
    {
        if (string.IsNullOrEmpty(selector))
        {
            return Everything;
        }

        var terms = SplitTerms(selector);
        terms.Sort(StringComparer.Ordinal);
        var requirements = new List<FieldRequirement>(terms.Count);
        foreach (var term in terms)
        {
            if (term.Length == 0)
            {
                continue;
            }

            if (!TrySplitTerm(term, out var field, out var op, out var rawValue))
            {
                throw new SelectorParseException($"invalid selector: '{selector}'; can't understand '{term}'");
            }

            requirements.Add(new FieldRequirement(field, op, UnescapeValue(rawValue)));
        }

        return requirements.Count == 0 ? Everything : new FieldSelector([.. requirements]);
    }

    /// <summary>Whether an object passes; <paramref name="fieldValue"/> returns null for an absent field.</summary>
    public bool Matches(Func<string, string?> fieldValue)
    {
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(fieldValue(requirement.Field)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The value <paramref name="field"/> must equal when a term pins it with <c>=</c> or <c>==</c>
    /// (Kubernetes' <c>RequiresExactMatch</c>), e.g. to serve <c>metadata.name=x</c> as one lookup.
    /// </summary>
    public string? RequiredValue(string field)
    {
        foreach (var requirement in _requirements)
        {
            if (requirement.Operator == FieldSelectorOperator.Equals && requirement.Field == field)
            {
                return requirement.Value;
            }
        }

        return null;
    }

    public override string ToString() => string.Join(",", _requirements.Select(r => r.ToString()));

    /// <summary>Escapes <c>\</c>, <c>,</c> and <c>=</c> in a value (Kubernetes' <c>fields.EscapeValue</c>).</summary>
    public static string EscapeValue(string value) =>
        value.Replace("\\", "\\\\").Replace(",", "\\,").Replace("=", "\\=");

    // Splits on commas that are not escaped; escapes stay in the terms for UnescapeValue.
    private static List<string> SplitTerms(string selector)
    {
        var terms = new List<string>();
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            if (selector[i] == '\\')
            {
                i++;
            }
            else if (selector[i] == ',')
            {
                terms.Add(selector[start..i]);
                start = i + 1;
            }
        }

        terms.Add(selector[start..]);
        return terms;
    }

    // The first operator occurrence splits the term; field names cannot contain escapes.
    private static bool TrySplitTerm(string term, out string field, out FieldSelectorOperator op, out string value)
    {
        for (var i = 0; i < term.Length; i++)
        {
            var rest = term.AsSpan(i);
            if (rest.StartsWith("!="))
            {
                (field, op, value) = (term[..i], FieldSelectorOperator.NotEquals, term[(i + 2)..]);
                return true;
            }

            if (rest.StartsWith("=="))
            {
                (field, op, value) = (term[..i], FieldSelectorOperator.Equals, term[(i + 2)..]);
                return true;
            }

            if (rest.StartsWith("="))
            {
                (field, op, value) = (term[..i], FieldSelectorOperator.Equals, term[(i + 1)..]);
                return true;
            }
        }

        (field, op, value) = ("", FieldSelectorOperator.Equals, "");
        return false;
    }

    private static string UnescapeValue(string raw)
    {
        if (raw.AsSpan().IndexOfAny('\\', ',', '=') < 0)
        {
            return raw;
        }

        var value = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\\')
            {
                if (i + 1 == raw.Length)
                {
                    throw new SelectorParseException("invalid field selector: invalid escape sequence: \\");
                }

                var escaped = raw[++i];
                if (escaped is not ('\\' or ',' or '='))
                {
                    throw new SelectorParseException($"invalid field selector: invalid escape sequence: \\{escaped}");
                }

                value.Append(escaped);
            }
            else if (c is ',' or '=')
            {
                // Kubernetes prints the rune's number here; the character itself is clearer.
                throw new SelectorParseException($"invalid field selector: unescaped character in value: {c}");
            }
            else
            {
                value.Append(c);
            }
        }

        return value.ToString();
    }
}
