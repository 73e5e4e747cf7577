using System.Linq;
using ApiBuilder.Generator.Diagnostics;
using ApiBuilder.Generator.Model;
using Microsoft.CodeAnalysis;

namespace ApiBuilder.Generator.Parsing
{
    /// <summary>
    /// The rules the class named by <c>[Storage(typeof(S))]</c> on a Kind must follow for the generated registration
    /// to write <c>new S()</c> and hand it to the <c>AddResource</c> overload of its interface; shared by the analyzer
    /// (which reports them) and the generator (which then registers the Kind without the storage).
    /// </summary>
    internal static class StorageChecks
    {
        /// <summary>APIB016: the storage class of <paramref name="kind"/>, or null when the attribute names none it can use.</summary>
        public static StorageModel? Storage(INamedTypeSymbol kind, AttributeData attribute, IProblemSink sink)
        {
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not ITypeSymbol storage || storage.TypeKind == TypeKind.Error)
            {
                return null; // typeof of something that does not exist: the compiler reports it
            }

            var named = storage as INamedTypeSymbol;
            var readOnly = storage.AllInterfaces.Any(i => i.Is(KnownNames.ReadOnlyStorage) && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], kind));
            var full = storage.AllInterfaces.Any(i => i.Is(KnownNames.Storage));
            var problem =
                named is null || storage.TypeKind != TypeKind.Class ? "is not a class"
                : named.IsStatic ? "is static"
                : named.IsAbstract ? "is abstract"
                : named.IsGenericType ? "is generic"
                : !Accessible(named, kind.ContainingAssembly) ? "cannot be named from the generated registration: it and the types it is nested in must be public, or internal to this project"
                : !named.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public) ? "has no public parameterless constructor"
                : readOnly && full ? $"implements both IReadOnlyStorage<{kind.Name}> and IStorage; implement one"
                : !readOnly && !full ? $"implements neither IReadOnlyStorage<{kind.Name}> (ApiBuilder.Runtime.Rest) nor IStorage (ApiBuilder.Runtime.Storage)" + OtherKinds(storage)
                : null;
            if (problem is null)
            {
                return new StorageModel(storage.GlobalName(), readOnly);
            }

            sink.Report(Descriptors.StorageClass, attribute.Location() ?? kind.SourceLocation(), storage.ToDisplayString(), kind.ToDisplayString(), problem);
            return null;
        }

        private static bool Accessible(INamedTypeSymbol type, IAssemblySymbol assembly)
        {
            for (var t = type; t is not null; t = t.ContainingType)
            {
                var inProject = SymbolEqualityComparer.Default.Equals(t.ContainingAssembly, assembly);
                if (!(t.DeclaredAccessibility == Accessibility.Public || (inProject && t.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedOrInternal)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Says which Kinds' read-only storage the class is, when it is one of another Kind.</summary>
        private static string OtherKinds(ITypeSymbol storage)
        {
            var others = storage.AllInterfaces.Where(i => i.Is(KnownNames.ReadOnlyStorage)).Select(i => i.ToDisplayString()).ToList();
            return others.Count == 0 ? "" : " (it implements " + string.Join(", ", others) + ", of another Kind)";
        }
    }
}
