using System.Net;
using System.Runtime.InteropServices;
using ApiBuilder.Runtime.Cluster;
using ApiBuilder.Runtime.Controllers;
using ApiBuilder.Runtime.Controllers.Events;
using ApiBuilder.Runtime.Controllers.Leases;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Server;

/// <summary>
/// The process started with <c>controller-manager</c> as its first argument: the server's controllers alone,
/// reading and writing the server's objects through the cluster's kube-apiserver (so the aggregation layer,
/// the cluster's RBAC and the server's admission apply to them as to any client), one replica at a time by a
/// coordination.k8s.io Lease shared with the server's in-process controllers, events written to the cluster,
/// and <c>/healthz</c> and <c>/readyz</c> over HTTP for the pod's probes.
/// </summary>
internal sealed class ControllerManagerProcess(string name, ApiServerOptions options, IReadOnlyList<Action<ControllerManager>> registrations)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var loggerFactory = LoggerFactory.Create(logging => ApiServer.ConfigureLogging(logging, options.LogLevel));
        var logger = loggerFactory.CreateLogger(name + "-controller-manager");
        KubernetesClientConfiguration config;
        try
        {
            config = Configuration();
        }
        catch (ClusterConfigurationException e)
        {
            await Console.Error.WriteLineAsync("Error: " + e.Message).ConfigureAwait(false);
            return 1;
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }

        using var http = ClusterHttpClient.Create(config);
        http.DefaultRequestHeaders.UserAgent.TryParseAdd(ControllerSelection.UserAgent);
        using var cluster = new Kubernetes(config);
        await using var events = new ClusterEventRecorder(cluster, name + "-controller-manager", logger);
        var manager = new ControllerManager(http, logger, events);
        foreach (var add in registrations)
        {
            add(manager);
        }

        manager.Keep(controller => ControllerSelection.Enabled(options.Controllers, controller));
        if (manager.Controllers.Count == 0)
        {
            await Console.Error.WriteLineAsync($"Error: no controller to run: {name} has no controller whose ReconcileAsync is written, or --controllers leaves them all out").ConfigureAwait(false);
            return 1;
        }

        await using var health = await StartHealthAsync(logger, stopping.Token).ConfigureAwait(false);
        if (health is null && options.HealthProbeBindAddress is not null)
        {
            return 1;
        }

        logger.LogInformation("Running {Count} controllers of {Server} ({Controllers}) against {Host}{Election}", manager.Controllers.Count, name,
            string.Join(", ", manager.Controllers.Select(c => c.Name)), config.Host,
            options.LeaderElect ? $"; leader election with Lease {LeaseNamespace()}/{ControllerSelection.LeaseName(name)}" : "; no leader election");
        if (options.LeaderElect)
        {
            var lease = new KubernetesLeaseLock(cluster, LeaseNamespace(), ControllerSelection.LeaseName(name));
            var elector = new LeaderElector(lease, $"{Dns.GetHostName()}_{Guid.NewGuid():N}", options.LeaderElection, logger);
            await elector.RunAsync(manager.RunAsync, stopping.Token).ConfigureAwait(false);
        }
        else
        {
            await manager.RunAsync(stopping.Token).ConfigureAwait(false);
        }

        logger.LogInformation("Stopped");
        return 0;
    }

    private string LeaseNamespace() => options.LeaderElectResourceNamespace ?? ControllerSelection.PodNamespace();

    private KubernetesClientConfiguration Configuration()
    {
        if (options.Kubeconfig is null && !KubernetesClientConfiguration.IsInCluster())
        {
            throw new ClusterConfigurationException(
                $"{FlagParser.ControllerManagerCommand} needs the cluster's kube-apiserver: pass --kubeconfig, or run it in a pod with a service account");
        }

        return ClusterConnection.Configuration(options.Kubeconfig);
    }

    /// <summary>Serves the probes; null (after printing why) when the address cannot be bound, or when there is none.</summary>
    private async Task<WebApplication?> StartHealthAsync(ILogger logger, CancellationToken stopping)
    {
        if (options.HealthProbeBindAddress is not { } address)
        {
            return null;
        }

        var web = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = name });
        web.Logging.ClearProviders();
        web.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address);
        });
        var app = web.Build();
        app.Run(context =>
        {
            var path = context.Request.Path.Value;
            context.Response.ContentType = "text/plain; charset=utf-8";
            if (path is "/healthz" or "/readyz" or "/livez")
            {
                return context.Response.WriteAsync(stopping.IsCancellationRequested ? "stopping" : "ok", context.RequestAborted);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return context.Response.WriteAsync("404 page not found\n", context.RequestAborted);
        });
        try
        {
            await app.StartAsync(stopping).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"Error: cannot serve --health-probe-bind-address {address}: {e.Message}").ConfigureAwait(false);
            return null;
        }

        var bound = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? address.ToString();
        logger.LogInformation("Serving /healthz and /readyz on {Address}", bound);
        return app;
    }
}
