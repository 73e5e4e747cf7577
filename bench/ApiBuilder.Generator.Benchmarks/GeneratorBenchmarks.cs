using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ApiBuilder.Generator.Benchmarks;

/// <summary>
/// The generator on 200 Kinds: a full run on a new driver (a clean build), and the run after an
/// edit to an unrelated method body (what the IDE does on every keystroke) on a warm driver.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);
    private CSharpCompilation compilation = null!;
    private CSharpCompilation edited = null!;
    private GeneratorDriver warm = null!;

    internal CSharpCompilation Compilation => compilation;

    internal CSharpCompilation Edited => edited;

    [GlobalSetup]
    public void Setup()
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var trees = KindSources.Kinds().Select(k => CSharpSyntaxTree.ParseText(k.Text, ParseOptions, k.Path)).ToList();
        var unrelated = CSharpSyntaxTree.ParseText(KindSources.Unrelated(41), ParseOptions, "Helpers.cs");
        compilation = CSharpCompilation.Create("Bench", [.. trees, unrelated], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        edited = compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText(KindSources.Unrelated(42), ParseOptions, "Helpers.cs"));
        warm = NewDriver().RunGenerators(compilation);
        var generated = warm.GetRunResult().GeneratedTrees.Length;
        // Per Kind: the Kind part, the client and the controller stub; per assembly: registration and discovery.
        if (generated != KindSources.Count * 3 + 2)
        {
            throw new InvalidOperationException($"Expected {KindSources.Count * 3 + 2} generated files, got {generated}.");
        }
    }

    /// <summary>
    /// The baseline the generator is measured against in the same run: the compiler binding the
    /// declarations of the same 200 Kinds, work every build does with or without the generator.
    /// </summary>
    [Benchmark(Baseline = true, Description = "baseline: bind declarations, 200 Kinds")]
    public int BindDeclarations() => compilation.Clone().GetDeclarationDiagnostics().Length;

    [Benchmark(Description = "full run, 200 Kinds")]
    public GeneratorDriver FullRun() => NewDriver().RunGenerators(compilation);

    [Benchmark(Description = "unrelated edit, 200 Kinds")]
    public GeneratorDriver UnrelatedEdit() => warm.RunGenerators(edited);

    private static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new KindGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
}
