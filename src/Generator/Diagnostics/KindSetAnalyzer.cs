using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using ApiBuilder.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ApiBuilder.Generator.Diagnostics
{
    /// <summary>
    /// Checks across Kinds, at the end of the compilation: APIB006 (a plural or Kind declared twice in
    /// one group-version), APIB011 (a Kind served in several versions needs exactly one [StorageVersion])
    /// and APIB013 (a Kind named like a Kubernetes meta kind, or like a name derived from another Kind:
    /// its list kind, its generated client or controller).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class KindSetAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.DuplicateResource, Descriptors.StorageVersion, Descriptors.ReservedKindName);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (start.Compilation.GetTypeByMetadataName(KnownNames.KindAttribute) is null)
                {
                    return;
                }

                var kinds = new ConcurrentBag<(INamedTypeSymbol Type, KindNames Names, Location? Location, bool Storage)>();
                start.RegisterSymbolAction(symbol =>
                {
                    if (symbol.Symbol is INamedTypeSymbol type && type.Attribute(KnownNames.KindAttribute) is { } kind)
                    {
                        kinds.Add((type, KindNames.Read(type, kind), kind.Location() ?? type.SourceLocation(), type.HasAttribute(KnownNames.StorageVersionAttribute)));
                    }
                }, SymbolKind.NamedType);

                start.RegisterCompilationEndAction(end =>
                {
                    var all = kinds.OrderBy(k => k.Type.ToDisplayString(), System.StringComparer.Ordinal).ToList();
                    foreach (var group in all.GroupBy(k => (k.Names.Group, k.Names.Version, k.Names.Plural)).Where(g => g.Count() > 1))
                    {
                        Duplicate(end, group.ToList(), "plural", group.Key.Plural, group.Key.Group + "/" + group.Key.Version);
                    }

                    foreach (var group in all.GroupBy(k => (k.Names.Group, k.Names.Version, k.Names.Kind)).Where(g => g.Count() > 1))
                    {
                        Duplicate(end, group.ToList(), "Kind", group.Key.Kind, group.Key.Group + "/" + group.Key.Version);
                    }

                    foreach (var kind in all)
                    {
                        var problem = NameRules.MetaKindProblem(kind.Names.Kind) ?? all
                            .Where(o => !SymbolEqualityComparer.Default.Equals(o.Type, kind.Type) && Neighbours(kind, o))
                            .Select(o => NameRules.DerivedNameProblem(kind.Names.Kind, o.Names.Kind, NameRules.GeneratedSuffixes)
                                ?? NameRules.DerivedNameProblem(kind.Type.Name, o.Type.Name, NameRules.GeneratedSuffixes))
                            .FirstOrDefault(p => p is not null);
                        if (problem is not null)
                        {
                            end.ReportDiagnostic(Diagnostic.Create(Descriptors.ReservedKindName, kind.Location, kind.Names.Kind, kind.Type.ToDisplayString(), problem));
                        }
                    }

                    foreach (var group in all.GroupBy(k => (k.Names.Group, k.Names.Kind)))
                    {
                        var versions = group.ToList();
                        var marked = versions.Count(v => v.Storage);
                        if (versions.Count > 1 && marked != 1)
                        {
                            var list = string.Join(", ", versions.Select(v => v.Names.Version).OrderBy(v => v, System.StringComparer.Ordinal));
                            foreach (var version in versions.Where(v => marked == 0 || v.Storage))
                            {
                                end.ReportDiagnostic(Diagnostic.Create(Descriptors.StorageVersion, version.Location, group.Key.Kind, group.Key.Group, list, marked));
                            }
                        }
                    }
                });
            });
        }

        // Kinds whose derived names can meet: in one group-version (list kinds) or one C# namespace (generated classes).
        private static bool Neighbours((INamedTypeSymbol Type, KindNames Names, Location? Location, bool Storage) a, (INamedTypeSymbol Type, KindNames Names, Location? Location, bool Storage) b) =>
            (a.Names.Group == b.Names.Group && a.Names.Version == b.Names.Version)
            || SymbolEqualityComparer.Default.Equals(a.Type.ContainingNamespace, b.Type.ContainingNamespace);

        private static void Duplicate(CompilationAnalysisContext context, System.Collections.Generic.List<(INamedTypeSymbol Type, KindNames Names, Location? Location, bool Storage)> clash,
            string what, string value, string groupVersion)
        {
            var classes = string.Join(", ", clash.Select(k => k.Type.ToDisplayString()));
            foreach (var kind in clash)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.DuplicateResource, kind.Location, what, value, groupVersion, classes));
            }
        }
    }
}
