using Microsoft.CodeAnalysis;

namespace ApiBuilder.Generator.Parsing
{
    /// <summary>The names a [Kind] attribute gives, with defaults applied.</summary>
    internal sealed record KindNames(string Group, string Version, string Kind, string Plural, string Singular, string[] ShortNames, string[] Categories, bool ClusterScoped)
    {
        public static KindNames Read(INamedTypeSymbol type, AttributeData attribute)
        {
            var kind = attribute.NamedString("Kind") ?? type.Name;
            return new KindNames(
                attribute.ConstructorString(0) ?? "",
                attribute.ConstructorString(1) ?? "",
                kind,
                attribute.NamedString("Plural") ?? NameRules.Pluralize(kind),
                attribute.NamedString("Singular") ?? kind.ToLowerInvariant(),
                attribute.NamedStrings("ShortNames"),
                attribute.NamedStrings("Categories"),
                attribute.Named("Scope")?.Value is int scope && scope == 1);
        }
    }
}
