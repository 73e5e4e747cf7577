using ApiBuilder.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ApiBuilder.Generator.Tests;

/// <summary>Generated code compiles against the real runtime with every warning as an error, documentation included.</summary>
public sealed class CompileTests
{
    [Theory]
    [InlineData(TestSources.Wardle)]
    [InlineData(TestSources.EdgeCases)]
    [InlineData(TestSources.SeveralVersions)]
    [InlineData(TestSources.ClusterScoped)]
    public void Generated_code_compiles_without_warnings(string source)
    {
        var strict = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var compilation = GeneratorHarness.Compile(source);
        compilation = compilation
            .RemoveAllSyntaxTrees()
            .AddSyntaxTrees(compilation.SyntaxTrees.Select(t => t.WithRootAndOptions(t.GetRoot(), strict)))
            .WithOptions(compilation.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error).WithWarningLevel(9999));
        var driver = CSharpGeneratorDriver.Create([new KindGenerator().AsSourceGenerator()], parseOptions: strict);

        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        Assert.Empty(generatorDiagnostics);
        var generatedTrees = output.SyntaxTrees.Except(compilation.SyntaxTrees).ToHashSet();
        Assert.NotEmpty(generatedTrees);
        // The test inputs themselves leave public members undocumented; generated code may not.
        var problems = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError)
            .Where(d => d.Id != "CS1591" || generatedTrees.Contains(d.Location.SourceTree!))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Descriptions_come_from_doc_comments_even_when_the_project_does_not_parse_them()
    {
        var none = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None);
        var compilation = GeneratorHarness.Compile(TestSources.Wardle);
        compilation = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(t => t.WithRootAndOptions(CSharpSyntaxTree.ParseText(t.GetText(), none).GetRoot(), none)));

        var (_, result, _) = GeneratorHarness.Run(compilation);

        Assert.Contains("FlunderSpec is the desired state of a Flunder.", GeneratorHarness.Render(result), StringComparison.Ordinal);
    }
}
