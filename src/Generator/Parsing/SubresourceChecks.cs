using System.Linq;
using ApiBuilder.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace ApiBuilder.Generator.Parsing
{
    /// <summary>
    /// The rules a <c>[Subresource(typeof(K))]</c> class must follow for the generated registration to pass its
    /// <c>Definition</c> to <c>AddSubresource(K.Definition, ...)</c>; shared by the analyzer (which reports them)
    /// and the generator (which leaves out subresources that break any).
    /// </summary>
    internal static class SubresourceChecks
    {
        private const string Expected = "it needs 'public static SubresourceDefinition Definition { get; }' (ApiBuilder.Runtime.Rest), which the generated AddGeneratedResources() registers";

        /// <summary>APIB014: the class can be named from the generated code and has the static Definition property.</summary>
        public static void Definition(INamedTypeSymbol type, IProblemSink sink)
        {
            var location = type.SourceLocation();
            var name = type.ToDisplayString();
            if (type.IsGenericType)
            {
                sink.Report(Descriptors.SubresourceDefinition, location, name, "must not be generic: the generated registration names it");
            }

            for (var t = type; t is not null; t = t.ContainingType)
            {
                if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
                {
                    sink.Report(Descriptors.SubresourceDefinition, location, name,
                        "must be public or internal, as must the types it is nested in: the generated registration names it");
                    break;
                }
            }

            var members = type.GetMembers("Definition");
            var property = members.OfType<IPropertySymbol>().FirstOrDefault(p => !p.IsIndexer);
            var problem =
                property is null ? members.IsEmpty ? "has no 'Definition' property" : "declares 'Definition', but not as a property"
                : !property.IsStatic ? "has a 'Definition' property that is not static"
                : property.DeclaredAccessibility != Accessibility.Public ? "has a 'Definition' property that is not public"
                : property.GetMethod is not { DeclaredAccessibility: Accessibility.Public } ? "has a 'Definition' property without a public getter"
                : !property.Type.Is(KnownNames.SubresourceDefinition) ? $"has a 'Definition' property of type '{property.Type.ToDisplayString()}', not SubresourceDefinition"
                : null;
            if (problem is not null)
            {
                sink.Report(Descriptors.SubresourceDefinition, property?.SourceLocation() ?? location, name, problem + "; " + Expected);
            }
        }

        /// <summary>
        /// APIB015: the attribute names a [Kind] class of the assembly being compiled (the only Kinds whose generated
        /// <c>Definition</c> the registration serves). Returns that class, or null when it names none.
        /// </summary>
        public static INamedTypeSymbol? Kind(INamedTypeSymbol type, AttributeData attribute, IAssemblySymbol assembly, IProblemSink sink)
        {
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol kind || kind.TypeKind == TypeKind.Error)
            {
                return null; // typeof of something that does not exist: the compiler reports it
            }

            var location = attribute.Location() ?? type.SourceLocation();
            var problem =
                !kind.HasAttribute(KnownNames.KindAttribute) ? "which is not a [Kind] class"
                : !SymbolEqualityComparer.Default.Equals(kind.ContainingAssembly, assembly) ? $"a [Kind] class of another assembly ({kind.ContainingAssembly?.Name})"
                : null;
            if (problem is null)
            {
                return kind;
            }

            sink.Report(Descriptors.SubresourceKind, location, type.ToDisplayString(), kind.ToDisplayString(), problem);
            return null;
        }
    }
}
