using System.Text.Json.Serialization;

namespace ApiBuilder.Runtime.Authentication;

/// <summary>Source-generated JSON for the ConfigMap's string arrays (no reflection, trimming-safe).</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class RequestHeaderJsonContext : JsonSerializerContext;
