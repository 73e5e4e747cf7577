using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using ApiBuilder.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ApiBuilder.Generator.Diagnostics
{
    /// <summary>Runs one group of <see cref="KindChecks"/> on every class that carries [Kind].</summary>
    public abstract class KindAnalyzerBase : DiagnosticAnalyzer
    {
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

                // Types shared by several Kinds (e.g. one spec class for two versions) are checked once per
                // Kind; report each problem once.
                var reported = new ConcurrentDictionary<string, byte>();
                start.RegisterSymbolAction(symbol =>
                {
                    if (symbol.Symbol is INamedTypeSymbol type)
                    {
                        var sink = new DiagnosticSink(d =>
                        {
                            if (reported.TryAdd(d.Id + "|" + d.Location + "|" + d.GetMessage(CultureInfo.InvariantCulture), 0))
                            {
                                symbol.ReportDiagnostic(d);
                            }
                        });
                        Analyze(type, type.Attribute(KnownNames.KindAttribute), sink, symbol);
                    }
                }, SymbolKind.NamedType);
            });
        }

        /// <summary>Checks one type; <paramref name="kind"/> is its [Kind] attribute, or null.</summary>
        private protected abstract void Analyze(INamedTypeSymbol type, AttributeData? kind, IProblemSink sink, SymbolAnalysisContext context);
    }

    /// <summary>APIB001 (not partial) and APIB010 (nested, generic, abstract, wrong base class, no parameterless constructor).</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class KindDeclarationAnalyzer : KindAnalyzerBase
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.KindNotPartial, Descriptors.UnsupportedKindClass);

        private protected override void Analyze(INamedTypeSymbol type, AttributeData? kind, IProblemSink sink, SymbolAnalysisContext context)
        {
            if (kind is not null)
            {
                KindChecks.Declaration(type, sink);
            }
        }
    }

    /// <summary>APIB002–APIB005: group, version, Kind name, plural, singular and short names.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class KindNamesAnalyzer : KindAnalyzerBase
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.InvalidGroup, Descriptors.InvalidVersion, Descriptors.InvalidKindName, Descriptors.InvalidResourceName);

        private protected override void Analyze(INamedTypeSymbol type, AttributeData? kind, IProblemSink sink, SymbolAnalysisContext context)
        {
            if (kind is not null)
            {
                KindChecks.Names(type, kind, sink);
            }
        }
    }

    /// <summary>APIB007: property types with no JSON or OpenAPI mapping, anywhere under the Kind; APIB017: misused [ListType] or [MapType].</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PropertyTypeAnalyzer : KindAnalyzerBase
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.UnsupportedPropertyType, Descriptors.ListOrMapType);

        private protected override void Analyze(INamedTypeSymbol type, AttributeData? kind, IProblemSink sink, SymbolAnalysisContext context)
        {
            if (kind is not null)
            {
                new TypeClassifier(sink, context.CancellationToken).TryProperties(type, out _);
            }
        }
    }

    /// <summary>APIB008: printer-column paths and types, scale subresource paths.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PathAnalyzer : KindAnalyzerBase
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.InvalidJsonPath);

        private protected override void Analyze(INamedTypeSymbol type, AttributeData? kind, IProblemSink sink, SymbolAnalysisContext context)
        {
            if (kind is not null)
            {
                KindChecks.Paths(type, sink);
            }
        }
    }

    /// <summary>APIB009: attributes without [Kind], scale without status or paths, duplicate columns, clashing members.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConflictingAttributesAnalyzer : KindAnalyzerBase
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.ConflictingAttributes);

        private protected override void Analyze(INamedTypeSymbol type, AttributeData? kind, IProblemSink sink, SymbolAnalysisContext context) =>
            KindChecks.Conflicts(type, sink);
    }
}
