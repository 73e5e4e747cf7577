namespace ApiBuilder.Runtime.Storage.Etcd;

/// <summary>etcd's gRPC status codes (from gRPC itself or as the JSON gateway reports them) as storage errors.</summary>
internal static class EtcdErrors
{
    private const int InvalidArgument = 3;
    private const int ResourceExhausted = 8;
    private const int OutOfRange = 11;

    /// <param name="code">The gRPC status code.</param>
    /// <param name="message">etcd's message.</param>
    /// <param name="answer">How the answer came, for the message: <c>HTTP 503</c> from the gateway, the gRPC status otherwise.</param>
    public static StorageException FromGrpc(int code, string message, string answer)
    {
        if (code == OutOfRange && message.Contains("compacted", StringComparison.Ordinal))
        {
            return new StorageException(StorageErrorCode.RevisionCompacted, "", "etcd: " + message);
        }

        if (code == OutOfRange && message.Contains("future revision", StringComparison.Ordinal))
        {
            return new StorageException(StorageErrorCode.RevisionCompacted, "", "etcd: " + message + " (newer than the current revision)");
        }

        // Over --max-request-bytes etcd answers "etcdserver: request is too large"; well over it the
        // gRPC server refuses the message itself ("received message larger than max"). Neither is
        // the storage's fault nor helped by a retry: the object is too large to store.
        if ((code == InvalidArgument && message.Contains("request is too large", StringComparison.Ordinal))
            || (code == ResourceExhausted && message.Contains("larger than max", StringComparison.Ordinal)))
        {
            return new StorageException(StorageErrorCode.TooLarge, "", "etcd: " + message);
        }

        // Everything else (no leader, timeouts, too many requests, bad requests) is the server's
        // problem, not the client's: 503 with a retry, as kube-apiserver answers.
        return new StorageException(StorageErrorCode.Unavailable, "", $"etcd answered {answer}: {message}");
    }
}
