namespace ApiBuilder.Runtime.Objects;

/// <summary>
/// A controller for one Kind: brings the world in line with an object's spec and records what it
/// observed in its status. The source generator emits a <c>&lt;Kind&gt;Controller</c> partial class
/// implementing this interface; write <c>ReconcileAsync</c> in your own part of that class.
/// Not yet invoked: ApiBuilder has no controller runtime yet (see <see cref="ControllerRegistration"/>).
/// </summary>
/// <typeparam name="TKind">The Kind reconciled.</typeparam>
public interface IReconciler<in TKind>
    where TKind : KubernetesObject
{
    /// <summary>Reconciles one object; by default does nothing until the controller implements it.</summary>
    Task ReconcileAsync(TKind obj, CancellationToken cancellationToken) => Task.CompletedTask;
}
