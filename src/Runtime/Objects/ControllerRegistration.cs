using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Objects;

/// <summary>
/// A controller class and the resource it reconciles, as listed by the generated
/// <c>GeneratedResources.Controllers</c>. <see cref="Server.ApiServerBuilder.AddControllers"/> runs the
/// ones whose class implements <c>ReconcileAsync</c> (<see cref="IsImplemented"/>).
/// </summary>
public sealed class ControllerRegistration
{
    private readonly Func<object, JsonObject, CancellationToken, Task> reconcile;
    private readonly Func<HttpClient, Controllers.ControllerOptions, Microsoft.Extensions.Logging.ILogger, Controllers.IRunnableController> create;

    private ControllerRegistration(ResourceDefinition resource, Type controllerType, Func<object, JsonObject, CancellationToken, Task> reconcile,
        Func<HttpClient, Controllers.ControllerOptions, Microsoft.Extensions.Logging.ILogger, Controllers.IRunnableController> create, bool implemented)
    {
        this.create = create;
        IsImplemented = implemented;
        Resource = resource;
        ControllerType = controllerType;
        this.reconcile = reconcile;
    }

    /// <summary>The resource reconciled.</summary>
    public ResourceDefinition Resource { get; }

    /// <summary>The controller class, an <see cref="IReconciler{TKind}"/>.</summary>
    public Type ControllerType { get; }

    /// <summary>Whether the class implements <c>ReconcileAsync</c> itself (else it is the generated stub that does nothing).</summary>
    public bool IsImplemented { get; }

    /// <summary>A running controller of this class, reading and writing through <paramref name="http"/>.</summary>
    /// <param name="http">A client of the server, with its base address and credentials.</param>
    /// <param name="options">Concurrency, resync and backoff.</param>
    /// <param name="logger">Where failures are logged.</param>
    /// <returns>The controller, to run.</returns>
    public Controllers.IRunnableController CreateController(HttpClient http, Controllers.ControllerOptions options, Microsoft.Extensions.Logging.ILogger logger) =>
        create(http, options, logger);

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
        var implemented = typeof(TController).GetMethod(
            nameof(IReconciler<TKind>.ReconcileAsync), System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance, [typeof(TKind), typeof(CancellationToken)]) is not null;
        return new ControllerRegistration(TKind.Definition, typeof(TController),
            (controller, json, cancellationToken) => ((TController)controller).ReconcileAsync(KindJson.FromJsonObject<TKind>(json), cancellationToken),
            (http, options, logger) => new Controllers.Controller<TKind>(
                new Client.ResourceClient<TKind>(http), (TController)(Activator.CreateInstance(typeof(TController))
                    ?? throw new InvalidOperationException($"{typeof(TController).Name} needs a public parameterless constructor to be run by AddControllers.")),
                options, logger),
            implemented);
    }
}
