using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Authentication;
using ApiBuilder.Runtime.Certificates;
using ApiBuilder.Runtime.Discovery;
using ApiBuilder.Runtime.Endpoints;
using ApiBuilder.Runtime.OpenApi;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Storage.Etcd;
using ApiBuilder.Runtime.Tables;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace ApiBuilder.Runtime.Server;

/// <summary>Everything a running server is made of, wired from its options.</summary>
internal sealed class ServerComponents : IAsyncDisposable
{
    private readonly IDisposable? tracing;

    private ServerComponents(ServingCertificates certificates, IStorage storage, ResourceRegistry registry, DiscoveryEndpoint discovery,
        OpenApiEndpoint openApi, VersionEndpoint version, HealthEndpoint health, AccessControl access, CancellationToken stopping,
        Metrics.ServerMetrics metrics, Audit.AuditRecorder? audit, TimeProvider time, IDisposable? tracing)
    {
        Metrics = metrics;
        this.tracing = tracing;
        Audit = audit;
        Time = time;
        Certificates = certificates;
        Storage = storage;
        Registry = registry;
        Discovery = discovery;
        OpenApi = openApi;
        Version = version;
        Health = health;
        Access = access;
        Stopping = stopping;
    }

    public ServingCertificates Certificates { get; }

    public IStorage Storage { get; }

    public ResourceRegistry Registry { get; }

    public DiscoveryEndpoint Discovery { get; }

    public OpenApiEndpoint OpenApi { get; }

    public VersionEndpoint Version { get; }

    public HealthEndpoint Health { get; }

    public AccessControl Access { get; }

    public CancellationToken Stopping { get; }

    /// <summary>What <c>/metrics</c> shows.</summary>
    public Metrics.ServerMetrics Metrics { get; }

    /// <summary>The audit log, when <c>--audit-log-path</c> is set.</summary>
    public Audit.AuditRecorder? Audit { get; }

    private TimeProvider Time { get; }

    public static ServerComponents Create(string name, string version, ApiServerOptions options, IReadOnlyList<ResourceDefinition> resources,
        IReadOnlyDictionary<ResourceDefinition, Rest.RestStorageFactory> storages,
        IReadOnlyDictionary<ResourceDefinition, IReadOnlyList<Rest.SubresourceDefinition>> subresources,
        IReadOnlyList<IAdmissionPlugin> admission, IReadOnlyList<PrecomputedGroupDiscovery> discovery, IReadOnlyList<IAuthenticator> authenticators,
        IReadOnlyList<Authorization.IAuthorizer> authorizers, TimeProvider time, ILogger logger, CancellationToken stopping)
    {
        var dnsNames = new List<string> { "localhost", Dns.GetHostName() };
        dnsNames.AddRange(options.CertDnsNames);
        var ips = new List<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };
        if (!IPAddress.Any.Equals(options.BindAddress) && !IPAddress.IPv6Any.Equals(options.BindAddress))
        {
            ips.Add(options.BindAddress);
        }

        var certificates = ServingCertificatesLoader.Load(new ServingCertificateOptions
        {
            CertDirectory = options.CertDirectory,
            TlsCertFile = options.TlsCertFile,
            TlsPrivateKeyFile = options.TlsPrivateKeyFile,
            ClientCaFile = options.ClientCaFile,
            DnsNames = dnsNames,
            IPAddresses = ips,
        }, time);

