namespace ApiBuilder.Runtime.Selection;

/// <summary>Field selectors only compare for (in)equality; <c>=</c> and <c>==</c> are the same.</summary>
internal enum FieldSelectorOperator
{
    Equals,
    NotEquals,
}
