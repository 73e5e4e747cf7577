using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace ApiBuilder.Runtime.Storage.Etcd;

/// <summary>
/// etcd's v3 API over its JSON gateway (<c>POST /v3/kv/range</c>, <c>/v3/kv/txn</c>, ...) with
/// failover between members: a request that could not reach a member goes to the next one, and
/// the member that answered is used first from then on. A request that reached a member and
/// then failed is retried elsewhere only when repeating it is harmless (reads); a write whose
/// outcome is unknown answers <see cref="StorageErrorCode.Unavailable"/>.
/// </summary>
internal sealed class EtcdClient : IEtcdClient
{
    /// <summary>Time limit of the probe that tells why a connection broke (<see cref="EtcdTlsConfig.DiagnoseAsync"/>).</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    private const int GrpcUnavailable = 14;

    private readonly IReadOnlyList<Uri> servers;
    private readonly TimeSpan requestTimeout;
    private readonly HttpClient http;
    private readonly EtcdTlsConfig tls;
    private int preferred;

    public EtcdClient(EtcdStorageOptions options)
    {
        if (options.Servers.Count == 0)
        {
            throw new StorageConfigurationException("no etcd servers: pass --etcd-servers with the client URLs of the etcd members, e.g. http://127.0.0.1:2379");
        }

        servers = options.Servers;
        requestTimeout = options.RequestTimeout;
        tls = EtcdTlsConfig.Load(options);
        http = new HttpClient(CreateHandler(options, tls), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The member tried first.</summary>
    public Uri PreferredServer => servers[Volatile.Read(ref preferred) % servers.Count];

    public Task<RangeResponse> RangeAsync(RangeRequest request, CancellationToken cancellationToken) =>
        CallAsync("/v3/kv/range", request, EtcdJsonContext.Default.RangeRequest, EtcdJsonContext.Default.RangeResponse, idempotent: true, cancellationToken);

    public Task<TxnResponse> TxnAsync(TxnRequest request, CancellationToken cancellationToken) =>
        CallAsync("/v3/kv/txn", request, EtcdJsonContext.Default.TxnRequest, EtcdJsonContext.Default.TxnResponse, idempotent: false, cancellationToken);

    public Task CompactAsync(long revision, CancellationToken cancellationToken) =>
        CallAsync("/v3/kv/compaction", new CompactionRequest(revision), EtcdJsonContext.Default.CompactionRequest, EtcdJsonContext.Default.RangeResponse, idempotent: true, cancellationToken);

    public Task<StatusResponse> StatusAsync(CancellationToken cancellationToken) =>
        CallAsync("/v3/maintenance/status", new StatusRequest(), EtcdJsonContext.Default.StatusRequest, EtcdJsonContext.Default.StatusResponse, idempotent: true, cancellationToken);

    /// <summary>Opens the watch stream (one JSON response per line) on the first member that accepts it.</summary>
    public async Task<IEtcdWatchStream> WatchAsync(WatchCreateRequest create, CancellationToken cancellationToken)
    {
        var request = new WatchRequest(create);
        Exception? last = null;
        var first = Volatile.Read(ref preferred);
        for (var attempt = 0; attempt < servers.Count; attempt++)
        {
            var index = (first + attempt) % servers.Count;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(requestTimeout);
            try
            {
                var message = new HttpRequestMessage(HttpMethod.Post, new Uri(servers[index], "/v3/watch"))
                {
                    Content = JsonContent.Create(request, EtcdJsonContext.Default.WatchRequest),
                };
                var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
                    response.Dispose();
                    throw error;
                }

                Volatile.Write(ref preferred, index);
                try
                {
                    return new JsonWatchStream(response, new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false)));
                }
                catch
                {
                    response.Dispose();
                    throw;
                }
            }
            catch (Exception e) when (IsTransport(e) && !cancellationToken.IsCancellationRequested)
            {
                last = await TlsProblemAsync(index, e, cancellationToken).ConfigureAwait(false) ?? e;
            }
        }

