using System.Collections.Immutable;
using ApiBuilder.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ApiBuilder.Generator.Diagnostics
{
    /// <summary>APIB014 (no usable static Definition) and APIB015 (not a [Kind] class of this assembly) on [Subresource] classes.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SubresourceAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SubresourceDefinition, Descriptors.SubresourceKind);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (start.Compilation.GetTypeByMetadataName(KnownNames.SubresourceAttribute) is null)
                {
                    return;
                }

                var assembly = start.Compilation.Assembly;
                start.RegisterSymbolAction(symbol =>
                {
                    if (symbol.Symbol is INamedTypeSymbol type && type.Attribute(KnownNames.SubresourceAttribute) is { } attribute)
                    {
                        var sink = new DiagnosticSink(symbol.ReportDiagnostic);
                        SubresourceChecks.Definition(type, sink);
                        SubresourceChecks.Kind(type, attribute, assembly, sink);
                    }
                }, SymbolKind.NamedType);
            });
        }
    }
}
