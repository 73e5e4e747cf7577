namespace ApiBuilder.Runtime.Selection;

/// <summary>The token kinds of the label selector grammar (k8s.io/apimachinery/pkg/labels).</summary>
internal enum LabelSelectorTokenKind
{
    EndOfString,
    ClosedParenthesis,
    Comma,
    DoesNotExist,
    DoubleEquals,
    Equals,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenParenthesis,
}

/// <summary>A scanned token and the text it came from (empty at the end of the string).</summary>
internal readonly record struct LabelSelectorToken(LabelSelectorTokenKind Kind, string Literal);
