using System.Globalization;
using System.Text;
using ApiBuilder.Runtime.Errors;

namespace ApiBuilder.Runtime.Handlers;

/// <summary>The <c>fieldManager</c> of a write: validated as kube-apiserver validates it, or derived from the User-Agent.</summary>
internal static class FieldManagerName
{
    public const int MaxLength = 128;

    /// <summary>At most 128 bytes, printable characters only.</summary>
    public static IEnumerable<StatusCause> Validate(string manager)
    {
        if (Encoding.UTF8.GetByteCount(manager) > MaxLength)
        {
            yield return new StatusCause("FieldValueTooLong", $"Too long: may not be more than {MaxLength} bytes", "fieldManager");
        }

        var position = 0;
        foreach (var rune in manager.EnumerateRunes())
        {
            if (!IsPrintable(rune))
            {
                // The first one only: one cause per character, each quoting the whole value, would grow with its square.
                yield return new StatusCause("FieldValueInvalid",
                    $"Invalid value: {Quote(manager)}: invalid character U+{rune.Value.ToString("X4", CultureInfo.InvariantCulture)} (at position {position})", "fieldManager");
                yield break;
            }

            position += rune.Utf8SequenceLength;
        }
    }

    /// <summary>
    /// The manager of a write without <c>fieldManager</c>: the User-Agent up to its first <c>/</c>, printable characters
    /// only, at most 128 bytes (e.g. <c>kubectl</c> from <c>kubectl/v1.32.0 (linux/amd64)</c>); <c>unknown</c> when that is empty.
    /// </summary>
    public static string FromUserAgent(string userAgent)
    {
        var slash = userAgent.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash < 0 ? userAgent : userAgent[..slash];
        var text = new StringBuilder();
        var bytes = 0;
        foreach (var rune in prefix.EnumerateRunes())
        {
            if (!IsPrintable(rune))
            {
                continue;
            }

            if (bytes + rune.Utf8SequenceLength > MaxLength)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            text.Append(rune.ToString());
        }

        return text.Length > 0 ? text.ToString() : "unknown";
    }

    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static bool IsPrintable(Rune rune) => rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.SpaceSeparator => false,
        _ => true,
    };

    private static string Quote(string s)
    {
        var text = new StringBuilder();
        ManagedFields.CanonicalJson.WriteString(s, text);
        return text.ToString();
    }
}
