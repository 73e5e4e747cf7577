using System.Linq;
using Microsoft.CodeAnalysis;

namespace ApiBuilder.Generator.Parsing
{
    internal static class SymbolExtensions
    {
        public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static bool Is(this ITypeSymbol? type, string metadataName) =>
            type is not null && type.OriginalDefinition.ToDisplayString() == metadataName;

        public static AttributeData? Attribute(this ISymbol symbol, string metadataName) =>
            symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass.Is(metadataName));

        public static bool HasAttribute(this ISymbol symbol, string metadataName) => symbol.Attribute(metadataName) is not null;

        public static TypedConstant? Named(this AttributeData attribute, string name)
        {
            foreach (var pair in attribute.NamedArguments)
            {
                if (pair.Key == name)
                {
                    return pair.Value;
                }
            }

            return null;
        }

        public static string? NamedString(this AttributeData attribute, string name) => attribute.Named(name)?.Value as string;

        public static string? ConstructorString(this AttributeData attribute, int index) =>
            attribute.ConstructorArguments.Length > index ? attribute.ConstructorArguments[index].Value as string : null;

        public static string[] NamedStrings(this AttributeData attribute, string name) =>
            attribute.Named(name) is { Kind: TypedConstantKind.Array, IsNull: false } array
                ? array.Values.Select(v => v.Value as string ?? "").ToArray()
                : new string[0];

        public static Location? SourceLocation(this ISymbol symbol) => symbol.Locations.FirstOrDefault(l => l.IsInSource);

        public static Location? Location(this AttributeData attribute) => attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation();

        /// <summary><c>global::</c>-qualified name for generated code.</summary>
        public static string GlobalName(this ITypeSymbol type) => type.ToDisplayString(FullyQualified);
    }
}
