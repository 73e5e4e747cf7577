namespace Acme.Fleet.Apis.Ships.V1Alpha1;

/// <summary>
/// Your part of the Frigate controller; the source generator writes the other part, which makes
/// it an <c>IReconciler&lt;Frigate&gt;</c> and lists it in <c>GeneratedResources.Controllers</c>.
/// ApiBuilder does not run controllers yet: the controller runtime is still to come, and it will
/// call <see cref="ReconcileAsync"/> as it is written here.
/// </summary>
public partial class FrigateController
{
    /// <summary>Brings the world in line with the Frigate's spec and records what it saw in its status.</summary>
    /// <param name="obj">The Frigate as stored.</param>
    /// <param name="cancellationToken">Cancels the reconciliation.</param>
    /// <returns>A task that completes when the Frigate is reconciled.</returns>
    public Task ReconcileAsync(Frigate obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);

        // Compare obj.Spec with the world, act, then record the outcome in obj.Status.
        return Task.CompletedTask;
    }
}
