using ApiBuilder.Runtime.Resources;
using ApiBuilder.Runtime.Validation;

namespace ApiBuilder.Runtime.Server;

/// <summary>Start-up checks of resource definitions, so that mistakes surface before any request.</summary>
internal static class ResourceDefinitionChecks
{
    public static void Validate(IReadOnlyList<ResourceDefinition> resources)
    {
        if (resources.Count == 0)
        {
            throw new InvalidOperationException("The server serves no resources: call AddResource for at least one Kind.");
        }

        foreach (var r in resources)
        {
            var where = $"{r.Kind} ({r.GroupVersion})";
            Require(NameRules.IsDns1123Subdomain(r.Group).Count == 0 && r.Group.Contains('.'), $"{where}: group \"{r.Group}\" must be a DNS subdomain with at least one dot, e.g. wardle.example.com");
            Require(NameRules.IsDns1123Label(r.Version).Count == 0, $"{where}: version \"{r.Version}\" must be a DNS label such as v1, v1beta1 or v1alpha1");
            Require(NameRules.IsDns1123Label(r.Plural).Count == 0, $"{where}: plural \"{r.Plural}\" must be a lowercase DNS label");
            Require(NameRules.IsDns1123Label(r.Singular).Count == 0, $"{where}: singular \"{r.Singular}\" must be a lowercase DNS label");
            Require(r.Kind.Length > 0 && char.IsUpper(r.Kind[0]) && r.Kind.All(char.IsAsciiLetterOrDigit), $"{where}: kind must be PascalCase letters and digits");
            foreach (var field in r.SelectableFields)
            {
                var segments = field.StartsWith('.') ? field[1..].Split('.') : [];
                Require(segments.Length > 0 && segments.All(s => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')) && segments[0] != "metadata",
                    $"{where}: selectable field \"{field}\" must be a JSON path such as .spec.color outside metadata");
            }
        }

        foreach (var duplicate in resources.GroupBy(r => (r.Group, r.Version, r.Plural)).Where(g => g.Count() > 1))
        {
            throw new InvalidOperationException($"The resource {duplicate.Key.Plural}.{duplicate.Key.Group}/{duplicate.Key.Version} is added more than once.");
        }

        foreach (var kind in resources.GroupBy(r => (r.Group, r.Kind)))
        {
            var storage = kind.Count(r => r.IsStorageVersion);
            Require(storage == 1, $"{kind.Key.Kind}.{kind.Key.Group} must have exactly one storage version, found {storage}");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
