using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Storage;

/// <summary>A value read from storage with the revision of its last change.</summary>
/// <remarks>
/// A backend that keeps bytes hands out the object as its UTF-8 JSON, parsed into
/// <see cref="Value"/> on first use: the watch cache keeps only those bytes, and writes them out
/// as they are where nothing reads into the object.
/// </remarks>
public sealed record StoredObject
{
    private readonly byte[]? json;
    private JsonObject? value;

    /// <summary>A stored object.</summary>
    /// <param name="Key">The key.</param>
    /// <param name="Value">The object, with <c>metadata.resourceVersion</c> set to <paramref name="Revision"/>.</param>
    /// <param name="Revision">The revision of the object's last change.</param>
    public StoredObject(string Key, JsonObject Value, long Revision)
    {
        this.Key = Key;
        value = Value;
        this.Revision = Revision;
    }

    private StoredObject(string key, long revision, byte[] json)
    {
        Key = key;
        this.json = json;
        Revision = revision;
    }

    /// <summary>The key.</summary>
    public string Key { get; init; }

    /// <summary>The object, with <c>metadata.resourceVersion</c> set to <see cref="Revision"/>.</summary>
    public JsonObject Value
    {
        get => value ?? Parse();
        init
        {
            this.value = value;
            json = null;
        }
    }

    /// <summary>The revision of the object's last change.</summary>
    public long Revision { get; init; }

    /// <summary>The object's UTF-8 JSON while nothing has parsed it into <see cref="Value"/>; null otherwise.</summary>
    internal ReadOnlySpan<byte> UnparsedJson => UnparsedJsonMemory.Span;

    /// <summary><see cref="UnparsedJson"/> as memory (for <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>, which keeps it).</summary>
    internal ReadOnlyMemory<byte> UnparsedJsonMemory => Volatile.Read(ref value) is null && json is not null ? json : default;

    /// <summary>How stored JSON is parsed: as deep as it was checked to be.</summary>
    internal static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = StoredValues.MaxDepth };

    /// <summary>An object kept as its UTF-8 JSON: a JSON object already checked to be one, carrying its revision.</summary>
    internal static StoredObject FromJson(string key, byte[] json, long revision) => new(key, revision, json);

    /// <summary>The length of the object's UTF-8 JSON when it was read as bytes; 0 otherwise.</summary>
    internal int JsonLength => json?.Length ?? 0;

    /// <summary>Whether the object's top-level <c>apiVersion</c> is <paramref name="groupVersion"/>, read without parsing it when it is unparsed.</summary>
    internal bool HasApiVersion(string groupVersion)
    {
        if (UnparsedJson is not { IsEmpty: false } raw)
        {
            return Value["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var text) && text == groupVersion;
        }

        var reader = new Utf8JsonReader(raw, new JsonReaderOptions { MaxDepth = StoredValues.MaxDepth });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isApiVersion = reader.ValueTextEquals("apiVersion"u8);
            reader.Read();
            if (isApiVersion)
            {
                // The last apiVersion would win in a parsed object; stored values have one.
                return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(groupVersion);
            }

            reader.Skip();
        }

        return false;
    }

    /// <summary>Deconstructs the object into its key, value and revision.</summary>
    public void Deconstruct(out string Key, out JsonObject Value, out long Revision)
    {
        Key = this.Key;
        Value = this.Value;
        Revision = this.Revision;
    }

    /// <summary>
    /// The same object without its parsed value, for a holder that keeps it long (the watch cache):
    /// whoever reads into the copy parses it for themselves, so what the holder keeps stays bytes.
    /// </summary>
    internal StoredObject Unparsed() => json is null ? this : new StoredObject(Key, Revision, json);

    /// <summary>Writes the object: its bytes as they are when it was not parsed, else the parsed value.</summary>
    internal void WriteTo(Utf8JsonWriter writer)
    {
        if (UnparsedJson is { IsEmpty: false } raw)
        {
            writer.WriteRawValue(raw, skipInputValidation: true);
        }
        else
        {
            Value.WriteTo(writer);
        }
    }

    private JsonObject Parse()
    {
        var parsed = (JsonObject)JsonNode.Parse(json, documentOptions: DocumentOptions)!;
        return Interlocked.CompareExchange(ref value, parsed, null) ?? parsed;
    }
}
