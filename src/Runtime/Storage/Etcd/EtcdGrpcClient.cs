using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using V3 = ApiBuilder.Runtime.Storage.Etcd.Rpc;

namespace ApiBuilder.Runtime.Storage.Etcd;

/// <summary>
/// etcd's v3 gRPC API (HTTP/2, protobuf, as kube-apiserver and etcdctl speak it) with failover
/// between members: one channel per member; a call that could not reach a member goes to the
/// next one, and the member that answered is used first from then on. A read is repeated on
/// another member when one fails; a write whose outcome is unknown answers
/// <see cref="StorageErrorCode.Unavailable"/> and is not repeated.
/// </summary>
internal sealed class EtcdGrpcClient : IEtcdClient
{
    /// <summary>Time limit of the probe that tells why a connection broke (<see cref="EtcdTlsConfig.DiagnoseAsync"/>).</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Watches ask the member to end them when it loses its leader, as etcd's own client does with WithRequireLeader.</summary>
    private static readonly Metadata RequireLeader = [new Metadata.Entry("hasleader", "true")];

    private readonly IReadOnlyList<Uri> servers;
    private readonly TimeSpan requestTimeout;
    private readonly EtcdTlsConfig tls;
    private readonly Member[] members;
    private int preferred;

    public EtcdGrpcClient(EtcdStorageOptions options)
    {
        if (options.Servers.Count == 0)
        {
            throw new StorageConfigurationException("no etcd servers: pass --etcd-servers with the client URLs of the etcd members, e.g. http://127.0.0.1:2379");
        }

        servers = options.Servers;
        requestTimeout = options.RequestTimeout;
        tls = EtcdTlsConfig.Load(options);
        members = [.. servers.Select(server => new Member(server, options, tls))];
    }

    public Uri PreferredServer => servers[Volatile.Read(ref preferred) % servers.Count];

    public async Task<RangeResponse> RangeAsync(RangeRequest request, CancellationToken cancellationToken)
    {
        var message = ToProto(request);
        var response = await CallAsync("range", (m, o) => m.Kv.RangeAsync(message, o).ResponseAsync, idempotent: true, cancellationToken).ConfigureAwait(false);
        return FromProto(response);
    }

    public async Task<TxnResponse> TxnAsync(TxnRequest request, CancellationToken cancellationToken)
    {
        var message = new V3.TxnRequest();
        foreach (var compare in request.Compare)
        {
            message.Compare.Add(ToProto(compare));
        }

        message.Success.AddRange(request.Success.Select(ToProto));
        message.Failure.AddRange((request.Failure ?? []).Select(ToProto));
        var response = await CallAsync("txn", (m, o) => m.Kv.TxnAsync(message, o).ResponseAsync, idempotent: false, cancellationToken).ConfigureAwait(false);
        return new TxnResponse(FromProto(response.Header), response.Succeeded, [.. response.Responses.Select(FromProto)]);
    }

    public Task CompactAsync(long revision, CancellationToken cancellationToken) =>
        CallAsync("compaction", (m, o) => m.Kv.CompactAsync(new V3.CompactionRequest { Revision = revision }, o).ResponseAsync, idempotent: true, cancellationToken);

    public async Task<StatusResponse> StatusAsync(CancellationToken cancellationToken)
    {
        var response = await CallAsync("status", (m, o) => m.Maintenance.StatusAsync(new V3.StatusRequest(), o).ResponseAsync, idempotent: true, cancellationToken).ConfigureAwait(false);
        return new StatusResponse(FromProto(response.Header), response.Version, (long)response.Leader, [.. response.Errors]);
    }

