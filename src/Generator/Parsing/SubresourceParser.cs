using System.Threading;
using ApiBuilder.Generator.Diagnostics;
using ApiBuilder.Generator.Model;
using Microsoft.CodeAnalysis;

namespace ApiBuilder.Generator.Parsing
{
    /// <summary>Turns a [Subresource] class into its <see cref="SubresourceModel"/>, or null when a rule is broken (the analyzer says which).</summary>
    internal static class SubresourceParser
    {
        public static SubresourceModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length == 0)
            {
                return null;
            }

            var problems = new ProblemFlag();
            SubresourceChecks.Definition(type, problems);
            var kind = SubresourceChecks.Kind(type, context.Attributes[0], context.SemanticModel.Compilation.Assembly, problems);
            return kind is null || problems.Any ? null : new SubresourceModel(kind.GlobalName(), type.GlobalName());
        }
    }
}
