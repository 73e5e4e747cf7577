using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiBuilder.Runtime.Patch;

/// <summary>
/// Nesting depth and encoded size of JSON values, for the limits patches are held to. Both walk
/// the value, so callers bound the value's depth first (<see cref="NestsDeeperThan"/> never goes
/// more than one level past its limit).
/// </summary>
internal static class JsonMeasure
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>True when <paramref name="node"/> has more than <paramref name="maxDepth"/> levels of objects and arrays.</summary>
    public static bool NestsDeeperThan(JsonNode? node, int maxDepth) => node switch
    {
        JsonObject obj => maxDepth == 0 || obj.Any(p => NestsDeeperThan(p.Value, maxDepth - 1)),
        JsonArray array => maxDepth == 0 || array.Any(e => NestsDeeperThan(e, maxDepth - 1)),
        _ => false,
    };

    /// <summary>The length in bytes of the compact UTF-8 JSON text of <paramref name="node"/>.</summary>
    public static long EncodedSize(JsonNode? node)
    {
        if (node is null)
        {
            return 4; // null
        }

        var counter = new CountingBufferWriter();
        using (var writer = new Utf8JsonWriter(counter, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return counter.Count;
    }

    /// <summary>Counts what is written without keeping it: one reused buffer, grown only for a larger single value.</summary>
    private sealed class CountingBufferWriter : IBufferWriter<byte>
    {
        private byte[] buffer = new byte[16 * 1024];

        public long Count { get; private set; }

        public void Advance(int count) => Count += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            if (sizeHint > buffer.Length)
            {
                buffer = new byte[sizeHint];
            }

            return buffer;
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }
}
