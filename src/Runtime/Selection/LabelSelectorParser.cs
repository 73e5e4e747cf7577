namespace ApiBuilder.Runtime.Selection;

/// <summary>
/// Recursive-descent parser for the label selector grammar, following Kubernetes' parser
/// (k8s.io/apimachinery/pkg/labels, <c>Parse</c>) step by step so that the same inputs are
/// accepted and the same messages come back:
/// <code>
/// selector    := requirement ("," requirement)*
/// requirement := ["!"] KEY [ ("in" | "notin") "(" values ")" | ("=" | "==" | "!=" | "&gt;" | "&lt;") VALUE ]
/// </code>
/// </summary>
internal sealed class LabelSelectorParser
{
    private const string BinaryOperators = "in, notin, =, ==, !=, gt, lt";

    private readonly List<LabelSelectorToken> _tokens;
    private int _position;

    private LabelSelectorParser(string selector) => _tokens = LabelSelectorLexer.Scan(selector);

    public static List<LabelRequirement> Parse(string selector) => new LabelSelectorParser(selector).ParseSelector();

    private List<LabelRequirement> ParseSelector()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var token = Peek(valuesContext: true);
            switch (token.Kind)
            {
                case LabelSelectorTokenKind.Identifier or LabelSelectorTokenKind.DoesNotExist:
                    requirements.Add(ParseRequirementOrThrow());
                    var after = Next(valuesContext: true);
                    if (after.Kind == LabelSelectorTokenKind.EndOfString)
                    {
                        return requirements;
                    }

                    if (after.Kind != LabelSelectorTokenKind.Comma)
                    {
                        throw Error($"found '{after.Literal}', expected: ',' or 'end of string'");
                    }

                    var next = Peek(valuesContext: true);
                    if (next.Kind is not (LabelSelectorTokenKind.Identifier or LabelSelectorTokenKind.DoesNotExist))
                    {
                        throw Error($"found '{next.Literal}', expected: identifier after ','");
                    }

                    break;
                case LabelSelectorTokenKind.EndOfString:
                    return requirements;
                default:
                    throw Error($"found '{token.Literal}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirementOrThrow()
    {
        try
        {
            return ParseRequirement();
        }
        catch (SelectorParseException e)
        {
            throw Error("unable to parse requirement: " + e.Message);
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var (key, unary) = ParseKeyAndInferOperator();
        if (unary is { } unaryOperator)
        {
            return LabelRequirement.Create(key, unaryOperator, []);
        }

        var op = ParseOperator();
        var values = op is LabelSelectorOperator.In or LabelSelectorOperator.NotIn ? ParseValueSet() : ParseExactValue();
        return LabelRequirement.Create(key, op, values);
    }

    // Returns the operator when it is unary (k or !k); null when a binary operator must follow.
    private (string Key, LabelSelectorOperator? Unary) ParseKeyAndInferOperator()
    {
        LabelSelectorOperator? op = null;
        var token = Next(valuesContext: true);
        if (token.Kind == LabelSelectorTokenKind.DoesNotExist)
        {
            op = LabelSelectorOperator.DoesNotExist;
            token = Next(valuesContext: true);
        }

        if (token.Kind != LabelSelectorTokenKind.Identifier)
        {
            throw Error($"found '{token.Literal}', expected: identifier");
        }

        LabelRequirement.ValidateKey(token.Literal);
        if (Peek(valuesContext: true).Kind is LabelSelectorTokenKind.EndOfString or LabelSelectorTokenKind.Comma)
        {
            op ??= LabelSelectorOperator.Exists;
        }

        // "!k" followed by anything else still ends the requirement here; the caller then
        // rejects the leftover token, exactly as Kubernetes does.
        return (token.Literal, op);
    }

    private LabelSelectorOperator ParseOperator()
    {
        var token = Next(valuesContext: false);
        return token.Kind switch
        {
            LabelSelectorTokenKind.In => LabelSelectorOperator.In,
            LabelSelectorTokenKind.Equals => LabelSelectorOperator.Equals,
            LabelSelectorTokenKind.DoubleEquals => LabelSelectorOperator.DoubleEquals,
            LabelSelectorTokenKind.GreaterThan => LabelSelectorOperator.GreaterThan,
            LabelSelectorTokenKind.LessThan => LabelSelectorOperator.LessThan,
            LabelSelectorTokenKind.NotIn => LabelSelectorOperator.NotIn,
            LabelSelectorTokenKind.NotEquals => LabelSelectorOperator.NotEquals,
            _ => throw Error($"found '{token.Literal}', expected: {BinaryOperators}"),
        };
    }

    private SortedSet<string> ParseValueSet()
    {
        var open = Next(valuesContext: true);
        if (open.Kind != LabelSelectorTokenKind.OpenParenthesis)
        {
            throw Error($"found '{open.Literal}' expected: '('");
        }

        var token = Peek(valuesContext: true);
        switch (token.Kind)
        {
            case LabelSelectorTokenKind.Identifier or LabelSelectorTokenKind.Comma:
                var values = ParseIdentifierList();
                Next(valuesContext: true); // the ')' ParseIdentifierList stopped at
                return values;
            case LabelSelectorTokenKind.ClosedParenthesis:
                // "()" is the set holding the empty string.
                Next(valuesContext: true);
                return NewSet("");
            default:
                throw Error($"found '{token.Literal}', expected: ',', ')' or identifier");
        }
    }

    // Empty entries are empty-string values: "(a,,b)", "(,a)" and "(a,)" all contain "".
    private SortedSet<string> ParseIdentifierList()
    {
        var values = NewSet();
        while (true)
        {
            var token = Next(valuesContext: true);
            switch (token.Kind)
            {
                case LabelSelectorTokenKind.Identifier:
                    values.Add(token.Literal);
                    var next = Peek(valuesContext: true);
                    if (next.Kind == LabelSelectorTokenKind.ClosedParenthesis)
                    {
                        return values;
                    }

                    if (next.Kind != LabelSelectorTokenKind.Comma)
                    {
                        throw Error($"found '{next.Literal}', expected: ',' or ')'");
                    }

                    break;
                case LabelSelectorTokenKind.Comma:
                    if (values.Count == 0)
                    {
                        values.Add("");
                    }

                    var following = Peek(valuesContext: true);
                    if (following.Kind == LabelSelectorTokenKind.ClosedParenthesis)
                    {
                        values.Add("");
                        return values;
                    }

                    if (following.Kind == LabelSelectorTokenKind.Comma)
                    {
                        Next(valuesContext: true);
                        values.Add("");
                    }

                    break;
                default:
                    throw Error($"found '{token.Literal}', expected: ',', or identifier");
            }
        }
    }

    private SortedSet<string> ParseExactValue()
    {
        // "k=" and "k=," select the empty value.
        if (Peek(valuesContext: true).Kind is LabelSelectorTokenKind.EndOfString or LabelSelectorTokenKind.Comma)
        {
            return NewSet("");
        }

        var token = Next(valuesContext: true);
        if (token.Kind != LabelSelectorTokenKind.Identifier)
        {
            throw Error($"found '{token.Literal}', expected: identifier");
        }

        return NewSet(token.Literal);
    }

    // Where a value is expected, "in" and "notin" are ordinary identifiers.
    private LabelSelectorToken Peek(bool valuesContext) => AsContext(_tokens[_position], valuesContext);

    private LabelSelectorToken Next(bool valuesContext)
    {
        var token = _tokens[_position];
        if (_position < _tokens.Count - 1)
        {
            _position++;
        }

        return AsContext(token, valuesContext);
    }

    private static LabelSelectorToken AsContext(LabelSelectorToken token, bool valuesContext) =>
        valuesContext && token.Kind is LabelSelectorTokenKind.In or LabelSelectorTokenKind.NotIn
            ? token with { Kind = LabelSelectorTokenKind.Identifier }
            : token;

    private static SortedSet<string> NewSet(params string[] values) => new(values, StringComparer.Ordinal);

    private static SelectorParseException Error(string message) => new(message);
}
