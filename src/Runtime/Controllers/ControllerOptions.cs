namespace ApiBuilder.Runtime.Controllers;

/// <summary>How a controller runs.</summary>
public sealed record ControllerOptions
{
    /// <summary>How many objects are reconciled at once (never two states of one object). Default 1.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>How often every object is reconciled again even without a change; zero for never. Default 10 hours, as controller-runtime.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromHours(10);

    /// <summary>
    /// How often a Kind that cannot be watched (served from a typed storage without watch) is listed again to find
    /// changes. Default 10 s.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The first retry delay after a failure; doubled on each further failure. Default 5 ms.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest retry delay. Default 1000 s, as client-go.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(1000);

    /// <summary>
    /// Where the controller's events go (<see cref="ControllerContext.Events"/>, and a Warning <c>ReconcileError</c>
    /// for each failed reconciliation). Null: events are only logged. The server and the controller-manager set
    /// the cluster's kube-apiserver here when they are connected to one.
    /// </summary>
    public Events.IEventRecorder? Events { get; init; }

    /// <summary>The clock; the system's by default.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