    /// <summary>
    /// Opens a watch stream on the first member that accepts it: the create request is sent and
    /// etcd's first answer read here, so an unreachable member is passed over before the caller reads.
    /// </summary>
    public async Task<IEtcdWatchStream> WatchAsync(WatchCreateRequest request, CancellationToken cancellationToken)
    {
        var create = new V3.WatchRequest
        {
            CreateRequest = new V3.WatchCreateRequest
            {
                Key = Bytes(request.Key),
                RangeEnd = Bytes(request.RangeEnd),
                StartRevision = request.StartRevision,
                ProgressNotify = request.ProgressNotify,
                PrevKv = request.PrevKv,
            },
        };
        Exception? last = null;
        var first = Volatile.Read(ref preferred);
        for (var attempt = 0; attempt < members.Length; attempt++)
        {
            var index = (first + attempt) % members.Length;
            var call = members[index].Watch.Watch(new CallOptions(RequireLeader, cancellationToken: CancellationToken.None));
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(requestTimeout);
                await call.RequestStream.WriteAsync(create, timeout.Token).ConfigureAwait(false);
                if (!await call.ResponseStream.MoveNext(timeout.Token).ConfigureAwait(false))
                {
                    throw new StorageException(StorageErrorCode.Unavailable, "", $"etcd {servers[index]} closed the watch before accepting it");
                }

                Volatile.Write(ref preferred, index);
                return new GrpcWatchStream(call, FromProto(call.ResponseStream.Current));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is RpcException or OperationCanceledException or IOException or StorageException)
            {
                call.Dispose();
                last = e is RpcException rpc ? await ErrorAsync(index, rpc, "watch", cancellationToken).ConfigureAwait(false) : e;
                if (last is StorageException { Code: not StorageErrorCode.Unavailable } definite)
                {
                    throw definite;
                }
            }
            catch (RpcException e) when (cancellationToken.IsCancellationRequested)
            {
                call.Dispose();
                throw new OperationCanceledException(e.Message, e, cancellationToken);
            }
            catch
            {
                call.Dispose();
                throw;
            }
        }

