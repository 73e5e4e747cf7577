namespace ApiBuilder.Runtime.JsonPath;

/// <summary>A JSONPath expression that does not parse.</summary>
internal sealed class JsonPathParseException(string message) : Exception(message);
