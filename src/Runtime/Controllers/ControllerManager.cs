using ApiBuilder.Runtime.Client;
using ApiBuilder.Runtime.Objects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiBuilder.Runtime.Controllers;

/// <summary>
/// Runs controllers against an API server through one client, as a controller-manager process does: give it
/// a client of the server (for example through kube-apiserver, with a kubeconfig's credentials), add the
/// controllers, and run until stopped. The server runs its own in-process controllers with one of these too.
/// </summary>
/// <param name="client">A client of the server, with its base address and credentials.</param>
/// <param name="logger">Where the controllers log.</param>
/// <param name="events">Where the controllers' events go unless their options say otherwise; null: logged only.</param>
public sealed class ControllerManager(HttpClient client, ILogger? logger = null, Events.IEventRecorder? events = null)
{
    private readonly ILogger logger = logger ?? NullLogger.Instance;
    private readonly List<IRunnableController> controllers = [];
    private readonly HashSet<Type> types = [];

    /// <summary>The controllers added so far.</summary>
    public IReadOnlyList<IRunnableController> Controllers => controllers;

    /// <summary>Adds the controllers among <paramref name="registrations"/> whose class implements <c>ReconcileAsync</c>, each class once.</summary>
    /// <param name="registrations">Typically the generated <c>GeneratedResources.Controllers</c>.</param>
    /// <param name="options">Concurrency, resync and backoff.</param>
    /// <returns>This manager.</returns>
    public ControllerManager Add(IEnumerable<ControllerRegistration> registrations, ControllerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        foreach (var registration in registrations.Where(r => r.IsImplemented && types.Add(r.ControllerType)))
        {
            controllers.Add(registration.CreateController(client, WithEvents(options), logger));
        }

        return this;
    }

    /// <summary>Adds a controller of <typeparamref name="TKind"/>.</summary>
    /// <typeparam name="TKind">The Kind reconciled.</typeparam>
    /// <param name="reconciler">The reconciler.</param>
    /// <param name="options">Concurrency, resync and backoff.</param>
    /// <returns>This manager.</returns>
    public ControllerManager Add<TKind>(IReconciler<TKind> reconciler, ControllerOptions? options = null)
        where TKind : KubernetesObject, IKind<TKind>
    {
        ArgumentNullException.ThrowIfNull(reconciler);
        controllers.Add(new Controller<TKind>(new ResourceClient<TKind>(client), reconciler, WithEvents(options), logger));
        return this;
    }

    private ControllerOptions WithEvents(ControllerOptions? options) =>
        (options ?? new ControllerOptions()) is var o && o.Events is null && events is not null ? o with { Events = events } : o;

    /// <summary>Keeps only the controllers whose name <paramref name="enabled"/> accepts (the server's <c>--controllers</c>).</summary>
    internal void Keep(Func<string, bool> enabled) => controllers.RemoveAll(c => !enabled(c.Name));

    /// <summary>Runs every controller until <paramref name="stopping"/>; a controller that fails is logged and the others go on.</summary>
    /// <param name="stopping">Ends the controllers.</param>
    /// <returns>A task that completes when every controller has stopped.</returns>
    public Task RunAsync(CancellationToken stopping) => Task.WhenAll(controllers.Select(controller => Task.Run(async () =>
    {
        logger.LogInformation("Running controller {Controller}", controller.Name);
        try
        {
            await controller.RunAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Controller {Controller} stopped", controller.Name);
        }
    }, CancellationToken.None)));
}
