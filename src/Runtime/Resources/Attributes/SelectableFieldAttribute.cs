namespace ApiBuilder.Runtime.Resources;

/// <summary>
/// Makes a field of the Kind usable in field selectors (<c>kubectl get --field-selector spec.color=red</c>,
/// list and watch), as a CRD's <c>selectableFields</c> do: a JSON path such as <c>.spec.color</c> to a
/// string, integer or boolean field. <c>metadata.name</c> and <c>metadata.namespace</c> are always selectable.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SelectableFieldAttribute : Attribute
{
    /// <summary>Makes <paramref name="jsonPath"/> selectable.</summary>
    /// <param name="jsonPath">The field's path, e.g. <c>.spec.referenceType</c>.</param>
    public SelectableFieldAttribute(string jsonPath) => JsonPath = jsonPath;

    /// <summary>The field's path, e.g. <c>.spec.referenceType</c>.</summary>
    public string JsonPath { get; }
}
