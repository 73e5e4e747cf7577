namespace ApiBuilder.Runtime.ManagedFields;

/// <summary>A value that cannot be split into fields by its schema (a list item without its key, duplicate items in an applied list).</summary>
internal sealed class FieldPathException(string message) : Exception(message);
