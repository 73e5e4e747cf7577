namespace ApiBuilder.Runtime.Errors;

/// <summary>A <c>metav1.Status</c>: the body of every error response.</summary>
public sealed record Status
{
    /// <summary><c>Success</c> or <c>Failure</c>.</summary>
    public string StatusValue { get; init; } = "Failure";

    /// <summary>Human-readable description.</summary>
    public string? Message { get; init; }

    /// <summary>Machine-readable reason, e.g. <c>NotFound</c>; empty for success.</summary>
    public string? Reason { get; init; }

    /// <summary>Extended data about the error.</summary>
    public StatusDetails? Details { get; init; }

    /// <summary>HTTP status code.</summary>
    public int Code { get; init; }
}

/// <summary><c>metav1.StatusDetails</c>.</summary>
public sealed record StatusDetails
{
    /// <summary>Name of the object concerned.</summary>
    public string? Name { get; init; }

    /// <summary>API group of the object.</summary>
    public string? Group { get; init; }

    /// <summary>The resource (for NotFound, Conflict, ...) or Kind (for Invalid).</summary>
    public string? Kind { get; init; }

    /// <summary>UID of the object concerned.</summary>
    public string? Uid { get; init; }

    /// <summary>Field-level causes.</summary>
    public IReadOnlyList<StatusCause> Causes { get; init; } = [];

    /// <summary>Seconds the client should wait before retrying, when set.</summary>
    public int? RetryAfterSeconds { get; init; }
}

/// <summary><c>metav1.StatusCause</c>.</summary>
/// <param name="Reason">Cause type, e.g. <c>FieldValueInvalid</c>.</param>
/// <param name="Message">Human-readable message.</param>
/// <param name="Field">Field path, e.g. <c>spec.reference</c>.</param>
public sealed record StatusCause(string Reason, string Message, string? Field = null);
