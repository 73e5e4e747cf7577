namespace ApiBuilder.Runtime.Objects;

/// <summary>What a reconciliation asks for next, as controller-runtime's <c>reconcile.Result</c>.</summary>
/// <param name="Requeue">Reconcile the object again soon, with the queue's exponential backoff.</param>
/// <param name="RequeueAfter">Reconcile the object again after this time (wins over <paramref name="Requeue"/>); zero for not.</param>
public readonly record struct ReconcileResult(bool Requeue = false, TimeSpan RequeueAfter = default)
{
    /// <summary>Done: reconcile again only when the object (or something it depends on) changes.</summary>
    public static ReconcileResult Done => default;

    /// <summary>Reconcile again soon, backing off exponentially while this keeps being asked.</summary>
    public static ReconcileResult RequeueSoon => new(Requeue: true);

    /// <summary>Reconcile again after <paramref name="delay"/>, e.g. to poll an external system.</summary>
    /// <param name="delay">How long to wait.</param>
    /// <returns>The result.</returns>
    public static ReconcileResult After(TimeSpan delay) => new(RequeueAfter: delay);
}
