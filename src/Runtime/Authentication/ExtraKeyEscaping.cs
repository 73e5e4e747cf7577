using System.Text;

namespace ApiBuilder.Runtime.Authentication;

/// <summary>
/// Decodes the key of an <c>X-Remote-Extra-</c> header. The aggregator percent-encodes the bytes
/// that are not legal in a header name (client-go <c>headerKeyEscape</c>); the decoding mirrors
/// Go's <c>url.PathUnescape</c>, keeping the key as it is when an escape is malformed.
/// </summary>
internal static class ExtraKeyEscaping
{
    /// <summary>client-go's <c>headerKeyEscape</c>: bytes that are not header token characters, and <c>%</c>, become <c>%XX</c>.</summary>
    public static string Escape(string key)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            var c = (char)b;
            var legal = b < 0x80 && c != '%' && (char.IsAsciiLetterOrDigit(c) || "!#$&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
            text.Append(legal ? c : $"%{b:X2}");
        }

        return text.ToString();
    }

    public static string Unescape(string key)
    {
        if (!key.Contains('%', StringComparison.Ordinal))
        {
            return key;
        }

        var encoded = Encoding.UTF8.GetBytes(key);
        var decoded = new byte[encoded.Length];
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] != (byte)'%')
            {
                decoded[length++] = encoded[i];
                continue;
            }

            if (i + 2 >= encoded.Length || !Uri.IsHexDigit((char)encoded[i + 1]) || !Uri.IsHexDigit((char)encoded[i + 2]))
            {
                return key;
            }

            decoded[length++] = (byte)((Uri.FromHex((char)encoded[i + 1]) << 4) | Uri.FromHex((char)encoded[i + 2]));
            i += 2;
        }

        return Encoding.UTF8.GetString(decoded, 0, length);
    }
}
