using BenchmarkDotNet.Running;

// Runs the benchmarks named on the command line, e.g.
//   dotnet run -c Release --project benchmarks/Tradeproof.Benchmarks -- --filter '*Rdfc*'
// Each benchmark class lives in a folder named after the library it measures.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
