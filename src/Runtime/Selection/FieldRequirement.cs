namespace ApiBuilder.Runtime.Selection;

/// <summary>One term of a field selector, with its value unescaped.</summary>
internal sealed record FieldRequirement(string Field, FieldSelectorOperator Operator, string Value)
{
    /// <summary>Whether an object whose field has <paramref name="actual"/> (null when absent) passes.</summary>
    public bool Matches(string? actual) =>
        // An absent field compares as "", like Kubernetes' fields.Set.Get.
        string.Equals(actual ?? "", Value, StringComparison.Ordinal) == (Operator == FieldSelectorOperator.Equals);

    /// <summary>The term as a selector string, with its value escaped again.</summary>
    public override string ToString() =>
        $"{Field}{(Operator == FieldSelectorOperator.Equals ? "=" : "!=")}{FieldSelector.EscapeValue(Value)}";
}