        Volatile.Write(ref preferred, (first + 1) % members.Length);
        throw last as StorageException ?? Unreachable(last);
    }

    public void Dispose()
    {
        foreach (var member in members)
        {
            member.Dispose();
        }

        tls.Dispose();
    }

    private async Task<T> CallAsync<T>(string what, Func<Member, CallOptions, Task<T>> call, bool idempotent, CancellationToken cancellationToken)
    {
        Exception? last = null;
        var first = Volatile.Read(ref preferred);
        for (var attempt = 0; attempt < members.Length; attempt++)
        {
            var index = (first + attempt) % members.Length;
            try
            {
                var response = await call(members[index], new CallOptions(deadline: DateTime.UtcNow + requestTimeout, cancellationToken: cancellationToken)).ConfigureAwait(false);
                Volatile.Write(ref preferred, index);
                return response;
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                var error = await ErrorAsync(index, e, what, cancellationToken).ConfigureAwait(false);
                if (error.Code != StorageErrorCode.Unavailable)
                {
                    // etcd's own answer (compacted, too large): the same on every member.
                    Volatile.Write(ref preferred, index);
                    throw error;
                }

                last = error;
                var applied = !IsTransport(e) || !IsConnectFailure(e);
                if (!idempotent && applied && !IsRefusedHandshake(error))
                {
                    // This member may have applied the write: repeating it elsewhere could report a
                    // false conflict. The next request goes elsewhere.
                    Volatile.Write(ref preferred, (index + 1) % members.Length);
                    throw IsTransport(e)
                        ? new StorageException(StorageErrorCode.Unavailable, "",
                            $"etcd {servers[index]} did not answer {what}: {error.Message}; the outcome is unknown, retry the request")
                        : error;
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled || cancellationToken.IsCancellationRequested)
            {
                // Whatever the call ended with, the caller stopped waiting for it.
                throw new OperationCanceledException(e.Message, e, cancellationToken);
            }
        }

        Volatile.Write(ref preferred, (first + 1) % members.Length);
        throw last as StorageException ?? Unreachable(last);
    }

    /// <summary>The storage error for a failed call: etcd's status mapped, or a transport failure explained.</summary>
    private async Task<StorageException> ErrorAsync(int index, RpcException e, string what, CancellationToken cancellationToken)
    {
        if (!IsTransport(e))
        {
            return EtcdErrors.FromGrpc((int)e.StatusCode, e.Status.Detail, $"{e.StatusCode}");
        }

        if (await TlsProblemAsync(index, e, cancellationToken).ConfigureAwait(false) is { } tlsProblem)
        {
            return tlsProblem;
        }

        return new StorageException(StorageErrorCode.Unavailable, "", $"etcd {servers[index]} did not answer {what}: {Describe(e)}");
    }

    private StorageException Unreachable(Exception? last) =>
        new(StorageErrorCode.Unavailable, "",
            $"no etcd member answered ({string.Join(", ", servers)}): {(last is null ? "no servers" : last.Message)}");

    /// <summary>Whether the call failed on this side (no connection, broken connection, deadline) rather than with etcd's answer.</summary>
    private static bool IsTransport(RpcException e) => e.Status.DebugException is not null || e.StatusCode == StatusCode.DeadlineExceeded;

    private static bool IsConnectFailure(RpcException e)
    {
        for (var x = e.Status.DebugException; x is not null; x = x.InnerException)
        {
            if (x is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError })
            {
                return true;
            }

            if (x is SocketException socket && IsConnectError(socket))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a socket error can only happen before a connection exists. A reset or abort comes from
    /// a connection that was made (and may have carried a request): TLS refusing it, or a member going away.
    /// </summary>
    internal static bool IsConnectError(SocketException e) => e.SocketErrorCode is
        SocketError.ConnectionRefused or SocketError.HostUnreachable or
        SocketError.NetworkUnreachable or SocketError.HostNotFound or
        SocketError.HostDown or SocketError.AddressNotAvailable or
        SocketError.TryAgain or SocketError.NoData;

    private static bool IsRefusedHandshake(StorageException e) => e.Data.Contains(RefusedKey);

    private const string RefusedKey = "tls-refused";

    private static string Describe(RpcException e)
    {
        if (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            return "timed out";
        }

        var innermost = e.Status.DebugException;
        while (innermost?.InnerException is { } inner)
        {
            innermost = inner;
        }

        return innermost is null ? e.Status.Detail : $"{e.Status.Detail.TrimEnd('.')}: {innermost.Message}";
    }

    /// <summary>
    /// When <paramref name="e"/> is TLS refusing the connection to member <paramref name="index"/>,
    /// that explained as an error (such a connection never carried a request); null otherwise.
    /// </summary>
    private async Task<StorageException?> TlsProblemAsync(int index, RpcException e, CancellationToken cancellationToken)
    {
        var explanation = e.Status.DebugException is { } debug ? EtcdTlsConfig.Explanation(debug) : null;
        if (explanation is null && e.Status.DebugException is not null && !IsPlainConnectFailure(e))
        {
            // The connection was made and then broke: ask a fresh one why.
            var limit = requestTimeout < ProbeTimeout ? requestTimeout : ProbeTimeout;
            explanation = await tls.DiagnoseAsync(servers[index], limit, cancellationToken).ConfigureAwait(false);
        }

        if (explanation is null)
        {
            return null;
        }

        var error = new StorageException(StorageErrorCode.Unavailable, "", explanation);
        error.Data[RefusedKey] = true;
        return error;
    }

    private static bool IsPlainConnectFailure(RpcException e)
    {
        for (var x = e.Status.DebugException; x is not null; x = x.InnerException)
        {
            if (x is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } ||
                (x is SocketException socket && IsConnectError(socket)))
            {
                return true;
            }
        }

        return false;
    }

    private static ByteString Bytes(byte[]? bytes) => bytes is null ? ByteString.Empty : UnsafeByteOperations.UnsafeWrap(bytes);

    private static V3.RangeRequest ToProto(RangeRequest r) => new()
    {
        Key = Bytes(r.Key),
        RangeEnd = Bytes(r.RangeEnd),
        Limit = r.Limit,
        Revision = r.Revision,
        CountOnly = r.CountOnly,
        Serializable = r.Serializable,
    };

    private static V3.Compare ToProto(Compare c)
    {
        var compare = new V3.Compare
        {
            Key = Bytes(c.Key),
            Result = c.Result switch
            {
                "EQUAL" => V3.Compare.Types.CompareResult.Equal,
                "GREATER" => V3.Compare.Types.CompareResult.Greater,
                "LESS" => V3.Compare.Types.CompareResult.Less,
                "NOT_EQUAL" => V3.Compare.Types.CompareResult.NotEqual,
                _ => throw new ArgumentException($"unknown compare result {c.Result}", nameof(c)),
            },
        };
        switch (c.Target)
        {
            case "CREATE":
                compare.Target = V3.Compare.Types.CompareTarget.Create;
                compare.CreateRevision = c.CreateRevision;
                break;
            case "MOD":
                compare.Target = V3.Compare.Types.CompareTarget.Mod;
                compare.ModRevision = c.ModRevision;
                break;
            default:
                throw new ArgumentException($"unsupported compare target {c.Target}", nameof(c));
        }

        return compare;
    }

    private static V3.RequestOp ToProto(RequestOp op)
    {
        if (op.RequestRange is { } range)
        {
            return new V3.RequestOp { RequestRange = ToProto(range) };
        }

        if (op.RequestPut is { } put)
        {
            return new V3.RequestOp { RequestPut = new V3.PutRequest { Key = Bytes(put.Key), Value = Bytes(put.Value), PrevKv = put.PrevKv } };
        }

        if (op.RequestDeleteRange is { } delete)
        {
            return new V3.RequestOp { RequestDeleteRange = new V3.DeleteRangeRequest { Key = Bytes(delete.Key), RangeEnd = Bytes(delete.RangeEnd), PrevKv = delete.PrevKv } };
        }

        throw new ArgumentException("empty request op", nameof(op));
    }

    private static ResponseHeader? FromProto(V3.ResponseHeader? header) => header is null ? null : new ResponseHeader(header.Revision);

    private static KeyValue? FromProto(V3.KeyValue? kv) =>
        kv is null ? null : new KeyValue(kv.Key.ToByteArray(), kv.CreateRevision, kv.ModRevision, kv.Version, kv.Value.IsEmpty ? null : kv.Value.ToByteArray());

    private static RangeResponse FromProto(V3.RangeResponse r)
    {
        var kvs = new KeyValue[r.Kvs.Count];
        for (var i = 0; i < kvs.Length; i++)
        {
            kvs[i] = FromProto(r.Kvs[i])!;
        }

        return new RangeResponse(FromProto(r.Header), kvs, r.More, r.Count);
    }

    private static ResponseOp FromProto(V3.ResponseOp op) => new(
        op.ResponseRange is { } range ? FromProto(range) : null,
        op.ResponsePut is { } put ? new PutResponse(FromProto(put.Header), FromProto(put.PrevKv)) : null,
        op.ResponseDeleteRange is { } delete ? new DeleteRangeResponse(FromProto(delete.Header), delete.Deleted, [.. delete.PrevKvs.Select(kv => FromProto(kv)!)]) : null);

    private static WatchResponse FromProto(V3.WatchResponse r) => new(
        FromProto(r.Header), r.Created, r.Canceled, r.CompactRevision, r.CancelReason.Length == 0 ? null : r.CancelReason,
        [.. r.Events.Select(e => new WatchEvent(e.Type == V3.Event.Types.EventType.Delete ? "DELETE" : "PUT", FromProto(e.Kv), FromProto(e.PrevKv)))]);

    /// <summary>One member: its channel and the clients of the services the storage calls.</summary>
    private sealed class Member : IDisposable
    {
        private readonly GrpcChannel channel;

        public Member(Uri server, EtcdStorageOptions options, EtcdTlsConfig tls)
        {
            var handler = new SocketsHttpHandler
            {
                ConnectTimeout = options.RequestTimeout,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                // Each watch holds an HTTP/2 stream; more than a connection's limit of streams opens another connection.
                EnableMultipleHttp2Connections = true,
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            };
            if (server.Scheme == Uri.UriSchemeHttps)
            {
                tls.Apply(handler.SslOptions);
            }

            channel = GrpcChannel.ForAddress(server, new GrpcChannelOptions
            {
                // An HttpClient rather than the handler: the channel then sends each call on the handler's
                // pool, which reconnects on the next call. Given the handler, it would manage connections
                // itself and fail calls fast for a reconnect backoff (up to two minutes) after a member
                // was down; failover between members is this class's job.
                HttpClient = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan },
                DisposeHttpClient = true,
                // A list page of large objects can exceed gRPC's default of 4 MiB; etcd bounds what it sends.
                MaxReceiveMessageSize = null,
            });
            Kv = new V3.KV.KVClient(channel);
            Watch = new V3.Watch.WatchClient(channel);
            Maintenance = new V3.Maintenance.MaintenanceClient(channel);
        }

        public V3.KV.KVClient Kv { get; }

        public V3.Watch.WatchClient Watch { get; }

        public V3.Maintenance.MaintenanceClient Maintenance { get; }

        public void Dispose() => channel.Dispose();
    }

    /// <summary>An open watch: the first response (read when it was opened), then the stream's.</summary>
    private sealed class GrpcWatchStream(AsyncDuplexStreamingCall<V3.WatchRequest, V3.WatchResponse> call, WatchResponse first) : IEtcdWatchStream
    {
        private WatchResponse? pending = first;

        public async Task<WatchResponse?> ReadAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref pending, null) is { } response)
            {
                return response;
            }

            try
            {
                return await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false) ? FromProto(call.ResponseStream.Current) : null;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(e.Message, e, cancellationToken);
            }
            catch (RpcException e)
            {
                // The member stopped, lost its leader (hasleader) or the connection broke: the watch resumes elsewhere.
                throw e.Status.DebugException is null
                    ? EtcdErrors.FromGrpc((int)e.StatusCode, e.Status.Detail, $"{e.StatusCode}") is { Code: not StorageErrorCode.Unavailable } definite
                        ? definite
                        : new StorageException(StorageErrorCode.Unavailable, "", $"etcd ended the watch: {e.Status.Detail}")
                    : new StorageException(StorageErrorCode.Unavailable, "", $"etcd watch broke: {e.Status.Detail}");
            }
        }

        public void Dispose() => call.Dispose();
    }
}
