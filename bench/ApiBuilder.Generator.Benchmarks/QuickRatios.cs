using System.Diagnostics;

namespace ApiBuilder.Generator.Benchmarks;

/// <summary>
/// <c>--ratios</c>: the three benchmarks timed with a stopwatch (median of several runs after a
/// warm-up) and printed one per line as <c>name\tmilliseconds</c>, for the runtime benchmark's
/// report. BenchmarkDotNet (the default mode) is the measurement of record; this is the quick one.
/// </summary>
internal static class QuickRatios
{
    public static void Print(int runs)
    {
        var benchmarks = new GeneratorBenchmarks();
        benchmarks.Setup();
        Console.WriteLine($"baseline: bind declarations, 200 Kinds\t{Median(runs, () => benchmarks.BindDeclarations()):F2}");
        Console.WriteLine($"full run, 200 Kinds\t{Median(runs, () => benchmarks.FullRun()):F2}");
        Console.WriteLine($"unrelated edit, 200 Kinds\t{Median(runs, () => benchmarks.UnrelatedEdit()):F2}");
    }

    private static double Median(int runs, Func<object> run)
    {
        for (var i = 0; i < 3; i++)
        {
            GC.KeepAlive(run());
        }

        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            GC.KeepAlive(run());
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
