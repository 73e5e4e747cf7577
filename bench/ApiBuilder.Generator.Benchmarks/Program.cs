using BenchmarkDotNet.Running;

// Generator benchmarks: dotnet run -c Release --project bench/ApiBuilder.Generator.Benchmarks -- --filter '*'
// Step timings of one full run and of unrelated edits: ... -- --steps
if (args is ["--steps"])
{
    ApiBuilder.Generator.Benchmarks.StepTimes.Print();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ApiBuilder.Generator.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);
