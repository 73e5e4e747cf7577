namespace ApiBuilder.Runtime.Storage;

/// <summary>Why a storage operation failed; mapped to a Status by the registry.</summary>
internal enum StorageErrorCode
{
    KeyNotFound,
    KeyExists,
    Conflict,
    RevisionCompacted,
    Unavailable,

    /// <summary>The value is larger than the backend accepts (etcd's --max-request-bytes, 1.5 MiB by default).</summary>
    TooLarge,
}

/// <summary>A storage failure with a machine-readable code.</summary>
internal sealed class StorageException(StorageErrorCode code, string key, string message, long currentRevision = 0)
    : Exception(message)
{
    public StorageErrorCode Code { get; } = code;

    public string Key { get; } = key;

    /// <summary>For <see cref="StorageErrorCode.RevisionCompacted"/>: the oldest revision still available.</summary>
    public long CurrentRevision { get; } = currentRevision;

    public static StorageException NotFound(string key) => new(StorageErrorCode.KeyNotFound, key, $"key not found: {key}");

    public static StorageException Exists(string key) => new(StorageErrorCode.KeyExists, key, $"key exists: {key}");

    public static StorageException Conflict(string key) => new(StorageErrorCode.Conflict, key, $"revision conflict on {key}");

    public static StorageException Compacted(long requested, long oldest) =>
        new(StorageErrorCode.RevisionCompacted, "", $"too old resource version: {requested} ({oldest})", oldest);
}
