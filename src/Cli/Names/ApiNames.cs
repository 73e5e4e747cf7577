using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ApiBuilder.Cli.Project;
using ApiBuilder.Generator.Parsing;

namespace ApiBuilder.Cli.Names;

/// <summary>
/// Checks the names a user types (domain, group, version, Kind, ...) with the rules of the
/// generator's analyzers (<see cref="NameRules"/>, compiled into this tool from the generator's
/// source), and derives the C# and file names made from them.
/// </summary>
internal static partial class ApiNames
{
    /// <summary>Fails unless <paramref name="domain"/> is a DNS subdomain such as <c>example.com</c>.</summary>
    public static void CheckDomain(string domain)
    {
        // The domain is a group suffix, so the group rules apply to it as they stand (a dot included).
        if (NameRules.GroupProblem(domain) is { } problem)
        {
            throw new UserError($"invalid domain \"{domain}\": {problem}", "Pass a lower-case DNS name you control, e.g. --domain example.com");
        }
    }

    /// <summary>Fails unless <paramref name="group"/> is one lower-case DNS label starting with a letter, e.g. <c>ships</c>.</summary>
    public static void CheckGroup(string group, string domain)
    {
        if (!NameRules.IsResourceName(group) || !char.IsAsciiLetterLower(group[0]))
        {
            throw new UserError(
                $"invalid group \"{group}\": it must be one lower-case DNS label starting with a letter (a-z, 0-9, '-'); the domain is added to it",
                "Pass e.g. --group ships (the API group becomes ships." + (domain.Length > 0 ? domain : "<domain>") + ")");
        }

        var full = group + "." + domain;
        if (NameRules.GroupProblem(full) is { } problem)
        {
            throw new UserError($"invalid API group \"{full}\": {problem}", "Pass a shorter --group");
        }
    }

    /// <summary>Fails unless <paramref name="version"/> is a Kubernetes API version such as <c>v1alpha1</c>.</summary>
    public static void CheckVersion(string version)
    {
        if (!NameRules.IsVersion(version))
        {
            throw new UserError(
                $"invalid version \"{version}\": it must look like v1, v1beta1 or v2alpha3",
                "Pass e.g. --version v1alpha1");
        }
    }

    /// <summary>Fails unless <paramref name="kind"/> is a PascalCase Kind name such as <c>Frigate</c>.</summary>
    public static void CheckKind(string kind, string? projectName = null)
    {
        if (!NameRules.IsKindName(kind))
        {
            throw new UserError(
                $"invalid kind \"{kind}\": it must be PascalCase letters and digits starting with an upper-case letter",
                "Pass e.g. --kind Frigate");
        }

        if (NameRules.MetaKindProblem(kind) is { } meta)
        {
            throw new UserError($"invalid kind \"{kind}\": {meta}", "Pass another --kind, e.g. --kind Frigate");
        }

        if (ReservedKinds.Contains(kind) || (projectName is not null && projectName.Split('.').Contains(kind, StringComparer.Ordinal)))
        {
            throw new UserError(
                $"invalid kind \"{kind}\": the name clashes with a type or namespace every generated project uses",
                "Pass another --kind, e.g. --kind Frigate");
        }
    }

    /// <summary>
    /// Fails when <paramref name="kind"/> and a Kind of the group in <paramref name="resources"/> are
    /// each other's derived names (<c>FrigateList</c>, <c>FrigateClient</c>, <c>FrigateSpec</c> beside <c>Frigate</c>).
    /// </summary>
    public static void CheckKindBeside(string kind, string group, IEnumerable<ResourceState> resources)
    {
        foreach (var other in resources.Where(r => r.Group == group && r.Kind != kind).Select(r => r.Kind).Distinct(StringComparer.Ordinal))
        {
            if (NameRules.DerivedNameProblem(kind, other, [.. NameRules.GeneratedSuffixes, .. NameRules.ScaffoldedSuffixes]) is { } problem)
            {
                throw new UserError($"invalid kind \"{kind}\": {problem} in group {group}", "Pass another --kind");
            }
        }

        foreach (var other in resources.Where(r => r.Group == group && r.Kind != kind))
        {
            foreach (var subresource in other.CustomSubresources)
            {
                if (SubresourceClass(other.Kind, subresource) == kind)
                {
                    throw new UserError(
                        $"invalid kind \"{kind}\": it is the name of {other.Kind}'s {subresource} subresource class ({kind}.cs) in group {group}",
                        "Pass another --kind");
                }
            }
        }
    }

    /// <summary>The class (and file) apiserver-boot writes for a custom subresource of a Kind.</summary>
    public static string SubresourceClass(string kind, string subresource) => kind + Pascal(subresource) + "Subresource";

    /// <summary>Fails when the class of <paramref name="kind"/>'s custom subresource would be named like a Kind of the group.</summary>
    public static void CheckSubresourceBeside(string kind, string subresource, string group, IEnumerable<ResourceState> resources)
    {
        var name = SubresourceClass(kind, subresource);
        if (resources.Any(r => r.Group == group && r.Kind == name))
        {
            throw new UserError(
                $"invalid subresource \"{subresource}\": its class {name} ({name}.cs) would have the name of the Kind {name} in group {group}",
                "Pass another --subresource name");
        }
    }