        throw last as StorageException ?? Unreachable(last);
    }

    public void Dispose()
    {
        http.Dispose();
        tls.Dispose();
    }

    private async Task<TResponse> CallAsync<TRequest, TResponse>(string path, TRequest request, JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType, bool idempotent, CancellationToken cancellationToken)
    {
        Exception? last = null;
        var first = Volatile.Read(ref preferred);
        for (var attempt = 0; attempt < servers.Count; attempt++)
        {
            var index = (first + attempt) % servers.Count;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(requestTimeout);
            var sent = false;
            try
            {
                using var content = JsonContent.Create(request, requestType);
                using var response = await http.PostAsync(new Uri(servers[index], path), content, timeout.Token).ConfigureAwait(false);
                sent = true;
                if (!response.IsSuccessStatusCode)
                {
                    var error = await ReadErrorAsync(response, timeout.Token).ConfigureAwait(false);
                    if (error.Code == StorageErrorCode.Unavailable)
                    {
                        // This member cannot serve (no leader, stopping): another one may. A write
                        // is not repeated (it may have been applied), but the next request goes elsewhere.
                        last = error;
                        if (idempotent)
                        {
                            continue;
                        }

                        Volatile.Write(ref preferred, (index + 1) % servers.Count);
                    }

                    throw error;
                }

                var body = await response.Content.ReadFromJsonAsync(responseType, timeout.Token).ConfigureAwait(false)
                    ?? throw new StorageException(StorageErrorCode.Unavailable, "", $"etcd {servers[index]} answered {path} with an empty body");
                Volatile.Write(ref preferred, index);
                return body;
            }
            catch (Exception e) when (IsTransport(e) && !cancellationToken.IsCancellationRequested)
            {
                if (await TlsProblemAsync(index, e, cancellationToken).ConfigureAwait(false) is { } refused)
                {
                    // The connection was refused at its TLS handshake: nothing was applied.
                    last = refused;
                    continue;
                }

                last = e;
                if (!idempotent && (sent || !IsConnectFailure(e)))
                {
                    // The member may have applied the write: repeating it elsewhere could report a false conflict.
                    Volatile.Write(ref preferred, (index + 1) % servers.Count);
                    throw new StorageException(StorageErrorCode.Unavailable, "",
                        $"etcd {servers[index]} did not answer {path}: {Describe(e)}; the outcome is unknown, retry the request");
                }
            }
        }

        Volatile.Write(ref preferred, (first + 1) % servers.Count);
        throw last as StorageException ?? Unreachable(last);
    }

    private StorageException Unreachable(Exception? last) =>
        new(StorageErrorCode.Unavailable, "",
            $"no etcd member answered ({string.Join(", ", servers)}): {(last is null ? "no servers" : Describe(last))}");

    private static bool IsTransport(Exception e) => e is HttpRequestException or OperationCanceledException or IOException;

    private static bool IsConnectFailure(Exception e) => e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError };

    private static string Describe(Exception e)
    {
        if (e is OperationCanceledException)
        {
            return "timed out";
        }

        // HttpClient's own messages ("An error occurred while sending the request.") say little; the innermost says what happened.
        var innermost = e;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }

        return innermost == e ? e.Message : $"{e.Message.TrimEnd('.')}: {innermost.Message}";
    }

    /// <summary>
    /// When <paramref name="e"/> is TLS refusing the connection to member <paramref name="index"/>
    /// (its certificate here, this client's there, or TLS on one side only), that explained as
    /// an error; null otherwise. Such a connection never carried a request to etcd.
    /// </summary>
    private async Task<StorageException?> TlsProblemAsync(int index, Exception e, CancellationToken cancellationToken)
    {
        var server = servers[index];
        var explanation = EtcdTlsConfig.Explanation(e);
        if (explanation is null && e is HttpRequestException
            {
                HttpRequestError: not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError),
            })
        {
            // The connection was made and then broke: ask a fresh one why.
            var limit = requestTimeout < ProbeTimeout ? requestTimeout : ProbeTimeout;
            explanation = await tls.DiagnoseAsync(server, limit, cancellationToken).ConfigureAwait(false);
        }

        return explanation is null ? null : new StorageException(StorageErrorCode.Unavailable, "", explanation);
    }

    private static async Task<StorageException> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ErrorResponse? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync(EtcdJsonContext.Default.ErrorResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not the gateway's error body; the status code says enough.
        }

        var message = error?.Message ?? error?.Error ?? $"HTTP {(int)response.StatusCode}";
        // An Unavailable that etcd itself did not produce ("etcdserver: ...") comes from the gateway failing to
        // dial etcd; its wording varies ("connection closed", "transport: authentication handshake failed", ...).
        if (response.RequestMessage?.RequestUri?.Scheme == Uri.UriSchemeHttps && error is { Code: GrpcUnavailable }
            && !message.Contains("etcdserver:", StringComparison.Ordinal))
        {
            message += " (if this persists: etcd's JSON gateway cannot reach etcd's own gRPC server, as when etcd 3.4 runs with --client-cert-auth and " +
                "its --cert-file does not allow client authentication, which the gateway needs to dial etcd with it: reissue that certificate with " +
                "the extended key usages serverAuth and clientAuth)";
        }

        return EtcdErrors.FromGrpc(error?.Code ?? 0, message, $"HTTP {(int)response.StatusCode}");
    }

    private static SocketsHttpHandler CreateHandler(EtcdStorageOptions options, EtcdTlsConfig tls)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.RequestTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            // Watches hold a connection each; the gateway speaks HTTP/1.1.
            MaxConnectionsPerServer = int.MaxValue,
        };
        tls.Apply(handler.SslOptions);
        return handler;
    }

    /// <summary>The gateway's watch: one JSON <see cref="WatchStreamLine"/> per line.</summary>
    private sealed class JsonWatchStream(HttpResponseMessage response, StreamReader reader) : IEtcdWatchStream
    {
        public async Task<WatchResponse?> ReadAsync(CancellationToken cancellationToken)
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                var parsed = System.Text.Json.JsonSerializer.Deserialize(line, EtcdJsonContext.Default.WatchStreamLine);
                if (parsed?.Error is { } error)
                {
                    throw EtcdErrors.FromGrpc(error.GrpcCode, error.Message ?? "watch failed", $"HTTP {error.HttpCode}");
                }

                if (parsed?.Result is { } result)
                {
                    return result;
                }
            }

            return null;
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}
