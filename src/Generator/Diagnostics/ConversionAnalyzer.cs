using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ApiBuilder.Generator.Model;
using ApiBuilder.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ApiBuilder.Generator.Diagnostics
{
    /// <summary>
    /// APIB012, at the end of the compilation: a version of a multi-version Kind whose shape differs
    /// from the storage version's must implement <c>IConvertsToStorage&lt;TSelf, TStorage&gt;</c> for the
    /// storage version, and the interface must name the class itself and the storage version.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConversionAnalyzer : DiagnosticAnalyzer
    {
        private const int MaxDifferences = 3;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.Conversion);

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

                var kinds = new ConcurrentBag<(INamedTypeSymbol Type, AttributeData Attribute)>();
                start.RegisterSymbolAction(symbol =>
                {
                    if (symbol.Symbol is INamedTypeSymbol type && type.Attribute(KnownNames.KindAttribute) is { } kind)
                    {
                        kinds.Add((type, kind));
                    }
                }, SymbolKind.NamedType);

                start.RegisterCompilationEndAction(end =>
                {
                    var all = kinds
                        .Select(k => (k.Type, k.Attribute, Names: KindNames.Read(k.Type, k.Attribute)))
                        .OrderBy(k => k.Type.ToDisplayString(), System.StringComparer.Ordinal)
                        .ToList();
                    foreach (var group in all.GroupBy(k => (k.Names.Group, k.Names.Kind)))
                    {
                        var versions = group.ToList();
                        var marked = versions.Where(v => v.Type.HasAttribute(KnownNames.StorageVersionAttribute)).ToList();
                        var storage = versions.Count == 1 ? versions[0] : marked.Count == 1 ? marked[0] : default;
                        if (storage.Type is null)
                        {
                            continue; // APIB011
                        }

                        KindModel? storageModel = null;
                        var storageParsed = false;
                        foreach (var version in versions)
                        {
                            var isStorage = SymbolEqualityComparer.Default.Equals(version.Type, storage.Type);
                            var converts = false;
                            foreach (var conversion in version.Type.AllInterfaces.Where(i => i.Is(KnownNames.ConvertsToStorage)))
                            {
                                var problem = InterfaceProblem(version.Type, conversion, storage.Type, storage.Names, isStorage);
                                if (problem is null)
                                {
                                    converts = true;
                                }
                                else
                                {
                                    end.ReportDiagnostic(Diagnostic.Create(Descriptors.Conversion, version.Type.SourceLocation(), problem));
                                }
                            }

                            if (isStorage || converts)
                            {
                                continue;
                            }

                            if (!storageParsed)
                            {
                                storageModel = KindParser.Parse(storage.Type, storage.Attribute, end.CancellationToken);
                                storageParsed = true;
                            }

                            var model = KindParser.Parse(version.Type, version.Attribute, end.CancellationToken);
                            if (storageModel is null || model is null)
                            {
                                continue; // another APIB diagnostic says what is wrong
                            }

                            var differences = KindShape.Differences(model, storageModel);
                            if (differences.Count > 0)
                            {
                                end.ReportDiagnostic(Diagnostic.Create(Descriptors.Conversion, version.Attribute.Location() ?? version.Type.SourceLocation(),
                                    ShapeProblem(version.Type, model, storage.Type, storageModel, differences)));
                            }
                        }
                    }
                });
            });
        }

        private static string? InterfaceProblem(INamedTypeSymbol type, INamedTypeSymbol conversion, INamedTypeSymbol storage, KindNames names, bool isStorage)
        {
            var self = conversion.TypeArguments[0];
            var target = conversion.TypeArguments[1];
            if (!SymbolEqualityComparer.Default.Equals(self, type))
            {
                return $"'{type.ToDisplayString()}' implements {conversion.ToDisplayString()}, whose first type argument must be the class itself: " +
                       $"IConvertsToStorage<{type.ToDisplayString()}, {storage.ToDisplayString()}>";
            }

            if (isStorage)
            {
                return $"'{type.ToDisplayString()}' is the storage version of Kind '{names.Kind}' ({names.Group}): the other versions convert to it, " +
                       $"it converts to nothing; remove {conversion.ToDisplayString()}";
            }

            if (!SymbolEqualityComparer.Default.Equals(target, storage))
            {
                return $"'{type.ToDisplayString()}' converts to '{target.ToDisplayString()}', which is not the storage version of Kind '{names.Kind}' ({names.Group}); " +
                       $"the storage version is {names.Version} ('{storage.ToDisplayString()}'): implement IConvertsToStorage<{type.ToDisplayString()}, {storage.ToDisplayString()}>";
            }

            return null;
        }

        private static string ShapeProblem(INamedTypeSymbol type, KindModel model, INamedTypeSymbol storage, KindModel storageModel, List<string> differences)
        {
            var shown = string.Join("; ", differences.Take(MaxDifferences)) + (differences.Count > MaxDifferences ? $"; and {differences.Count - MaxDifferences} more" : "");
            return $"Version {model.Version} of Kind '{model.Kind}' ('{type.ToDisplayString()}') has a different shape from the storage version {storageModel.Version} " +
                   $"('{storage.ToDisplayString()}'): {shown}. Implement IConvertsToStorage<{type.ToDisplayString()}, {storage.ToDisplayString()}> on it to convert between them.";
        }
    }
}
