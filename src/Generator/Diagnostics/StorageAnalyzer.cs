using System.Collections.Immutable;
using ApiBuilder.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ApiBuilder.Generator.Diagnostics
{
    /// <summary>APIB016: the class a [Kind]'s [Storage] attribute names cannot be created or registered as its storage.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StorageAnalyzer : KindAnalyzerBase
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.StorageClass);

        private protected override void Analyze(INamedTypeSymbol type, AttributeData? kind, IProblemSink sink, SymbolAnalysisContext context)
        {
            if (kind is not null && type.Attribute(KnownNames.StorageAttribute) is { } storage)
            {
                StorageChecks.Storage(type, storage, sink);
            }
        }
    }
}
