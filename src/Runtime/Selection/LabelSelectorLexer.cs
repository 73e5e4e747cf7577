namespace ApiBuilder.Runtime.Selection;

/// <summary>
/// Splits a label selector into tokens the way Kubernetes' lexer does: whitespace separates,
/// <c>= ! ( ) , &gt; &lt;</c> are operators (<c>!=</c> and <c>==</c> as one token), and everything
/// else up to the next operator or whitespace is an identifier, or the keyword <c>in</c>/<c>notin</c>.
/// </summary>
internal static class LabelSelectorLexer
{
    public static List<LabelSelectorToken> Scan(string selector)
    {
        var tokens = new List<LabelSelectorToken>();
        var position = 0;
        while (true)
        {
            while (position < selector.Length && IsWhitespace(selector[position]))
            {
                position++;
            }

            if (position == selector.Length)
            {
                tokens.Add(new LabelSelectorToken(LabelSelectorTokenKind.EndOfString, ""));
                return tokens;
            }

            tokens.Add(IsOperatorCharacter(selector[position])
                ? ScanOperator(selector, ref position)
                : ScanIdentifierOrKeyword(selector, ref position));
        }
    }

    private static LabelSelectorToken ScanOperator(string selector, ref int position)
    {
        var first = selector[position];
        var second = position + 1 < selector.Length ? selector[position + 1] : '\0';
        if (second == '=' && (first is '!' or '='))
        {
            position += 2;
            return first == '!'
                ? new LabelSelectorToken(LabelSelectorTokenKind.NotEquals, "!=")
                : new LabelSelectorToken(LabelSelectorTokenKind.DoubleEquals, "==");
        }

        position++;
        var kind = first switch
        {
            '=' => LabelSelectorTokenKind.Equals,
            '!' => LabelSelectorTokenKind.DoesNotExist,
            '(' => LabelSelectorTokenKind.OpenParenthesis,
            ')' => LabelSelectorTokenKind.ClosedParenthesis,
            ',' => LabelSelectorTokenKind.Comma,
            '>' => LabelSelectorTokenKind.GreaterThan,
            _ => LabelSelectorTokenKind.LessThan,
        };
        return new LabelSelectorToken(kind, first.ToString());
    }

    private static LabelSelectorToken ScanIdentifierOrKeyword(string selector, ref int position)
    {
        var start = position;
        while (position < selector.Length && !IsOperatorCharacter(selector[position]) && !IsWhitespace(selector[position]))
        {
            position++;
        }

        var literal = selector[start..position];
        var kind = literal switch
        {
            "in" => LabelSelectorTokenKind.In,
            "notin" => LabelSelectorTokenKind.NotIn,
            _ => LabelSelectorTokenKind.Identifier,
        };
        return new LabelSelectorToken(kind, literal);
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsOperatorCharacter(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
