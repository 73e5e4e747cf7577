namespace ApiBuilder.Runtime.Registry;

/// <summary>How unknown and duplicate fields in a request body are treated (<c>fieldValidation</c>).</summary>
internal enum FieldValidation
{
    Ignore,
    Warn,
    Strict,
}

/// <summary>
/// Per-request facts a write needs: who asks, dry run, field validation, and where warnings go. A copy
/// made with <c>with</c> shares the request's <see cref="Warnings"/>.
/// </summary>
internal sealed record WriteContext
{
    public required string UserName { get; init; }

    public IReadOnlyList<string> UserGroups { get; init; } = [];

    public bool DryRun { get; init; }

    /// <summary>The manager the write's fields are recorded for: <c>fieldManager</c>, else derived from the User-Agent.</summary>
    public string FieldManager { get; init; } = "";

    /// <summary>Set by an apply to a missing object, which creates it (answered 201).</summary>
    public bool Created { get; set; }

    /// <summary>The object's managedFields are already computed (an apply that creates): a create records nothing more.</summary>
    public bool ManagedFieldsPrepared { get; init; }

    public FieldValidation FieldValidation { get; init; } = FieldValidation.Warn;

    /// <summary>Duplicate fields found while parsing the body (paths).</summary>
    public IReadOnlyList<string> DuplicateFields { get; init; } = [];

    /// <summary>Warnings for the client, sent as <c>Warning: 299</c> headers.</summary>
    public List<string> Warnings { get; } = [];
}
