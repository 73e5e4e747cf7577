namespace ApiBuilder.Runtime.Errors;

/// <summary>
/// An API error that is answered with a <see cref="Errors.Status"/> body and its HTTP code.
/// Throw it from admission hooks and storage to reject a request.
/// </summary>
public sealed class StatusException(Status status) : Exception(status.Message)
{
    /// <summary>The Status written to the client.</summary>
    public Status Status { get; } = status;

    /// <summary>HTTP code of the Status.</summary>
    public int Code => Status.Code;

    /// <summary>Reason of the Status.</summary>
    public string? Reason => Status.Reason;
}
