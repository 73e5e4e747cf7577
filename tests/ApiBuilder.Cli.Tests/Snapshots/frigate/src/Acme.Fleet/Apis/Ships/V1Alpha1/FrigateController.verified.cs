using ApiBuilder.Runtime.Objects;

namespace Acme.Fleet.Apis.Ships.V1Alpha1;

/// <summary>
/// Your part of the Frigate controller; the source generator writes the other part, which makes
/// it an <c>IReconciler&lt;Frigate&gt;</c> and lists it in <c>GeneratedResources.Controllers</c>.
/// <c>AddGeneratedResources()</c> in Program.cs runs it in the server's process, or, started as
/// <c>controller-manager</c> (<c>apiserver-boot build config --controller-manager</c>), in a process of its own:
/// <see cref="ReconcileAsync"/> gets the newest state of each changed Frigate, one at a time per object.
/// Implement <c>ApiBuilder.Runtime.Controllers.IControllerSetup</c> to get a client of the server, record events
/// and watch other objects.
/// </summary>
public partial class FrigateController
{
    /// <summary>Brings the world in line with the Frigate's spec and records what it saw in its status.</summary>
    /// <param name="obj">The Frigate as stored.</param>
    /// <param name="cancellationToken">Cancels the reconciliation.</param>
    /// <returns>Done, or when to reconcile again; an exception retries with backoff.</returns>
    public Task<ReconcileResult> ReconcileAsync(Frigate obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);

        // Compare obj.Spec with the world, act, then record the outcome in obj.Status.
        return Task.FromResult(ReconcileResult.Done);
    }
}
