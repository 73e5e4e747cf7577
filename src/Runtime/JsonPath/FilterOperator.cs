namespace ApiBuilder.Runtime.JsonPath;

/// <summary>The comparisons a filter <c>[?(@.x OP y)]</c> supports, plus the bare existence test <c>[?(@.x)]</c>.</summary>
internal enum FilterOperator
{
    Exists,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
