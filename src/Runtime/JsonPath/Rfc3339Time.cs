using System.Globalization;
using System.Text.RegularExpressions;

namespace ApiBuilder.Runtime.JsonPath;

/// <summary>
/// Parses timestamps the way Kubernetes reads <c>metav1.Time</c> (Go's <c>time.RFC3339</c> layout):
/// <c>2024-05-01T10:00:00Z</c>, optional fractional seconds, and a <c>Z</c> or <c>±hh:mm</c> offset.
/// </summary>
internal static partial class Rfc3339Time
{
    /// <summary>The decimal number in <paramref name="text"/> at <paramref name="start"/>; -1 when a character is not a digit.</summary>
    private static int Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = text[i];
            if (c is < '0' or > '9')
            {
                return -1;
            }

            value = (value * 10) + (c - '0');
        }

        return value;
    }

    public static bool TryParse(string text, out DateTimeOffset instant)
    {
        instant = default;

        // The form the server itself writes (metav1.Time: seconds, UTC), without the regular expression.
        if (text.Length == 20 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == 'Z'
            && Digits(text, 0, 4) is var y and >= 1 && Digits(text, 5, 2) is var mo and >= 1 and <= 12
            && Digits(text, 8, 2) is var d and >= 1 && d <= DateTime.DaysInMonth(y, mo)
            && Digits(text, 11, 2) is var h and >= 0 and <= 23 && Digits(text, 14, 2) is var mi and >= 0 and <= 59
            && Digits(text, 17, 2) is var sec and >= 0 and <= 59)
        {
            instant = new DateTimeOffset(y, mo, d, h, mi, sec, TimeSpan.Zero);
            return true;
        }

        var match = Rfc3339Regex().Match(text);
        if (!match.Success)
        {
            return false;
        }

        int Part(string name) => int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);

        var (year, month, day) = (Part("year"), Part("month"), Part("day"));
        var (hour, minute, second) = (Part("hour"), Part("minute"), Part("second"));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        // Ticks hold 7 fractional digits; Go keeps 9, which no age display can show anyway.
        var fraction = match.Groups["fraction"].Value;
        var ticks = fraction.Length == 0
            ? 0
            : long.Parse(fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);

        var offset = TimeSpan.Zero;
        if (match.Groups["offsetHours"].Success)
        {
            var (offsetHours, offsetMinutes) = (Part("offsetHours"), Part("offsetMinutes"));
            if (offsetHours > 23 || offsetMinutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (match.Groups["sign"].Value == "-")
            {
                offset = -offset;
            }
        }

        // Go accepts offsets up to 23:59, DateTimeOffset only 14:00, so the instant is built in UTC.
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        var utcTicks = local.Ticks + ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        instant = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return true;
    }

    // [0-9], not \d: .NET's \d also matches non-ASCII digits.
    [GeneratedRegex(
        @"^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})T(?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(\.(?<fraction>[0-9]+))?(Z|(?<sign>[+-])(?<offsetHours>[0-9]{2}):(?<offsetMinutes>[0-9]{2}))\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339Regex();
}
