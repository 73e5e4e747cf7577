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
