using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization.Metadata;

namespace ApiBuilder.Runtime.Storage.Etcd;

/// <summary>
/// etcd's v3 API over its JSON gateway (<c>POST /v3/kv/range</c>, <c>/v3/kv/txn</c>, ...) with
/// failover between members: a request that could not reach a member goes to the next one, and
/// the member that answered is used first from then on. A request that reached a member and
/// then failed is retried elsewhere only when repeating it is harmless (reads); a write whose
/// outcome is unknown answers <see cref="StorageErrorCode.Unavailable"/>.
/// </summary>
internal sealed class EtcdClient : IDisposable
{
    private readonly IReadOnlyList<Uri> servers;
    private readonly TimeSpan requestTimeout;
    private readonly HttpClient http;
    private int preferred;

    public EtcdClient(EtcdStorageOptions options)
    {
        if (options.Servers.Count == 0)
        {
            throw new StorageConfigurationException("no etcd servers: pass --etcd-servers with the client URLs of the etcd members, e.g. http://127.0.0.1:2379");
        }

        servers = options.Servers;
        requestTimeout = options.RequestTimeout;
        http = new HttpClient(CreateHandler(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The member tried first.</summary>
    public Uri PreferredServer => servers[Volatile.Read(ref preferred) % servers.Count];

    public Task<RangeResponse> RangeAsync(RangeRequest request, CancellationToken cancellationToken) =>
        CallAsync("/v3/kv/range", request, EtcdJsonContext.Default.RangeRequest, EtcdJsonContext.Default.RangeResponse, idempotent: true, cancellationToken);

    public Task<TxnResponse> TxnAsync(TxnRequest request, CancellationToken cancellationToken) =>
        CallAsync("/v3/kv/txn", request, EtcdJsonContext.Default.TxnRequest, EtcdJsonContext.Default.TxnResponse, idempotent: false, cancellationToken);

    public Task<RangeResponse> CompactAsync(long revision, CancellationToken cancellationToken) =>
        CallAsync("/v3/kv/compaction", new CompactionRequest(revision), EtcdJsonContext.Default.CompactionRequest, EtcdJsonContext.Default.RangeResponse, idempotent: true, cancellationToken);

    public Task<StatusResponse> StatusAsync(CancellationToken cancellationToken) =>
        CallAsync("/v3/maintenance/status", new StatusRequest(), EtcdJsonContext.Default.StatusRequest, EtcdJsonContext.Default.StatusResponse, idempotent: true, cancellationToken);

    /// <summary>
    /// Opens the watch stream on the first member that accepts it; the caller reads JSON lines
    /// from the returned response and disposes it.
    /// </summary>
    public async Task<HttpResponseMessage> OpenWatchAsync(WatchRequest request, CancellationToken cancellationToken)
    {
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
                return response;
            }
            catch (Exception e) when (IsTransport(e) && !cancellationToken.IsCancellationRequested)
            {
                last = e;
            }
        }

        throw Unreachable(last);
    }

    public void Dispose() => http.Dispose();

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

    private static string Describe(Exception e) => e is OperationCanceledException ? "timed out" : e.Message;

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
        return EtcdErrors.FromGrpc(error?.Code ?? 0, message, response.StatusCode);
    }

    private static SocketsHttpHandler CreateHandler(EtcdStorageOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.RequestTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            // Watches hold a connection each; the gateway speaks HTTP/1.1.
            MaxConnectionsPerServer = int.MaxValue,
        };
        if ((options.CertFile is null) != (options.KeyFile is null))
        {
            throw new StorageConfigurationException("--etcd-certfile and --etcd-keyfile must be given together");
        }

        try
        {
            if (options.CertFile is { } certFile)
            {
                var certificate = X509Certificate2.CreateFromPemFile(certFile, options.KeyFile);
                handler.SslOptions.ClientCertificates = [X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null)];
            }

            if (options.CaFile is { } caFile)
            {
                var roots = new X509Certificate2Collection();
                roots.ImportFromPemFile(caFile);
                handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    certificate is not null && ChainsTo(new X509Certificate2(certificate), roots, errors);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new StorageConfigurationException($"cannot load the etcd TLS files (--etcd-cafile, --etcd-certfile, --etcd-keyfile): {e.Message}", e);
        }

        return handler;
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection roots, SslPolicyErrors errors)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
