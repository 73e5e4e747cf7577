using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary>
/// One step of a JSONPath: given a node, adds the nodes it selects to the output. Selecting from
/// something that is missing or of the wrong type adds nothing, which is how Kubernetes evaluates
/// printer columns (missing keys allowed).
/// </summary>
internal abstract class JsonPathSegment
{
    public abstract void Select(JsonNode? node, List<JsonNode?> output);
}
