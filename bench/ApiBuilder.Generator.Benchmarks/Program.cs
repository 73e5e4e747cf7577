using BenchmarkDotNet.Running;

// Generator benchmarks: dotnet run -c Release --project bench/ApiBuilder.Generator.Benchmarks -- --filter '*'
// Step timings of one full run and of unrelated edits: ... -- --steps
if (args is ["--steps"])
{
    ApiBuilder.Generator.Benchmarks.StepTimes.Print();
    return;
}

// Stopwatch medians, one "name<TAB>ms" line each, for the runtime benchmark's report: ... -- --ratios [runs]
if (args is ["--ratios", ..])
{
    ApiBuilder.Generator.Benchmarks.QuickRatios.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ApiBuilder.Generator.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);
