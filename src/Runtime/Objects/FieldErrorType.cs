namespace ApiBuilder.Runtime.Objects;

/// <summary>The kinds of field error Kubernetes reports (<c>field.ErrorType</c>).</summary>
public enum FieldErrorType
{
    /// <summary><c>FieldValueRequired</c>: a required value is missing.</summary>
    Required,

    /// <summary><c>FieldValueInvalid</c>: the value is malformed or out of range.</summary>
    Invalid,

    /// <summary><c>FieldValueNotSupported</c>: the value is not one of the supported values.</summary>
    NotSupported,

    /// <summary><c>FieldValueForbidden</c>: the field may not be set (in this situation).</summary>
    Forbidden,

    /// <summary><c>FieldValueDuplicate</c>: the value must be unique.</summary>
    Duplicate,
}
