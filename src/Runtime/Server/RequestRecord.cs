using System.Diagnostics;
using ApiBuilder.Runtime.Audit;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Authorization;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Metrics;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Requests;

namespace ApiBuilder.Runtime.Server;

/// <summary>What the dispatcher learns about one request, for its metrics, audit event and trace (<see cref="RequestObserver"/>).</summary>
internal sealed class RequestRecord
{
    public required long Start { get; init; }

    public required string AuditId { get; init; }

    public required RequestMetrics.Inflight Inflight { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public Activity? Activity { get; init; }

    /// <summary>A health check: served before authentication, so it is measured but not audited.</summary>
    public bool Health { get; set; }

    public UserInfo? User { get; set; }

    public RequestInfo? Info { get; set; }

    /// <summary>The resource the request was routed to, once known.</summary>
    public ServedResource? Served { get; set; }

    public AuthorizationDecision? Decision { get; set; }

    /// <summary>The Status written for a failed request.</summary>
    public Status? Failure { get; set; }

    internal bool InflightExited { get; set; }

    internal bool Recorded { get; set; }

    internal RequestLabels? Labels { get; set; }

    internal WatchScope? Watch { get; set; }

    internal bool AuditResolved { get; set; }

    internal AuditEvent? Audit { get; set; }
}
