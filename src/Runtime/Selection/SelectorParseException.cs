namespace ApiBuilder.Runtime.Selection;

/// <summary>
/// A label or field selector that does not parse. The message has Kubernetes' wording; the server
/// answers it as 400 BadRequest.
/// </summary>
internal sealed class SelectorParseException(string message) : Exception(message);
