using System.Buffers.Binary;
using System.Text;

namespace ApiBuilder.Runtime.OpenApi;

/// <summary>
/// Writes one protocol buffers message in the wire format: varints, 64-bit doubles and length-delimited fields
/// (strings and nested messages, each written by a nested writer). Proto3 defaults (empty, false, 0) are left out.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream buffer = new();

    public byte[] ToArray() => buffer.ToArray();

    public void String(int field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        Bytes(field, Encoding.UTF8.GetBytes(value));
    }

    public void Bool(int field, bool value)
    {
        if (value)
        {
            Tag(field, 0);
            Varint(1);
        }
    }

    public void Int64(int field, long value)
    {
        if (value != 0)
        {
            Tag(field, 0);
            Varint(unchecked((ulong)value));
        }
    }

    public void Double(int field, double value)
    {
        if (value != 0)
        {
            Tag(field, 1);
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
            buffer.Write(bytes);
        }
    }

    /// <summary>A member of a oneof or of a repeated field: written even when it is the default.</summary>
    public void Present(int field, bool value)
    {
        Tag(field, 0);
        Varint(value ? 1UL : 0UL);
    }

    /// <summary>A member of a repeated field: written even when empty.</summary>
    public void Present(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A nested message, written even when empty (its presence can mean something, as in a oneof).</summary>
    public void Message(int field, Action<ProtoWriter> write)
    {
        var nested = new ProtoWriter();
        write(nested);
        Bytes(field, nested.ToArray());
    }

    private void Bytes(int field, byte[] value)
    {
        Tag(field, 2);
        Varint((ulong)value.Length);
        buffer.Write(value);
    }

    private void Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.WriteByte((byte)value);
    }
}
