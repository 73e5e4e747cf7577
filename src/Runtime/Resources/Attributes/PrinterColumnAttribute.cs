namespace ApiBuilder.Runtime.Resources;

/// <summary>
/// An extra column of <c>kubectl get</c> output, as a CRD's <c>additionalPrinterColumns</c>.
/// Place several on a Kind; they appear in declaration order between Name and Age.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PrinterColumnAttribute : Attribute
{
    /// <summary>Declares a column.</summary>
    /// <param name="name">Column header, e.g. <c>Phase</c>.</param>
    /// <param name="jsonPath">Simple JSONPath evaluated against each object, e.g. <c>.status.phase</c>.</param>
    public PrinterColumnAttribute(string name, string jsonPath)
    {
        Name = name;
        JsonPath = jsonPath;
    }

    /// <summary>Column header.</summary>
    public string Name { get; }

    /// <summary>Simple JSONPath such as <c>.spec.reference</c>.</summary>
    public string JsonPath { get; }

    /// <summary>OpenAPI type of the cell: <c>string</c> (default), <c>integer</c>, <c>number</c>, <c>boolean</c> or <c>date</c>.</summary>
    public string Type { get; set; } = "string";

    /// <summary>Optional OpenAPI format, e.g. <c>int32</c>.</summary>
    public string? Format { get; set; }

    /// <summary>0 shows the column by default; greater values only with <c>-o wide</c>.</summary>
    public int Priority { get; set; }

    /// <summary>Human-readable description of the column.</summary>
    public string? Description { get; set; }
}
