using System.Text;
using System.Text.RegularExpressions;

namespace ApiBuilder.Runtime.Validation;

/// <summary>
/// Kubernetes' name rules (k8s.io/apimachinery/pkg/util/validation) with its error wording:
/// DNS-1123 labels and subdomains, qualified names (label keys, annotation keys, finalizers) and
/// label values. Each method returns the problems, empty when the input is valid. Lengths are
/// UTF-8 bytes and patterns anchor with <c>\z</c>, as in Go.
/// </summary>
internal static partial class NameRules
{
    private const string Dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFormat = Dns1123LabelFormat + "(\\." + Dns1123LabelFormat + ")*";
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";
    private const string QualifiedNameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    /// <summary>A DNS-1123 subdomain (most object names, API groups).</summary>
    public static List<string> IsDns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > 253)
        {
            errors.Add(MaxLength(253));
        }

        if (!Dns1123Subdomain().IsMatch(value))
        {
            errors.Add(RegexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", Dns1123SubdomainFormat, "example.com"));
        }

        return errors;
    }

    /// <summary>A DNS-1123 label (namespaces, versions, resource names).</summary>
    public static List<string> IsDns1123Label(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > 63)
        {
            errors.Add(MaxLength(63));
        }

        if (!Dns1123Label().IsMatch(value))
        {
            errors.Add(RegexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", Dns1123LabelFormat, "my-name", "123-abc"));
        }

        return errors;
    }

    /// <summary>A qualified name, <c>[prefix/]name</c>: annotation keys, finalizers.</summary>
    public static List<string> IsQualifiedName(string value) => IsQualifiedName(value, "a qualified name");

    /// <summary>A label key: a qualified name, reported in label wording.</summary>
    public static List<string> IsLabelKey(string value) => IsQualifiedName(value, "a valid label key");

    private static List<string> IsQualifiedName(string value, string what)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
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
                    errors.AddRange(IsDns1123Subdomain(parts[0]).Select(e => "prefix part " + e));
                }

                break;
            default:
                errors.Add(what + " " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (ByteLength(name) > 63)
        {
            errors.Add("name part " + MaxLength(63));
        }

        if (!QualifiedName().IsMatch(name))
        {
            errors.Add("name part " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        }

        return errors;
    }

    /// <summary>A label value (may be empty).</summary>
    public static List<string> IsLabelValue(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > 63)
        {
            errors.Add(MaxLength(63));
        }

        if (!LabelValue().IsMatch(value))
        {
            errors.Add(RegexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", LabelValueFormat, "MyValue", "my_value", "12345"));
        }

        return errors;
    }

    private static int ByteLength(string value) => Encoding.UTF8.GetByteCount(value);

    private static string MaxLength(int length) => $"must be no more than {length} bytes";

    // The double space after each comma is Kubernetes' own wording; clients may compare messages.
    private static string RegexError(string message, string format, params string[] examples) =>
        $"{message} (e.g. {string.Join(" or ", examples.Select(e => $"'{e}', "))}regex used for validation is '{format}')";

    [GeneratedRegex("^" + Dns1123LabelFormat + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^" + Dns1123SubdomainFormat + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^" + QualifiedNameFormat + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^" + LabelValueFormat + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValue();
}
