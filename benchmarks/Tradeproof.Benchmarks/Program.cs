using BenchmarkDotNet.Running;

// Runs the benchmarks named on the command line, e.g.
//   dotnet run -c Release --project benchmarks/Tradeproof.Benchmarks -- --filter '*Rdfc*'
// Each benchmark class lives in a folder named after the library it measures.
// `peer <op> <file>` times one operation for the side-by-side comparison with Node peers (benchmarks/peers/).
if (args is ["peer", .. var peerArgs])
{
    return Tradeproof.Benchmarks.Peers.PeerCommand.Run(peerArgs);
}

// `rdf-data <folder> [sizes...]` writes the credential-shaped N-Quads inputs (benchmarks/data/).
if (args is ["rdf-data", var folder, .. var sizes])
{
    return Tradeproof.Benchmarks.Rdf.RdfBenchmarkData.Write(
        folder, sizes.Length == 0 ? Tradeproof.Benchmarks.Rdf.RdfBenchmarkData.DefaultSizes : sizes.Select(int.Parse));
}

// `log-audit` times one audit of the 1,000,000-leaf transparency log store (built once in the temp folder).
if (args is ["log-audit"])
{
    return Tradeproof.Benchmarks.Transparency.LogAuditRun.Run();
}

// `submission-probe [N]`: CPU per stage of one presentation submission before the store (docs/performance.md).
if (args is ["submission-probe", .. var probeArgs])
{
    return Tradeproof.Benchmarks.Credentials.SubmissionProbe.Run(probeArgs);
}

// `intake-probe [N] [GROUP]`: the SQLite writer's wall and CPU per fresh submission, by phase (docs/performance.md).
if (args is ["intake-probe", .. var intakeArgs])
{
    return Tradeproof.Benchmarks.Storage.IntakeProbe.Run(intakeArgs);
}

// `twin-probe [N] [GROUP] [--prefill SUBMISSIONS]`: the SQLite writer's twin append alone, CPU and bytes per submission.
if (args is ["twin-probe", .. var twinArgs])
{
    return Tradeproof.Benchmarks.Storage.TwinAppendProbe.Run(twinArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
