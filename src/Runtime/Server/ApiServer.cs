using System.Net;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Certificates;
using ApiBuilder.Runtime.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Server;

/// <summary>
/// A Kubernetes extension API server: HTTPS with client-certificate and front-proxy
/// authentication, discovery, OpenAPI, health, and the REST verbs for every added resource.
/// </summary>
/// <example>
/// <code>
/// var builder = ApiServer.CreateBuilder(args, "wardle");
/// builder.AddResource(Flunder.Definition);
/// await using var server = builder.Build();
/// return await server.RunAsync();
/// </code>
/// </example>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly string name;
    private readonly ApiServerOptions options;
    private readonly string version;
    private readonly IReadOnlyList<ResourceDefinition> resources;
    private readonly IReadOnlyList<IAdmissionPlugin> admission;
    private readonly IReadOnlyList<Discovery.PrecomputedGroupDiscovery> discovery;
    private readonly IReadOnlyList<Authentication.IAuthenticator> authenticators;
    private readonly IReadOnlyList<Authorization.IAuthorizer> authorizers;
    private readonly IReadOnlyDictionary<ResourceDefinition, Rest.RestStorageFactory> storages;
    private readonly IReadOnlyDictionary<ResourceDefinition, IReadOnlyList<Rest.SubresourceDefinition>> subresources;
    private readonly CancellationTokenSource stopping = new();
    private ILoggerFactory? loggerFactory;
    private Controllers.Events.ClusterEventRecorder? events;
    private WebApplication? app;
    private ServerComponents? components;

    internal ApiServer(string name, ApiServerOptions options, string? version, IReadOnlyList<ResourceDefinition> resources, IReadOnlyList<IAdmissionPlugin> admission,
        IReadOnlyList<Discovery.PrecomputedGroupDiscovery> discovery, IReadOnlyList<Authentication.IAuthenticator> authenticators,
        IReadOnlyList<Authorization.IAuthorizer> authorizers, IReadOnlyDictionary<ResourceDefinition, Rest.RestStorageFactory> storages,
        IReadOnlyDictionary<ResourceDefinition, IReadOnlyList<Rest.SubresourceDefinition>> subresources)
    {
        this.storages = storages;
        this.subresources = subresources;
        this.authenticators = authenticators;
        this.authorizers = authorizers;
        this.name = name;
        this.options = options;
        this.version = version ?? Endpoints.VersionEndpoint.DefaultVersion(typeof(ApiServer).Assembly);
        this.resources = resources;
        this.admission = admission;
        this.discovery = discovery;
    }

    /// <summary>
    /// Starts a builder from command-line flags. Bad flags or <c>--help</c> do not throw here:
    /// <see cref="RunAsync"/> prints the problem (or the help) and returns the exit code.
    /// </summary>
    public static ApiServerBuilder CreateBuilder(string[] args, string name = "apiserver")
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            var parsed = FlagParser.Parse(args, new ApiServerOptions());
            return new ApiServerBuilder(name, parsed ?? new ApiServerOptions { ControllerManager = FlagParser.IsControllerManager(args) }) { HelpRequested = parsed is null };
        }
        catch (FlagException e)
        {
            return new ApiServerBuilder(name, new ApiServerOptions { ControllerManager = FlagParser.IsControllerManager(args) }) { FlagError = e.Message };
        }
    }

    /// <summary>The HTTPS addresses the server listens on, once started.</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    /// <summary>PEM of the CA that clients should trust for the serving certificate, once started.</summary>
    public string? CertificateAuthorityPem => components?.Certificates.CaBundlePem;

    internal string? HelpText { get; init; }

    internal string? FlagError { get; init; }

    /// <summary>Controllers run in the server's process, made from its loopback client.</summary>
    internal IReadOnlyList<Action<Controllers.ControllerManager>> Controllers { get; init; } = [];

    private readonly List<Task> running = [];
    private HttpClient? loopback;

    /// <summary>What is wrong with the added resources, found by <see cref="ApiServerBuilder.Build"/>.</summary>
    internal string? DefinitionError { get; init; }

    /// <summary>Starts listening; returns once the server accepts connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (app is not null)
        {
            throw new InvalidOperationException("The server is already started.");
        }

        if (DefinitionError is not null)
        {
            throw new InvalidOperationException(DefinitionError);
        }

        var time = TimeProvider.System;
        loggerFactory = LoggerFactory.Create(ConfigureLogging);
        var logger = loggerFactory.CreateLogger(name);
        components = ServerComponents.Create(name, version, options, resources, storages, subresources, admission, discovery, authenticators, authorizers, time, logger, stopping.Token);
        await components.Access.StartAsync(stopping.Token).ConfigureAwait(false);
        var web = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = name });
        ConfigureLogging(web.Logging);
        web.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(10));
        web.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            RequestLimits.Configure(kestrel.Limits);
            kestrel.Listen(options.BindAddress, options.SecurePort, listen => listen.UseHttps(components.HttpsOptions()));
        });

        app = web.Build();
        var dispatcher = components.Dispatcher(logger);
        app.Lifetime.ApplicationStopping.Register(stopping.Cancel);
        app.Run(dispatcher.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Addresses = [.. addresses.Select(a => new Uri(a.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "[::1]", StringComparison.Ordinal)))];
        var port = Addresses.Count > 0 ? Addresses[0].Port : options.SecurePort;
        if (options.WriteKubeconfig is { } path)
        {
            var host = IPAddress.Any.Equals(options.BindAddress) || IPAddress.IPv6Any.Equals(options.BindAddress) ? "127.0.0.1" : FormatHost(options.BindAddress);
            components.WriteKubeconfig(path, $"https://{host}:{port}", time);
            logger.LogInformation("Wrote kubeconfig {Path} (user admin, group system:masters)", path);
        }

        StartControllers(port, logger);
        logger.LogInformation("Serving {Count} resources of {Groups} on https://{Address}:{Port} (storage: {Storage}; authorization: {Authorization})",
            resources.Count, string.Join(", ", resources.Select(r => r.GroupVersion).Distinct()), FormatHost(options.BindAddress), port, options.Storage,
            components.Access.Mode);
    }

    /// <summary>Stops accepting requests, ends open watches and stops the controllers.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running).ConfigureAwait(false);
        if (app is not null)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs until Ctrl-C or SIGTERM. Returns the process exit code: 0 after a clean stop, 1 for a
    /// configuration error (bad flag, unusable certificate files, busy port).
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        if (HelpText is not null)
        {
            Console.Out.Write(HelpText);
            return 0;
        }

        if ((FlagError ?? DefinitionError) is { } problem)
        {
            await Console.Error.WriteLineAsync("Error: " + problem).ConfigureAwait(false);
            return 1;
        }

        if (options.ControllerManager)
        {
            return await new ControllerManagerProcess(name, options, Controllers).RunAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StartupErrors.Describe(e, options) is { } message)
        {
            await Console.Error.WriteLineAsync("Error: " + message).ConfigureAwait(false);
            return 1;
        }

        await app!.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }

        if (events is not null)
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }

        if (components is not null)
        {
            await components.DisposeAsync().ConfigureAwait(false);
        }

        loopback?.Dispose();
        loggerFactory?.Dispose();
        stopping.Dispose();
    }

    /// <summary>Starts the in-process controllers with a loopback client: HTTPS to this server, trusting exactly its certificate, with the loopback token.</summary>
    private void StartControllers(int port, ILogger logger)
    {
        if (Controllers.Count == 0)
        {
            return;
        }

        var serving = components!.Certificates.ServingCertificate.Thumbprint;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == serving,
            },
        };
        var address = Addresses.Count > 0 ? Addresses[0] : new Uri($"https://127.0.0.1:{port}/");
        loopback = new HttpClient(handler) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        loopback.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", components.Access.LoopbackToken);
        loopback.DefaultRequestHeaders.UserAgent.TryParseAdd(ControllerSelection.UserAgent);
        if (components.Access.Cluster is { } connected)
        {
            events = new Controllers.Events.ClusterEventRecorder(connected, name, logger);
        }

        var manager = new Controllers.ControllerManager(loopback, logger, events);
        foreach (var add in Controllers)
        {
            add(manager);
        }

        manager.Keep(controller => ControllerSelection.Enabled(options.Controllers, controller));

        if (manager.Controllers.Count == 0)
        {
            return;
        }

        if (!options.LeaderElect)
        {
            running.Add(manager.RunAsync(stopping.Token));
            return;
        }

        var leaseName = ControllerSelection.LeaseName(name);
        Controllers.Leases.ILeaseLock lease = components.Access.Cluster is { } cluster
            ? new Controllers.Leases.KubernetesLeaseLock(cluster, options.LeaderElectResourceNamespace ?? ControllerSelection.PodNamespace(), leaseName)
            : new Controllers.Leases.StorageLeaseLock(components.Storage, leaseName);
        var elector = new Controllers.Leases.LeaderElector(lease, $"{Dns.GetHostName()}_{Guid.NewGuid():N}", options.LeaderElection, logger);
        running.Add(elector.RunAsync(manager.RunAsync, stopping.Token));
    }

    private void ConfigureLogging(ILoggingBuilder logging) => ConfigureLogging(logging, options.LogLevel);

    /// <summary>One line per message with a time, at <paramref name="level"/>; the framework's own chatter from Warning.</summary>
    internal static void ConfigureLogging(ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.SetMinimumLevel(level);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
    }

    private static string FormatHost(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
