using System.Globalization;
using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.Objects;

/// <summary>
/// One validation failure on a field, as Kubernetes' <c>field.Error</c>: a type, a field path
/// such as <c>spec.reference</c> and a message in Kubernetes' wording
/// (<c>Required value: ...</c>, <c>Invalid value: "x": ...</c>).
/// </summary>
public sealed record FieldError
{
    private FieldError(FieldErrorType type, string field, string message)
    {
        Type = type;
        Field = field;
        Message = message;
    }

    /// <summary>What is wrong.</summary>
    public FieldErrorType Type { get; }

    /// <summary>Field path, e.g. <c>spec.reference</c> or <c>spec.items[2].name</c>.</summary>
    public string Field { get; }

    /// <summary>The message, without the field path.</summary>
    public string Message { get; }

    /// <summary><c>Required value</c>, optionally followed by <paramref name="detail"/>.</summary>
    public static FieldError Required(string field, string detail = "") =>
        new(FieldErrorType.Required, field, Join("Required value", detail));

    /// <summary><c>Invalid value: &lt;value&gt;: detail</c>.</summary>
    public static FieldError Invalid(string field, object? value, string detail) =>
        new(FieldErrorType.Invalid, field, Join("Invalid value: " + FormatValue(value), detail));

    /// <summary><c>Unsupported value: &lt;value&gt;: supported values: "a", "b"</c>.</summary>
    public static FieldError NotSupported(string field, object? value, IEnumerable<string> supported) =>
        new(FieldErrorType.NotSupported, field,
            "Unsupported value: " + FormatValue(value) + ": supported values: " + string.Join(", ", supported.Select(s => FormatValue(s))));

    /// <summary><c>Forbidden</c>, optionally followed by <paramref name="detail"/>.</summary>
    public static FieldError Forbidden(string field, string detail = "") =>
        new(FieldErrorType.Forbidden, field, Join("Forbidden", detail));

    /// <summary><c>Duplicate value: &lt;value&gt;</c>.</summary>
    public static FieldError Duplicate(string field, object? value) =>
        new(FieldErrorType.Duplicate, field, "Duplicate value: " + FormatValue(value));

    /// <summary>The Status cause this error becomes in a 422 response.</summary>
    public StatusCause ToStatusCause() => new(Reason(Type), Message, Field);

    private static string Reason(FieldErrorType type) => type switch
    {
        FieldErrorType.Required => "FieldValueRequired",
        FieldErrorType.NotSupported => "FieldValueNotSupported",
        FieldErrorType.Forbidden => "FieldValueForbidden",
        FieldErrorType.Duplicate => "FieldValueDuplicate",
        _ => "FieldValueInvalid",
    };

    private static string Join(string head, string detail) => detail.Length == 0 ? head : head + ": " + detail;

    private static string FormatValue(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
