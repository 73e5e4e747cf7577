using ApiBuilder.Runtime.Client;
using ApiBuilder.Runtime.Objects;

namespace ApiBuilder.Runtime.Controllers;

/// <summary>
/// Implemented by a reconciler that needs the server's client or reacts to other objects: the controller
/// calls <see cref="Setup"/> once, before it runs.
/// </summary>
public interface IControllerSetup
{
    /// <summary>Takes the client and declares what else to watch.</summary>
    /// <param name="context">The controller's client and watches.</param>
    void Setup(ControllerContext context);
}

/// <summary>What a controller gives its reconciler: a client of the server, and watches of other objects.</summary>
public sealed class ControllerContext
{
    private readonly Action<string> enqueue;
    private readonly ControllerOptions options;

    internal ControllerContext(HttpClient client, Action<string> enqueue, ControllerOptions options, Events.IEventRecorder events)
    {
        Client = client;
        Events = events;
        this.enqueue = enqueue;
        this.options = options;
    }

    /// <summary>A client of the server (pass it to the generated typed clients), authorized as the controller.</summary>
    public HttpClient Client { get; }

    /// <summary>
    /// Records Kubernetes Events about objects (<c>kubectl describe</c> shows them): written to the cluster when the
    /// controller runs connected to one, logged otherwise.
    /// </summary>
    public Events.IEventRecorder Events { get; }

    internal List<Func<CancellationToken, Task>> Watches { get; } = [];

    /// <summary>
    /// Also watches <typeparamref name="TOther"/> objects: whenever one is added, changed or deleted, the objects
    /// whose keys (<c>namespace/name</c>) <paramref name="keysToReconcile"/> returns are reconciled, e.g. the objects
    /// that refer to it.
    /// </summary>
    /// <typeparam name="TOther">The Kind watched.</typeparam>
    /// <param name="keysToReconcile">The keys of the reconciled Kind's objects that depend on a changed object.</param>
    /// <returns>The informer of the other Kind, whose cache the reconciler may read.</returns>
    public Informer<TOther> Watch<TOther>(Func<TOther, IEnumerable<string>> keysToReconcile)
        where TOther : KubernetesObject, IKind<TOther>
    {
        ArgumentNullException.ThrowIfNull(keysToReconcile);
        var informer = new Informer<TOther>(new ResourceClient<TOther>(Client), options.ResyncPeriod, null, options.Time, options.PollInterval);
        void Map(TOther obj)
        {
            foreach (var key in keysToReconcile(obj))
            {
                enqueue(key);
            }
        }

        informer.Added += Map;
        informer.Updated += (_, obj) => Map(obj);
        informer.Deleted += Map;
        Watches.Add(informer.RunAsync);
        return informer;
    }
}
