namespace ApiBuilder.Runtime.Audit;

/// <summary>The audit flags cannot be used as given (unreadable or invalid policy, unwritable log); the message says which and why.</summary>
internal sealed class AuditConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
