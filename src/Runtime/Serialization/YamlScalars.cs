using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ApiBuilder.Runtime.Serialization;

/// <summary>
/// How plain (unquoted) YAML scalars map to JSON values, after the YAML 1.2 core schema:
/// <c>null</c>/<c>~</c>/empty, <c>true</c>/<c>false</c> in three spellings, decimal, <c>0o</c> octal
/// and <c>0x</c> hex integers, and decimal floats. Everything else is a string. Numbers become the
/// same CLR types as in JSON bodies (long, then decimal, then double) so both formats decode alike.
/// </summary>
internal static partial class YamlScalars
{
    /// <summary>The outcome of resolving a scalar.</summary>
    public enum Kind
    {
        String,
        Null,
        Boolean,
        Integer,
        Float,
        NotANumber,
        Infinity,
    }

    /// <summary>What a plain scalar with this text means.</summary>
    public static Kind Classify(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => Kind.Null,
        "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => Kind.Boolean,
        ".nan" or ".NaN" or ".NAN" => Kind.NotANumber,
        _ when Infinity().IsMatch(text) => Kind.Infinity,
        _ when DecimalInteger().IsMatch(text) || OctalInteger().IsMatch(text) || HexInteger().IsMatch(text) => Kind.Integer,
        _ when Float().IsMatch(text) => Kind.Float,
        _ => Kind.String,
    };

    /// <summary>
    /// Whether a string must be quoted so that a YAML reader gives it back as a string. Besides
    /// what <see cref="Classify"/> resolves, this covers the YAML 1.1 forms that Kubernetes' Go
    /// YAML library still resolves (yes/no/on/off, underscores in numbers, base-60, binary,
    /// timestamps): output meant for kubectl must not turn the string "no" into false.
    /// </summary>
    public static bool NeedsQuotes(string text) => Classify(text) != Kind.String || Yaml11NonString().IsMatch(text);

    /// <summary>The JSON value of a plain scalar already classified as <paramref name="kind"/>.</summary>
    /// <exception cref="FormatException">The value cannot be represented in JSON.</exception>
    public static JsonNode? ToJson(string text, Kind kind) => kind switch
    {
        Kind.String => JsonValue.Create(text),
        Kind.Null => null,
        Kind.Boolean => JsonValue.Create(text[0] is 't' or 'T'),
        Kind.Integer => Integer(text),
        Kind.Float => Number(text),
        Kind.NotANumber => throw new FormatException($"the value {text} (not a number) cannot be represented in JSON"),
        _ => throw new FormatException($"the value {text} (infinity) cannot be represented in JSON"),
    };

    private static JsonNode Integer(string text)
    {
        BigInteger value;
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            // A leading zero keeps the hex digits unsigned.
            value = BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        else if (text.StartsWith("0o", StringComparison.Ordinal))
        {
            value = BigInteger.Zero;
            foreach (var digit in text.AsSpan(2))
            {
                value = (value * 8) + (digit - '0');
            }
        }
        else
        {
            value = BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        if (value >= long.MinValue && value <= long.MaxValue)
        {
            return JsonValue.Create((long)value);
        }

        return value >= (BigInteger)decimal.MinValue && value <= (BigInteger)decimal.MaxValue
            ? JsonValue.Create((decimal)value)
            : Double((double)value, text);
    }

    private static JsonNode Number(string text)
    {
        var hasExponent = text.AsSpan().ContainsAny('e', 'E');
        if (!hasExponent && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
        {
            return JsonValue.Create(exact);
        }

        return Double(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), text);
    }

    private static JsonNode Double(double value, string text) => double.IsFinite(value)
        ? JsonValue.Create(value)
        : throw new FormatException($"the number {text} is too large to be represented in JSON");

    [GeneratedRegex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^0o[0-7]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OctalInteger();

    [GeneratedRegex(@"^0x[0-9a-fA-F]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HexInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();

    [GeneratedRegex(@"^[-+]?\.(inf|Inf|INF)$", RegexOptions.CultureInvariant)]
    private static partial Regex Infinity();

    [GeneratedRegex(
        @"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|=|<<" +
        @"|[-+]?0b[01_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*" +
        @"|[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?" +
        @"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)" +
        @"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+|$).*)$",
        RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Yaml11NonString();
}
