using System.Text.Json;

namespace ApiBuilder.Runtime.Objects;

/// <summary>Reads one value from a reader positioned on its first token; used by generated (de)serializers.</summary>
/// <typeparam name="T">Type read.</typeparam>
public delegate T JsonReadFunc<out T>(ref Utf8JsonReader reader);
