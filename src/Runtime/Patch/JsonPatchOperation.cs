using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Patch;

/// <summary>
/// One validated operation of a JSON patch. <see cref="From"/> is set for move and copy only;
/// <see cref="Value"/> is meaningful for add, replace and test (a JSON null is a null node).
/// </summary>
internal sealed record JsonPatchOperation(
    JsonPatchOperationType Type,
    JsonPointer Path,
    JsonPointer? From,
    JsonNode? Value);
