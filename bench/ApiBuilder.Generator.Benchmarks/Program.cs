using BenchmarkDotNet.Running;

// Generator benchmarks: dotnet run -c Release --project bench/ApiBuilder.Generator.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(ApiBuilder.Generator.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);
