using ApiBuilder.Runtime.Storage.Cache;
using ApiBuilder.Runtime.Storage.Etcd;
using ApiBuilder.Runtime.Storage.Memory;
using ApiBuilder.Runtime.Storage.Sqlite;

namespace ApiBuilder.Runtime.Storage;

/// <summary>Storage that cannot be used as configured; the message names the file or flag and the fix.</summary>
internal sealed class StorageConfigurationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What the server's storage flags ask for.</summary>
internal sealed record StorageSettings
{
    /// <summary><c>--storage</c>: <c>sqlite</c>, <c>sqlite:PATH</c>, <c>etcd</c> or <c>memory</c>.</summary>
    public string Storage { get; init; } = "sqlite";

    /// <summary>The file of a plain <c>--storage sqlite</c>.</summary>
    public required string DefaultSqlitePath { get; init; }

    /// <summary><c>--etcd-servers</c>; when set, a plain <c>--storage sqlite</c> (the default) means etcd.</summary>
    public IReadOnlyList<string> EtcdServers { get; init; } = [];

    public string EtcdPrefix { get; init; } = "/registry";

    public string? EtcdCaFile { get; init; }

    public string? EtcdCertFile { get; init; }

    public string? EtcdKeyFile { get; init; }

    /// <summary><c>--etcd-client</c>: etcd's gRPC API or its JSON gateway.</summary>
    public EtcdClientKind EtcdClient { get; init; } = EtcdClientKind.Grpc;

    /// <summary>Put the watch cache in front of the backend (all but memory).</summary>
    public bool WatchCache { get; init; } = true;
}

/// <summary>A storage backend ready for the registry, with the health check <c>/readyz</c> runs.</summary>
/// <param name="Storage">What the registry uses: the watch cache in front of the backend, or the backend alone.</param>
/// <param name="Cache">The watch cache, for lists that may be served from memory (<see cref="CachedStorage.ListCachedAsync"/>).</param>
/// <param name="Description">For the start-up log: the backend and where its data is.</param>
/// <param name="CheckHealthAsync">Null when the backend can be read and written; else why not.</param>
internal sealed record StorageBackend(IStorage Storage, CachedStorage? Cache, string Description, Func<CancellationToken, Task<string?>> CheckHealthAsync);

/// <summary>Builds the storage the flags ask for: SQLite (the default), etcd, or memory.</summary>
internal static class StorageFactory
{
    /// <summary>The file of <c>--storage sqlite</c>: <c>storage.db</c> beside the certificate directory.</summary>
    public static string DefaultSqlitePath(string certDirectory)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(certDirectory.TrimEnd('/', '\\')));
        return Path.Combine(parent ?? ".", "storage.db");
    }

    /// <summary>Null when <paramref name="value"/> is a valid <c>--storage</c> value; else what is wrong.</summary>
    public static string? Validate(string value) => value switch
    {
        "memory" or "sqlite" or "etcd" => null,
        _ when value.StartsWith("sqlite:", StringComparison.Ordinal) && value.Length > "sqlite:".Length => null,
        "sqlite:" => "sqlite: needs a file, e.g. sqlite:/var/lib/wardle/storage.db",
        _ => "supported backends are: sqlite (the default), sqlite:PATH, etcd (with --etcd-servers), memory",
    };

    /// <summary>Opens the backend.</summary>
    /// <exception cref="StorageConfigurationException">The settings or the database file cannot be used; the message says how to fix it.</exception>
    /// <param name="settings">What the flags ask for.</param>
    /// <param name="metrics">Where the backend's requests and the watch cache's events are counted, if anywhere.</param>
    public static StorageBackend Create(StorageSettings settings, Metrics.StorageMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (Validate(settings.Storage) is { } problem)
        {
            throw new StorageConfigurationException($"invalid value \"{settings.Storage}\" for --storage: {problem}");
        }

        var kind = settings.Storage == "sqlite" && settings.EtcdServers.Count > 0 ? "etcd" : settings.Storage;
        if (kind == "memory")
        {
            var memory = new MemoryStorage();
            return new StorageBackend(Measured(memory, metrics, cached: false), null, "memory (data is lost when the server stops)", async ct =>
            {
                await memory.GetCurrentRevisionAsync(ct).ConfigureAwait(false);
                return null;
            });
        }

        if (kind == "etcd")
        {
            var etcd = new EtcdStorage(new EtcdStorageOptions
            {
                Servers = EtcdServers(settings.EtcdServers),
                Prefix = settings.EtcdPrefix,
                CaFile = settings.EtcdCaFile,
                CertFile = settings.EtcdCertFile,
                KeyFile = settings.EtcdKeyFile,
                Client = settings.EtcdClient,
            });
            return Cached(Measured(etcd, metrics, settings.WatchCache), settings, metrics, $"etcd {string.Join(",", settings.EtcdServers)} under {settings.EtcdPrefix}", etcd.CheckHealthAsync);
        }

        var path = Path.GetFullPath(kind == "sqlite" ? settings.DefaultSqlitePath : kind["sqlite:".Length..]);
        var sqlite = SqliteStorage.Open(new SqliteStorageOptions { Path = path });
        return Cached(Measured(sqlite, metrics, settings.WatchCache), settings, metrics, "sqlite " + path, sqlite.CheckHealthAsync);
    }

    private static IStorage Measured(IStorage backend, Metrics.StorageMetrics? metrics, bool cached) =>
        metrics is null ? backend : new Metrics.InstrumentedStorage(backend, metrics, cached);

    private static StorageBackend Cached(
        IStorage backend, StorageSettings settings, Metrics.StorageMetrics? metrics, string description, Func<CancellationToken, Task<string?>> health)
    {
        if (!settings.WatchCache)
        {
            return new StorageBackend(backend, null, description, health);
        }

        // The registry's keys all start with /registry/: one upstream watch serves every resource.
        var options = new CachedStorageOptions { Prefix = "/registry/", EventDispatched = metrics is null ? null : e => metrics.EventDispatched(e.Object.Key) };
        if (metrics is not null)
        {
            metrics.WatchCacheCapacity = options.HistoryCapacity;
        }

        var cache = new CachedStorage(backend, options);
        return new StorageBackend(cache, cache, description, health);
    }

    private static List<Uri> EtcdServers(IReadOnlyList<string> servers)
    {
        if (servers.Count == 0)
        {
            throw new StorageConfigurationException("--storage etcd needs --etcd-servers, e.g. --etcd-servers http://127.0.0.1:2379");
        }

        var urls = new List<Uri>();
        foreach (var server in servers)
        {
            if (!Uri.TryCreate(server, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                throw new StorageConfigurationException($"invalid etcd server \"{server}\" in --etcd-servers: use URLs such as http://127.0.0.1:2379 or https://etcd-0:2379");
            }

            urls.Add(url);
        }

        return urls;
    }
}
