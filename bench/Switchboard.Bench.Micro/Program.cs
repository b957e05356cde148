using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Switchboard.Bench.Micro -- --filter '*'   (see docs/benchmarks.md)
BenchmarkSwitcher.FromAssembly(typeof(Switchboard.Bench.Micro.RoutingBenchmarks).Assembly).Run(args);
