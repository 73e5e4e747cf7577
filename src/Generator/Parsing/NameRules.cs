using System.Text.RegularExpressions;

namespace ApiBuilder.Generator.Parsing
{
    /// <summary>Kubernetes' naming rules for groups, versions, Kinds and resource names.</summary>
    internal static class NameRules
    {
        private static readonly Regex Dns1123Label = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant);
        private static readonly Regex Version = new("^v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?$", RegexOptions.CultureInvariant);
        private static readonly Regex PascalCase = new("^[A-Z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);

        /// <summary>Why a group is invalid, or null: a DNS-1123 subdomain with at least one dot.</summary>
        public static string? GroupProblem(string group)
        {
            if (group.Length == 0)
            {
                return "it is empty; custom groups need a domain such as example.com";
            }

            if (group.Length > 253)
            {
                return "it is longer than 253 characters";
            }

            foreach (var label in group.Split('.'))
            {
                if (label.Length > 63 || !Dns1123Label.IsMatch(label))
                {
                    return "it must be a lower-case DNS subdomain (labels of a-z, 0-9 and '-', separated by dots)";
                }
            }

            return group.IndexOf('.') < 0 ? "it must contain a dot, e.g. wardle.example.com" : null;
        }

        /// <summary>
        /// Kinds Kubernetes already gives a meaning in every API group or on every object: the kinds
        /// apimachinery registers into each group-version (<c>metav1.AddToGroupVersion</c>: WatchEvent, the
        /// *Options, and the unversioned Status, APIVersions, APIGroupList, APIGroup, APIResourceList),
        /// the meta.k8s.io kinds a server answers with (Table, PartialObjectMetadata...), <c>List</c>,
        /// <c>Scale</c> (the scale subresource's kind) and the object metadata types.
        /// </summary>
        private static readonly string[] MetaKinds =
        {
            "APIGroup", "APIGroupList", "APIResourceList", "APIVersions", "CreateOptions", "DeleteOptions", "GetOptions",
            "List", "ListMeta", "ListOptions", "ObjectMeta", "PartialObjectMetadata", "PartialObjectMetadataList", "PatchOptions",
            "Scale", "Status", "Table", "TableOptions", "TypeMeta", "UpdateOptions", "WatchEvent",
        };

        /// <summary>Names the generator derives from a Kind: its list kind (<c>&lt;Kind&gt;List</c>) and the classes it emits beside it.</summary>
        public static readonly string[] GeneratedSuffixes = { "List", "Client", "Controller" };

        /// <summary>
        /// Names apiserver-boot writes beside a Kind: the classes <c>&lt;Kind&gt;Spec</c> and
        /// <c>&lt;Kind&gt;Status</c>, and the file <c>&lt;Kind&gt;Conversion.cs</c> of a version that is not stored.
        /// </summary>
        public static readonly string[] ScaffoldedSuffixes = { "Spec", "Status", "Conversion" };

        /// <summary>Why <paramref name="kind"/> cannot be a Kind because Kubernetes uses the name, or null.</summary>
        public static string? MetaKindProblem(string kind) =>
            System.Array.IndexOf(MetaKinds, kind) >= 0
                ? $"'{kind}' is a kind Kubernetes itself uses in every API group or object (meta/v1 {kind}); clients would confuse the two"
                : null;

        /// <summary>
        /// Why <paramref name="kind"/> cannot stand beside <paramref name="other"/> (a Kind of the same
        /// group-version or C# namespace), or null: one is the other's name plus a suffix in <paramref name="suffixes"/>.
        /// </summary>
        public static string? DerivedNameProblem(string kind, string other, string[] suffixes)
        {
            foreach (var suffix in suffixes)
            {
                if (kind == other + suffix)
                {
                    return $"'{kind}' is the name of {Derived(other, suffix)}";
                }

                if (other == kind + suffix)
                {
                    return $"the Kind '{other}' beside it is the name of {Derived(kind, suffix)}";
                }
            }

            return null;
        }

        private static string Derived(string kind, string suffix) => suffix switch
        {
            "List" => $"the list kind of '{kind}'",
            "Client" or "Controller" => $"the {suffix.ToLowerInvariant()} class generated for '{kind}'",
            "Conversion" => $"the conversion file of '{kind}' ({kind}Conversion.cs)",
            _ => $"the {suffix.ToLowerInvariant()} class of '{kind}'",
        };

        public static bool IsVersion(string version) => Version.IsMatch(version);

        public static bool IsKindName(string kind) => PascalCase.IsMatch(kind);

        public static bool IsResourceName(string name) => name.Length <= 63 && Dns1123Label.IsMatch(name);

        /// <summary>The default plural: lower-cased Kind with the English ending Kubernetes guesses.</summary>
        public static string Pluralize(string kind)
        {
            var lower = kind.ToLowerInvariant();
            if (lower.Length == 0)
            {
                return lower;
            }

            if (lower.EndsWith("s") || lower.EndsWith("x") || lower.EndsWith("z") || lower.EndsWith("ch") || lower.EndsWith("sh"))
            {
                return lower + "es";
            }

            if (lower.EndsWith("y") && lower.Length > 1 && "aeiou".IndexOf(lower[lower.Length - 2]) < 0)
            {
                return lower.Substring(0, lower.Length - 1) + "ies";
            }

            return lower + "s";
        }
    }
}
