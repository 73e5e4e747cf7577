namespace ApiBuilder.Runtime.Audit;

/// <summary>When in a request's life an audit event is written, as audit.k8s.io/v1's <c>Stage</c>.</summary>
internal enum AuditStage
{
    /// <summary>As soon as the request is received (authenticated and authorized), before it is served.</summary>
    RequestReceived,

    /// <summary>When the response headers of a long-running request (a watch) are sent.</summary>
    ResponseStarted,

    /// <summary>When the response is complete.</summary>
    ResponseComplete,

    /// <summary>When serving the request failed unexpectedly.</summary>
    Panic,
}
