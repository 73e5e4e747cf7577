using System.Text.RegularExpressions;

namespace ApiBuilder.Generator.Parsing
{
    /// <summary>The simple JSONPaths CRDs accept for printer columns and the scale subresource.</summary>
    internal static class JsonPathRules
    {
        private static readonly Regex Simple = new(
            @"^(\.[A-Za-z0-9_$-]+|\[[0-9]+\]|\['[^'\]]+'\]|\[""[^""\]]+""\])+$",
            RegexOptions.CultureInvariant);

        private static readonly Regex Field = new(@"^(\.[A-Za-z0-9_$-]+)+$", RegexOptions.CultureInvariant);

        public static readonly string[] ColumnTypes = { "string", "integer", "number", "boolean", "date" };

        /// <summary>Why a printer-column path is invalid, or null.</summary>
        public static string? ColumnPathProblem(string path)
        {
            if (path.Length == 0)
            {
                return "the JSONPath is empty";
            }

            if (path[0] == '{' || path[0] == '$')
            {
                return "write the path without braces or '$', starting with a dot, e.g. .spec.replicas";
            }

            if (path[0] != '.')
            {
                return "the JSONPath must start with a dot, e.g. .spec.replicas";
            }

            return Simple.IsMatch(path)
                ? null
                : "only simple paths are allowed: .field segments, [index] and ['key'] (no filters, wildcards or recursive descent)";
        }

        /// <summary>Why a scale path is invalid, or null: a dotted field path under <paramref name="root"/>.</summary>
        public static string? ScalePathProblem(string path, string root, bool optional)
        {
            if (path.Length == 0)
            {
                return optional ? null : "the path is empty";
            }

            if (!path.StartsWith("." + root + ".") || !Field.IsMatch(path))
            {
                return $"it must be a dotted field path under .{root}, e.g. .{root}.replicas";
            }

            return null;
        }
    }
}
