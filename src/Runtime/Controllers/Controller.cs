using System.Diagnostics;
using ApiBuilder.Runtime.Client;
using ApiBuilder.Runtime.Objects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ApiBuilder.Runtime.Controllers;

/// <summary>
/// Runs one <see cref="IReconciler{TKind}"/> as client-go controllers run: an <see cref="Informer{TKind}"/>
/// feeds the keys of changed objects into a <see cref="WorkQueue{TKey}"/>; workers take keys, one worker per key
/// at a time, and reconcile the newest state of the object. A failure (exception) or
/// <see cref="ReconcileResult.RequeueSoon"/> retries with exponential backoff; <see cref="ReconcileResult.RequeueAfter"/>
/// comes back after that time. Deleted objects are not reconciled: use finalizers to act on deletion.
/// </summary>
/// <typeparam name="TKind">The Kind reconciled.</typeparam>
public sealed class Controller<TKind> : IRunnableController
    where TKind : KubernetesObject, IKind<TKind>
{
    private readonly IReconciler<TKind> reconciler;
    private readonly ControllerOptions options;
    private readonly ILogger logger;
    private readonly WorkQueue<string> queue;

    /// <summary>A controller of <typeparamref name="TKind"/> objects read through <paramref name="client"/>.</summary>
    /// <param name="client">The typed client of the Kind (all namespaces when it has none).</param>
    /// <param name="reconciler">The reconciler.</param>
    /// <param name="options">Concurrency, resync and backoff.</param>
    /// <param name="logger">Where reconcile failures are logged.</param>
    public Controller(ResourceClient<TKind> client, IReconciler<TKind> reconciler, ControllerOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(reconciler);
        this.reconciler = reconciler;
        this.options = options ?? new ControllerOptions();
        this.logger = logger ?? NullLogger.Instance;
        queue = new WorkQueue<string>(this.options.Time, this.options.BaseBackoff, this.options.MaxBackoff);
        Informer = new Informer<TKind>(client, this.options.ResyncPeriod, this.logger, this.options.Time, this.options.PollInterval);
        Informer.Added += obj => queue.Add(Informer<TKind>.KeyOf(obj));
        Informer.Updated += (_, obj) => queue.Add(Informer<TKind>.KeyOf(obj));
        context = new ControllerContext(client.Http, queue.Add, this.options, this.options.Events ?? new Events.LoggingEventRecorder(this.logger));
        (reconciler as IControllerSetup)?.Setup(context);
    }

    private readonly ControllerContext context;

    /// <summary>The controller's informer: its cache can be read, and other informers can enqueue keys through <see cref="Enqueue"/>.</summary>
    public Informer<TKind> Informer { get; }

    /// <summary>The name used in logs and metrics: the Kind's plural and group.</summary>
    public string Name => TKind.Definition.QualifiedResource;

    /// <summary>Reconciles the object with this key (<c>namespace/name</c>) soon, e.g. because something it depends on changed.</summary>
    /// <param name="key">The object's key.</param>
    public void Enqueue(string key) => queue.Add(key);

    /// <summary>Runs the informer and the workers until <paramref name="stopping"/>; then lets running reconciliations finish.</summary>
    /// <param name="stopping">Ends the controller.</param>
    /// <returns>A task that completes when every worker has stopped.</returns>
    public async Task RunAsync(CancellationToken stopping)
    {
        var informers = context.Watches.Select(watch => watch(stopping)).Append(Informer.RunAsync(stopping)).ToList();
        try
        {
            await Informer.Synced.WaitAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await Task.WhenAll(informers).ConfigureAwait(false);
            return;
        }

        using (ControllerMetrics.Track(Name, () => queue.Count))
        {
            var workers = Enumerable.Range(0, Math.Max(1, options.Concurrency)).Select(_ => Task.Run(() => WorkAsync(stopping), CancellationToken.None)).ToList();
            try
            {
                await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            queue.ShutDown();
            await Task.WhenAll(workers).ConfigureAwait(false);
        }

        await Task.WhenAll(informers).ConfigureAwait(false);
    }

    private async Task WorkAsync(CancellationToken stopping)
    {
        while (true)
        {
            var (key, shutDown) = await queue.GetAsync(CancellationToken.None).ConfigureAwait(false);
            if (shutDown)
            {
                return;
            }

            try
            {
                await ReconcileAsync(key, stopping).ConfigureAwait(false);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }

    private async Task ReconcileAsync(string key, CancellationToken stopping)
    {
        if (!Informer.Objects.TryGetValue(key, out var obj))
        {
            queue.Forget(key);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await reconciler.ReconcileAsync(obj, stopping).ConfigureAwait(false);
            ControllerMetrics.Reconciled(Name, "success", Stopwatch.GetElapsedTime(started));
            if (result.RequeueAfter > TimeSpan.Zero)
            {
                queue.Forget(key);
                queue.AddAfter(key, result.RequeueAfter);
            }
            else if (result.Requeue)
            {
                queue.AddRateLimited(key);
            }
            else
            {
                queue.Forget(key);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the key is reconciled by whoever runs next.
        }
        catch (Exception e)
        {
            ControllerMetrics.Reconciled(Name, "error", Stopwatch.GetElapsedTime(started));
            logger.LogWarning(e, "Reconciling {Resource} {Key} failed (attempt {Attempt}); retrying with backoff", Name, key, queue.NumRequeues(key) + 1);
            options.Events?.Record(obj, Events.EventTypes.Warning, "ReconcileError", e.Message);
            queue.AddRateLimited(key);
        }
    }
}

/// <summary>A controller that runs until stopped, whatever Kind it reconciles.</summary>
public interface IRunnableController
{
    /// <summary>The name used in logs and metrics.</summary>
    string Name { get; }

    /// <summary>Runs until <paramref name="stopping"/> is cancelled.</summary>
    /// <param name="stopping">Ends the controller.</param>
    /// <returns>A task that completes when the controller has stopped.</returns>
    Task RunAsync(CancellationToken stopping);
}
