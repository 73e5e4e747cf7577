using System.Text;
using System.Text.RegularExpressions;

namespace ApiBuilder.Runtime.Selection;

/// <summary>
/// Label key and value rules with the messages of k8s.io/apimachinery/pkg/api/validate/content
/// (<c>IsLabelKey</c>, <c>IsLabelValue</c>, <c>IsDNS1123Subdomain</c>). Each method returns the
/// list of problems, empty when the input is valid.
/// </summary>
internal static partial class LabelValidation
{
    private const int NameMaxLength = 63;
    private const int ValueMaxLength = 63;
    private const int SubdomainMaxLength = 253;
    private const string NameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string NameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string ValueFormat = "(" + NameFormat + ")?";
    private const string ValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string SubdomainFormat = @"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    public static List<string> LabelKeyErrors(string key)
    {
        var errors = new List<string>();
        var parts = key.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0)
                {
                    errors.Add("prefix part must be non-empty");
                }
                else
                {
                    errors.AddRange(SubdomainErrors(parts[0]).Select(e => "prefix part " + e));
                }

                break;
            default:
                errors.Add("a valid label key " + RegexError(NameMessage, NameFormat, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (ByteLength(name) > NameMaxLength)
        {
            errors.Add("name part " + MaxLengthError(NameMaxLength));
        }

        if (!NameRegex().IsMatch(name))
        {
            errors.Add("name part " + RegexError(NameMessage, NameFormat, "MyName", "my.name", "123-abc"));
        }

        return errors;
    }

    public static List<string> LabelValueErrors(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > ValueMaxLength)
        {
            errors.Add(MaxLengthError(ValueMaxLength));
        }

        if (!ValueRegex().IsMatch(value))
        {
            errors.Add(RegexError(ValueMessage, ValueFormat, "MyValue", "my_value", "12345"));
        }

        return errors;
    }

    /// <summary>A field error as Go prints it: <c>path: Invalid value: "bad": detail</c>.</summary>
    public static string InvalidValue(string path, string value, string detail) =>
        $"{path}: Invalid value: {GoQuote(value)}: {detail}";

    /// <summary>Quotes like Go's <c>%q</c>, so messages read the same as Kubernetes'.</summary>
    public static string GoQuote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\v': builder.Append("\\v"); break;
                default:
                    if (Rune.IsControl(rune))
                    {
                        builder.Append(rune.Value < 0x80 ? $"\\x{rune.Value:x2}" : $"\\u{rune.Value:x4}");
                    }
                    else
                    {
                        builder.Append(rune.ToString());
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static IEnumerable<string> SubdomainErrors(string value)
    {
        if (ByteLength(value) > SubdomainMaxLength)
        {
            yield return MaxLengthError(SubdomainMaxLength);
        }

        if (!SubdomainRegex().IsMatch(value))
        {
            yield return RegexError(SubdomainMessage, SubdomainFormat, "example.com");
        }
    }

    // Go measures strings in UTF-8 bytes.
    private static int ByteLength(string value) => Encoding.UTF8.GetByteCount(value);

    private static string MaxLengthError(int length) => $"must be no more than {length} bytes";

    // The double space after each comma is Kubernetes' own wording; clients may compare messages.
    private static string RegexError(string message, string format, params string[] examples) =>
        $"{message} (e.g. {string.Join(" or ", examples.Select(e => $"'{e}', "))}regex used for validation is '{format}')";

    // \z, not $: .NET's $ also matches before a trailing newline, Go's does not.
    [GeneratedRegex("^" + NameFormat + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();

    [GeneratedRegex("^" + ValueFormat + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex ValueRegex();

    [GeneratedRegex("^" + SubdomainFormat + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex SubdomainRegex();
}