    /// <summary>Fails unless <paramref name="plural"/> is a DNS-1035 label (lower-case letters, digits and '-', starting with a letter), as a resource name must be.</summary>
    public static void CheckPlural(string plural)
    {
        if (!NameRules.IsResourceName(plural) || !char.IsAsciiLetterLower(plural[0]))
        {
            throw new UserError(
                $"invalid plural \"{plural}\": it must be a DNS-1035 label (a-z, 0-9 and '-', starting with a letter, at most 63 characters)",
                "Pass e.g. --plural people");
        }
    }

    /// <summary>Fails when another Kind of the same group-version already has <paramref name="resource"/>'s plural.</summary>
    public static void CheckPluralBeside(ResourceState resource, IEnumerable<ResourceState> resources)
    {
        if (resources.FirstOrDefault(r => r.Group == resource.Group && r.Version == resource.Version && r.Kind != resource.Kind && r.PluralName == resource.PluralName) is { } other)
        {
            throw new UserError(
                $"the plural \"{resource.PluralName}\" of {resource.Kind} is already the resource name of {other.Kind} in {resource.Group}/{resource.Version}",
                "Pass another --plural");
        }
    }

    /// <summary>Fails unless every short name is a lower-case DNS label.</summary>
    public static void CheckShortNames(IEnumerable<string> shortNames)
    {
        foreach (var name in shortNames)
        {
            if (!NameRules.IsResourceName(name))
            {
                throw new UserError(
                    $"invalid short name \"{name}\": short names must be lower-case DNS labels (a-z, 0-9, '-')",
                    "Pass e.g. --short-names fr,frg");
            }
        }
    }

    /// <summary>Fails unless <paramref name="subresource"/> is lower-case letters, e.g. <c>status</c> or <c>logs</c>.</summary>
    public static void CheckSubresource(string subresource)
    {
        if (!SubresourceName().IsMatch(subresource))
        {
            throw new UserError(
                $"invalid subresource \"{subresource}\": it must be lower-case letters only",
                "Pass e.g. --subresource status, --subresource scale or --subresource logs");
        }
    }

    /// <summary>Fails unless <paramref name="name"/> is a dotted C# identifier (project, assembly and root namespace name).</summary>
    public static void CheckProjectName(string name)
    {
        if (!ProjectName().IsMatch(name) || name.Split('.').Any(CSharpKeywords.Contains))
        {
            throw new UserError(
                $"invalid project name \"{name}\": it becomes the C# root namespace, so it must be letters, digits and '_' in dot-separated parts that start with a letter and are not C# keywords",
                "Pass e.g. --name Acme.ShipsServer");
        }
    }

    /// <summary>A project name made from a folder name: <c>ships-server</c> becomes <c>ShipsServer</c>.</summary>
    public static string ProjectNameFromFolder(string folder)
    {
        var text = new StringBuilder();
        var upper = true;
        foreach (var c in folder)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else if (c == '.')
            {
                text.Append('.');
                upper = true;
            }
            else
            {
                upper = true;
            }
        }

        var name = string.Join('.', text.ToString().Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => char.IsAsciiDigit(p[0]) ? "Server" + p : p));
        return name.Length == 0 ? "ApiServer" : name;
    }

    /// <summary>The server's lower-case name (kubeconfig context, container image): <c>Acme.ShipsServer</c> becomes <c>acme-ships-server</c>.</summary>
    public static string Kebab(string name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterUpper(c))
            {
                if (i > 0 && text.Length > 0 && text[^1] != '-' && (char.IsAsciiLetterLower(name[i - 1]) || char.IsAsciiDigit(name[i - 1])
                    || (i + 1 < name.Length && char.IsAsciiLetterLower(name[i + 1]) && char.IsAsciiLetterUpper(name[i - 1]))))
                {
                    text.Append('-');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != '-')
            {
                text.Append('-');
            }
        }

        return text.ToString().Trim('-');
    }

    /// <summary>PascalCase of a DNS label: <c>ships</c> → <c>Ships</c>, <c>sea-ships</c> → <c>SeaShips</c>.</summary>
    public static string Pascal(string label) =>
        string.Concat(label.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>C# name of a version: <c>v1alpha1</c> → <c>V1Alpha1</c>.</summary>
    public static string VersionPascal(string version) =>
        "V" + version[1..].Replace("alpha", "Alpha", StringComparison.Ordinal).Replace("beta", "Beta", StringComparison.Ordinal);

    /// <summary>The plural the generator gives a Kind (<c>Frigate</c> → <c>frigates</c>).</summary>
    public static string Plural(string kind) => NameRules.Pluralize(kind);

    /// <summary>Lower-case Kind, for file names and kubectl: <c>Frigate</c> → <c>frigate</c>.</summary>
    public static string Lower(string kind) => kind.ToLower(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SubresourceName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectName();

    // Types every generated file can see unqualified: a Kind of the same name would make them ambiguous.
    private static readonly HashSet<string> ReservedKinds = new(StringComparer.Ordinal)
    {
        "Program", "Task", "String", "Object", "Type", "Action", "Func", "Exception", "List", "Dictionary", "Math",
        "Console", "File", "Path", "Directory", "Environment", "Assert", "Fact", "ApiServer", "ApiServerBuilder",
        "ApiTestServer", "KubernetesObject", "ObjectMeta", "FieldError", "StatusException", "Kind", "StatusSubresource",
        "ScaleSubresource", "PrinterColumn", "StorageVersion", "ResourceScope", "System", "Microsoft", "ApiBuilder", "Xunit",
        "Apis", "Tests", "NoKindsYet", "GeneratedResources",
    };

    private static readonly HashSet<string> CSharpKeywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while", "System",
    };
}
