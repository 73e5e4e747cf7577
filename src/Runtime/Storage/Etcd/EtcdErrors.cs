using System.Net;

namespace ApiBuilder.Runtime.Storage.Etcd;

/// <summary>etcd's gRPC status codes (as the JSON gateway reports them) as storage errors.</summary>
internal static class EtcdErrors
{
    private const int OutOfRange = 11;

    public static StorageException FromGrpc(int code, string message, HttpStatusCode status)
    {
        if (code == OutOfRange && message.Contains("compacted", StringComparison.Ordinal))
        {
            return new StorageException(StorageErrorCode.RevisionCompacted, "", "etcd: " + message);
        }

        if (code == OutOfRange && message.Contains("future revision", StringComparison.Ordinal))
        {
            return new StorageException(StorageErrorCode.RevisionCompacted, "", "etcd: " + message + " (newer than the current revision)");
        }

        // Everything else (no leader, timeouts, too many requests, bad requests) is the server's
        // problem, not the client's: 503 with a retry, as kube-apiserver answers.
        return new StorageException(StorageErrorCode.Unavailable, "", $"etcd answered {(int)status}: {message}");
    }
}
