using System.Text;
using System.Text.Unicode;

namespace ApiBuilder.Runtime.Serialization;

/// <summary>
/// Checks that request bodies are UTF-8 before they are decoded. Go's decoders would replace
/// invalid bytes with U+FFFD; ApiBuilder refuses them instead (400), so what is stored is always
/// what the client sent.
/// </summary>
internal static class Utf8Input
{
    /// <summary>The offset of the first byte that is not part of valid UTF-8, or -1 when all are.</summary>
    public static int FirstInvalidByte(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            return -1;
        }

        var offset = 0;
        while (offset < utf8.Length)
        {
            if (Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }
}
