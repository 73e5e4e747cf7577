using System.Linq;
using System.Threading;
using ApiBuilder.Generator.Diagnostics;
using ApiBuilder.Generator.Model;
using Microsoft.CodeAnalysis;

namespace ApiBuilder.Generator.Parsing
{
    /// <summary>Turns a [Kind] class into its <see cref="KindModel"/>, or null when any rule is broken (the analyzers say which).</summary>
    internal static class KindParser
    {
        public static KindModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length == 0)
            {
                return null;
            }

            return Parse(type, context.Attributes[0], cancellationToken);
        }

        public static KindModel? Parse(INamedTypeSymbol type, AttributeData kindAttribute, CancellationToken cancellationToken)
        {
            var problems = new ProblemFlag();
            KindChecks.Declaration(type, problems);
            KindChecks.Names(type, kindAttribute, problems);
            KindChecks.Paths(type, problems);
            KindChecks.Conflicts(type, problems);
            if (problems.Any)
            {
                return null;
            }

            var classifier = new TypeClassifier(problems, cancellationToken);
            if (!classifier.TryProperties(type, out var properties) || problems.Any)
            {
                return null;
            }

            var names = KindNames.Read(type, kindAttribute);
            var columns = type.GetAttributes()
                .Where(a => a.AttributeClass.Is(KnownNames.PrinterColumnAttribute))
                .Select(a => new PrinterColumnModel(
                    a.ConstructorString(0) ?? "",
                    a.NamedString("Type") ?? "string",
                    a.ConstructorString(1) ?? "",
                    a.NamedString("Format") ?? "",
                    a.Named("Priority")?.Value is int priority ? priority : 0,
                    a.NamedString("Description") ?? ""))
                .ToEquatableArray();
            var scale = type.Attribute(KnownNames.ScaleSubresourceAttribute) is { } s
                ? new ScaleModel(s.ConstructorString(0) ?? "", s.ConstructorString(1) ?? "", s.NamedString("LabelSelectorPath"))
                : null;
            var ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : "";

            return new KindModel(
                Namespace: ns,
                ClassName: type.Name,
                FullName: type.GlobalName(),
                IsPublic: type.DeclaredAccessibility == Accessibility.Public,
                Group: names.Group,
                Version: names.Version,
                Kind: names.Kind,
                Plural: names.Plural,
                Singular: names.Singular,
                ClusterScoped: names.ClusterScoped,
                ShortNames: names.ShortNames.ToEquatableArray(),
                Categories: names.Categories.ToEquatableArray(),
                PrinterColumns: columns,
                StatusSubresource: type.HasAttribute(KnownNames.StatusSubresourceAttribute),
                Scale: scale,
                MarkedStorageVersion: type.HasAttribute(KnownNames.StorageVersionAttribute),
                Description: type.Attribute(KnownNames.Description)?.ConstructorString(0) ?? DocComments.Summary(type, cancellationToken),
                HasTemplate: !TypeClassifier.HasRequiredMembers(type),
                Properties: properties,
                ObjectTypes: classifier.ObjectTypes,
                EnumTypes: classifier.EnumTypes,
                IsDefaulted: type.AllInterfaces.Any(i => i.Is(KnownNames.Defaulted)),
                IsValidated: type.AllInterfaces.Any(i => i.Is(KnownNames.Validated) && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], type)),
                ConvertsToStorage: ConversionTargets(type),
                SelectableFields: type.GetAttributes()
                    .Where(a => a.AttributeClass.Is(KnownNames.SelectableFieldAttribute))
                    .Select(a => a.ConstructorString(0) ?? "")
                    .ToEquatableArray(),
                // A storage class that breaks APIB016 leaves the Kind served by the server: the Kind itself is fine.
                Storage: type.Attribute(KnownNames.StorageAttribute) is { } storage ? StorageChecks.Storage(type, storage, new ProblemFlag()) : null);
        }

        /// <summary>The <c>TStorage</c> of each <c>IConvertsToStorage&lt;TSelf, TStorage&gt;</c> with <c>TSelf</c> = the class, ordered.</summary>
        public static EquatableArray<string> ConversionTargets(INamedTypeSymbol type) =>
            type.AllInterfaces
                .Where(i => i.Is(KnownNames.ConvertsToStorage) && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], type))
                .Select(i => i.TypeArguments[1].WithNullableAnnotation(NullableAnnotation.NotAnnotated).GlobalName())
                .Distinct()
                .OrderBy(n => n, System.StringComparer.Ordinal)
                .ToEquatableArray();
    }
}
