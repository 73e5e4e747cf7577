namespace ApiBuilder.Runtime.Registry;

/// <summary>How unknown and duplicate fields in a request body are treated (<c>fieldValidation</c>).</summary>
internal enum FieldValidation
{
    Ignore,
    Warn,
    Strict,
}

/// <summary>Per-request facts a write needs: who asks, dry run, field validation, and where warnings go.</summary>
internal sealed class WriteContext
{
    public required string UserName { get; init; }

    public IReadOnlyList<string> UserGroups { get; init; } = [];

    public bool DryRun { get; init; }

    public string FieldManager { get; init; } = "";

    public FieldValidation FieldValidation { get; init; } = FieldValidation.Warn;

    /// <summary>Duplicate fields found while parsing the body (paths).</summary>
    public IReadOnlyList<string> DuplicateFields { get; init; } = [];

    /// <summary>Warnings for the client, sent as <c>Warning: 299</c> headers.</summary>
    public List<string> Warnings { get; } = [];
}
