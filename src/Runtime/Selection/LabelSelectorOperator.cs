namespace ApiBuilder.Runtime.Selection;

/// <summary>The operators of a label requirement (k8s.io/apimachinery/pkg/selection).</summary>
internal enum LabelSelectorOperator
{
    /// <summary><c>k=v</c></summary>
    Equals,

    /// <summary><c>k==v</c>, same meaning as <see cref="Equals"/> but kept for the canonical string.</summary>
    DoubleEquals,

    /// <summary><c>k!=v</c>; also matches when the label is absent.</summary>
    NotEquals,

    /// <summary><c>k in (a,b)</c></summary>
    In,

    /// <summary><c>k notin (a,b)</c>; also matches when the label is absent.</summary>
    NotIn,

    /// <summary><c>k</c></summary>
    Exists,

    /// <summary><c>!k</c></summary>
    DoesNotExist,

    /// <summary><c>k&gt;5</c>; both sides compared as 64-bit integers.</summary>
    GreaterThan,

    /// <summary><c>k&lt;5</c>; both sides compared as 64-bit integers.</summary>
    LessThan,
}
