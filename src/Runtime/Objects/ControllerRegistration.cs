using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Objects;

/// <summary>
/// A controller and the resource it reconciles, as listed by the generated
/// <c>GeneratedResources.Controllers</c>. Nothing runs these yet: they are recorded so that a
/// controller runtime can start them later without changes to user code.
/// </summary>
public sealed class ControllerRegistration
{
    private ControllerRegistration(ResourceDefinition resource, Type controllerType, Func<JsonObject, CancellationToken, Task> reconcile)
    {
        Resource = resource;
        ControllerType = controllerType;
        Reconcile = reconcile;
    }

    /// <summary>The resource reconciled.</summary>
    public ResourceDefinition Resource { get; }

    /// <summary>The controller class.</summary>
    public Type ControllerType { get; }

    /// <summary>Converts a stored object to the Kind and calls the controller.</summary>
    public Func<JsonObject, CancellationToken, Task> Reconcile { get; }

    /// <summary>Registers <typeparamref name="TController"/> for <typeparamref name="TKind"/>, created by <paramref name="create"/>.</summary>
    public static ControllerRegistration Create<TKind, TController>(Func<TController> create)
        where TKind : KubernetesObject, IKind<TKind>
        where TController : IReconciler<TKind>
    {
        ArgumentNullException.ThrowIfNull(create);
        return new ControllerRegistration(TKind.Definition, typeof(TController),
            (json, cancellationToken) => create().ReconcileAsync(KindJson.FromJsonObject<TKind>(json), cancellationToken));
    }
}
