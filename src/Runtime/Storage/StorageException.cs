namespace ApiBuilder.Runtime.Storage;

/// <summary>Why a storage operation failed; the server maps each to its Kubernetes Status.</summary>
public enum StorageErrorCode
{
    /// <summary>The key does not exist (404 NotFound).</summary>
    KeyNotFound,

    /// <summary>The key exists already (409 AlreadyExists).</summary>
    KeyExists,

    /// <summary>The key's revision is not the expected one (409 Conflict; the server retries patches).</summary>
    Conflict,

    /// <summary>The revision asked for is older than the history kept (410 Expired; clients relist).</summary>
    RevisionCompacted,

    /// <summary>The backend cannot be reached now (503 with Retry-After; <c>/readyz</c> fails meanwhile).</summary>
    Unavailable,

    /// <summary>The value is larger than the backend accepts (etcd's --max-request-bytes, 1.5 MiB by default).</summary>
    TooLarge,
}

/// <summary>A storage failure with a machine-readable code. Storage implementations throw it; other exceptions are server errors.</summary>
/// <param name="code">What went wrong.</param>
/// <param name="key">The key concerned, or empty.</param>
/// <param name="message">A message for logs and Status messages.</param>
/// <param name="currentRevision">For <see cref="StorageErrorCode.RevisionCompacted"/>: the oldest revision still available.</param>
public sealed class StorageException(StorageErrorCode code, string key, string message, long currentRevision = 0)
    : Exception(message)
{
    /// <summary>What went wrong.</summary>
    public StorageErrorCode Code { get; } = code;

    /// <summary>The key concerned, or empty.</summary>
    public string Key { get; } = key;

    /// <summary>For <see cref="StorageErrorCode.RevisionCompacted"/>: the oldest revision still available.</summary>
    public long CurrentRevision { get; } = currentRevision;

    /// <summary>The key does not exist.</summary>
    public static StorageException NotFound(string key) => new(StorageErrorCode.KeyNotFound, key, $"key not found: {key}");

    /// <summary>The key exists already.</summary>
    public static StorageException Exists(string key) => new(StorageErrorCode.KeyExists, key, $"key exists: {key}");

    /// <summary>The key's revision is not the expected one.</summary>
    public static StorageException Conflict(string key) => new(StorageErrorCode.Conflict, key, $"revision conflict on {key}");

    /// <summary>The revision <paramref name="requested"/> is older than <paramref name="oldest"/>, the oldest kept.</summary>
    public static StorageException Compacted(long requested, long oldest) =>
        new(StorageErrorCode.RevisionCompacted, "", $"too old resource version: {requested} ({oldest})", oldest);
}
