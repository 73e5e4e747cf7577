namespace ApiBuilder.Runtime.Audit;

/// <summary>How much of a request an audit event records, as audit.k8s.io/v1's <c>Level</c>.</summary>
internal enum AuditLevel
{
    /// <summary>No event.</summary>
    None,

    /// <summary>Who, what and the outcome: user, verb, object reference, response status.</summary>
    Metadata,

    /// <summary>Metadata and the request body.</summary>
    Request,

    /// <summary>Metadata, the request body and the response body.</summary>
    RequestResponse,
}