        AccessControl? access = null;
        Audit.AuditRecorder? audit = null;
        IDisposable? tracing = null;
        var metrics = new Metrics.ServerMetrics();
        StorageBackend backend;
        try
        {
            tracing = options.TracingConfigFile is { } tracingFile ? TracingConfiguration.Load(tracingFile).Start(name, version) : null;
            access = AccessControl.Create(options, certificates, authenticators, authorizers, time, logger);
            audit = CreateAudit(options, time, logger);
            backend = StorageFactory.Create(new StorageSettings
            {
                Storage = options.Storage,
                DefaultSqlitePath = StorageFactory.DefaultSqlitePath(options.CertDirectory),
                EtcdServers = options.EtcdServers,
                EtcdPrefix = options.EtcdPrefix,
                EtcdCaFile = options.EtcdCaFile,
                EtcdCertFile = options.EtcdCertFile,
                EtcdKeyFile = options.EtcdKeyFile,
                EtcdClient = options.EtcdClient == "json" ? EtcdClientKind.Json : EtcdClientKind.Grpc,
            }, metrics.Storage);
        }
        catch
        {
            if (audit is not null)
            {
                audit.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            metrics.Dispose();
            tracing?.Dispose();
            access?.Dispose();
            certificates.Dispose();
            throw;
        }

        var storage = backend.Storage;
        var registry = new ResourceRegistry();
        // NamespaceLifecycle runs first, as in kube-apiserver: nothing else need look at a request for a missing namespace.
        var chain = new AdmissionChain(access.NamespaceLifecycle is { } lifecycle ? [lifecycle, .. admission] : admission, registry, metrics.Admission);
        metrics.Storage.CountObjectsIn(storage);
        var verbs = new Dictionary<ResourceDefinition, IReadOnlyList<string>>(ReferenceEqualityComparer.Instance);
        var applies = new Dictionary<ResourceDefinition, bool>(ReferenceEqualityComparer.Instance);
        IReadOnlyList<Rest.SubresourceDefinition> CustomOf(ResourceDefinition d) => subresources.GetValueOrDefault(d) ?? [];
        foreach (var definition in resources)
        {
            var storageVersion = resources.Single(r => r.Group == definition.Group && r.Kind == definition.Kind && r.IsStorageVersion);
            var rest = storages.TryGetValue(definition, out var custom)
                ? custom(new Rest.RestStorageContext(definition, storageVersion, registry, chain, time))
                : new ResourceStore(new ResourceModel(definition, storageVersion), storage, chain, time);
            if (rest is ResourceStore)
            {
                metrics.Storage.Track(StorageKeys.ResourcePrefix(storageVersion), storageVersion.Group, storageVersion.Plural);
            }

            var updater = rest as Rest.IRestUpdater;
            var served = new ServedResource(rest, new TableConvertor(definition, time))
            {
                Status = definition.HasStatusSubresource && updater is not null ? new Rest.StatusRestStorage(updater) : null,
                Scale = definition.Scale is { } scale && updater is not null ? new Rest.ScaleRestStorage(updater, scale) : null,
                Subresources = subresources.GetValueOrDefault(definition) ?? [],
            };
            registry.Add(served);
            verbs[definition] = served.Verbs;
            // Server-side apply needs managedFields, which only the server's own store keeps.
            applies[definition] = rest is ResourceStore;
        }

        var storageCheck = new HealthCheck("storage", backend.CheckHealthAsync);
        var ping = new HealthCheck("ping", _ => Task.FromResult<string?>(null));
        var log = new HealthCheck("log", _ => Task.FromResult<string?>(null));
        var shutdown = new HealthCheck("shutdown", _ => Task.FromResult(stopping.IsCancellationRequested ? "process is shutting down" : null));
        var health = new HealthEndpoint(new Dictionary<string, IReadOnlyList<HealthCheck>>
        {
            ["healthz"] = [ping, log, storageCheck],
            ["livez"] = [ping, log],
            ["readyz"] = access.InformerSync() is { } informers ? [ping, log, storageCheck, informers, shutdown] : [ping, log, storageCheck, shutdown],
        });

        return new ServerComponents(
            certificates,
            storage,
            registry,
            new DiscoveryEndpoint(new DiscoveryDocuments(resources, discovery, d => verbs[d], CustomOf)),
            new OpenApiEndpoint(resources, new OpenApiInfo(name, version) { VerbsOf = d => verbs[d], AppliesOf = d => applies[d], SubresourcesOf = CustomOf }),
            new VersionEndpoint(name, version),
            health,
            access,
            stopping,
            metrics,
            audit,
            time,
            tracing);
    }

    public RequestDispatcher Dispatcher(ILogger logger) =>
        new(Registry, Discovery, OpenApi, Version, Health, Access.Authenticator, Access.Authorizer,
            new RequestObserver(Metrics, Audit, Registry, Time), new MetricsEndpoint(Metrics), logger, Stopping);

    /// <summary>The audit log the flags ask for; null without <c>--audit-log-path</c>.</summary>
    /// <exception cref="Audit.AuditConfigurationException">The policy file is invalid or the log cannot be written.</exception>
    private static Audit.AuditRecorder? CreateAudit(ApiServerOptions options, TimeProvider time, ILogger logger)
    {
        if (options.AuditLogPath is not { } path)
        {
            return null;
        }

        var policy = options.AuditPolicyFile is { } file
            ? Runtime.Audit.AuditPolicy.Load(file)
            : Runtime.Audit.AuditPolicy.ForLevel(Enum.Parse<Runtime.Audit.AuditLevel>(options.AuditLogLevel));
        var log = Runtime.Audit.AuditLog.Open(path, logger, rotation:
            Runtime.Audit.AuditLogRotation.FromFlags(options.AuditLogMaxSize, options.AuditLogMaxBackup, options.AuditLogMaxAge, options.AuditLogCompress));
        logger.LogInformation("Writing audit events to {Target} ({Policy})", log.Target,
            options.AuditPolicyFile is { } f ? "policy " + f : "level " + options.AuditLogLevel);
        return new Audit.AuditRecorder(policy, log, time);
    }

    public HttpsConnectionAdapterOptions HttpsOptions() => new()
    {
        ServerCertificate = Certificates.ServingCertificate,
        ServerCertificateChain = Certificates.ServingCertificateChain,
        SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ClientCertificateMode = ClientCertificateMode.AllowCertificate,
        // Chains are verified by the authenticators against the configured CAs, per request.
        ClientCertificateValidation = (_, _, _) => true,
        CheckCertificateRevocation = false,
    };

    public void WriteKubeconfig(string path, string serverUrl, TimeProvider time)
    {
        var spec = LocalKubeconfig.Create(Certificates, serverUrl, "apibuilder", "admin", ["system:masters"], TimeSpan.FromDays(365), time);
        KubeconfigWriter.Write(path, spec);
    }

    public async ValueTask DisposeAsync()
    {
        if (Audit is not null)
        {
            // Every request has finished: write what is still queued before the process ends.
            await Audit.DisposeAsync().ConfigureAwait(false);
        }

        Metrics.Dispose();
        tracing?.Dispose();
        Registry.StopListers();
        await Storage.DisposeAsync().ConfigureAwait(false);
        Access.Dispose();
        Certificates.Dispose();
    }
}
