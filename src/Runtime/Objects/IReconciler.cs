namespace ApiBuilder.Runtime.Objects;

/// <summary>
/// A controller for one Kind: brings the world in line with an object's spec and records what it
/// observed in its status. The source generator emits a <c>&lt;Kind&gt;Controller</c> partial class
/// implementing this interface; write <c>ReconcileAsync</c> in your own part of that class, and run it
/// with <see cref="Server.ApiServerBuilder.AddControllers"/> (in the server's process) or
/// <see cref="Controllers.ControllerManager"/> (in a process of its own). It is called with the newest
/// state of an object, never for two states of one object at once; an exception or
/// <see cref="ReconcileResult.RequeueSoon"/> retries it with exponential backoff.
/// </summary>
/// <typeparam name="TKind">The Kind reconciled.</typeparam>
public interface IReconciler<in TKind>
    where TKind : KubernetesObject
{
    /// <summary>Reconciles one object; by default does nothing until the controller implements it.</summary>
    Task<ReconcileResult> ReconcileAsync(TKind obj, CancellationToken cancellationToken) => Task.FromResult(ReconcileResult.Done);
}
