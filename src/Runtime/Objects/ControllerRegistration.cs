using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Objects;

/// <summary>
/// A controller class and the resource it reconciles, as listed by the generated
/// <c>GeneratedResources.Controllers</c>. Nothing runs these yet: they are recorded so that a
/// controller runtime can create the controllers (e.g. through dependency injection) and call
/// <see cref="ReconcileAsync"/> later, without changes to user code.
/// </summary>
public sealed class ControllerRegistration
{
    private readonly Func<object, JsonObject, CancellationToken, Task> reconcile;

    private ControllerRegistration(ResourceDefinition resource, Type controllerType, Func<object, JsonObject, CancellationToken, Task> reconcile)
    {
        Resource = resource;
        ControllerType = controllerType;
        this.reconcile = reconcile;
    }

    /// <summary>The resource reconciled.</summary>
    public ResourceDefinition Resource { get; }

    /// <summary>The controller class, an <see cref="IReconciler{TKind}"/>.</summary>
    public Type ControllerType { get; }

    /// <summary>Converts a stored object to the Kind and calls <paramref name="controller"/>'s <c>ReconcileAsync</c>.</summary>
    /// <param name="controller">An instance of <see cref="ControllerType"/>.</param>
    /// <param name="obj">The object as stored.</param>
    /// <param name="cancellationToken">Cancels the reconciliation.</param>
    public Task ReconcileAsync(object controller, JsonObject obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(obj);
        return reconcile(controller, obj, cancellationToken);
    }

    /// <summary>Registers <typeparamref name="TController"/> as the controller of <typeparamref name="TKind"/>.</summary>
    public static ControllerRegistration Create<TKind, TController>()
        where TKind : KubernetesObject, IKind<TKind>
        where TController : IReconciler<TKind>
    {
        return new ControllerRegistration(TKind.Definition, typeof(TController),
            (controller, json, cancellationToken) => ((TController)controller).ReconcileAsync(KindJson.FromJsonObject<TKind>(json), cancellationToken));
    }
}
