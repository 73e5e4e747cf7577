using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ApiBuilder.Runtime.Serialization;

/// <summary>Source-generated metadata for serializing JSON nodes without reflection.</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonArray))]
internal sealed partial class JsonNodeContext : JsonSerializerContext;
