using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ApiBuilder.Generator.Benchmarks;

/// <summary>
/// <c>--steps</c>: where the time of a run goes, per pipeline step (Roslyn's own step timings),
/// for a full run and for an unrelated edit. A diagnostic aid next to the benchmarks, not a measurement of record.
/// </summary>
internal static class StepTimes
{
    public static void Print()
    {
        var benchmarks = new GeneratorBenchmarks();
        benchmarks.Setup();
        var options = new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true);
        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Parse);
        GeneratorDriver Driver() => CSharpGeneratorDriver.Create([new KindGenerator().AsSourceGenerator()], parseOptions: parse, driverOptions: options);

        var clock = Stopwatch.StartNew();
        var warm = Driver().RunGenerators(benchmarks.Compilation);
        Report("full run", warm.GetRunResult(), clock.Elapsed);
        for (var i = 0; i < 3; i++)
        {
            clock.Restart();
            var edited = warm.RunGenerators(benchmarks.Edited);
            Report("unrelated edit", edited.GetRunResult(), clock.Elapsed);
        }
    }

    private static void Report(string what, GeneratorDriverRunResult result, TimeSpan wall)
    {
        Console.WriteLine($"{what}: {wall.TotalMilliseconds:F1} ms");
        foreach (var (name, steps) in result.Results[0].TrackedSteps.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var reasons = steps.SelectMany(s => s.Outputs).GroupBy(o => o.Reason).Select(g => $"{g.Key} {g.Count()}");
            Console.WriteLine($"  {name,-40} {steps.Sum(s => s.ElapsedTime.TotalMilliseconds),8:F1} ms  {string.Join(", ", reasons)}");
        }
    }
}
