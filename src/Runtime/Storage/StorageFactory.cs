namespace ApiBuilder.Runtime.Storage;

/// <summary>Storage that cannot be used as configured; the message names the file or flag and the fix.</summary>
internal sealed class StorageConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
