using BenchmarkDotNet.Attributes;
using Tradeproof.Storage;
using Tradeproof.Transparency;

namespace Tradeproof.Benchmarks.Transparency;

// The transparency log on SQLite (WAL, synchronous=FULL: one fsync per commit):
// - SaveCredential_WithLeaf: one credential saved in its own transaction, which appends its leaf in that transaction
//   (the store always logs; there is no log-free write path to compare with);
// - LogAppend_One: the log append alone (one leaf, its own transaction): the log's share of a write is at most this;
// - InclusionProof_1M / ConsistencyProof_1M: proofs read from the 1,000,000-leaf store (LogStoreFixture, built once).
// Run: dotnet run -c Release --project benchmarks/Tradeproof.Benchmarks -- --filter '*TransparencyLog*'
// The audit of 1,000,000 leaves is a one-shot: dotnet run -c Release --project benchmarks/Tradeproof.Benchmarks -- log-audit

/// <summary>Append cost with a write, and proofs at 1,000,000 leaves.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class TransparencyLogBenchmarks
{
    private static readonly byte[] Document = new byte[2800];
    private ITradeproofStore _small = null!;
    private ITradeproofStore _million = null!;
    private string _folder = null!;
    private long _counter;

    /// <summary>A fresh store for the appends (with a tenant) and the 1,000,000-leaf store for the proofs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("tradeproof-bench-log-").FullName;
        _small = LogStoreFixture.Open(_folder);
        _small.Tenants.CreateAsync(new TenantRecord("bench", "benchmark")).AsTask().GetAwaiter().GetResult();
        _million = LogStoreFixture.OpenMillionAsync(Console.Out).GetAwaiter().GetResult();

        // The proofs verify against the stored root (a wrong proof would make the timings meaningless).
        var root = _million.Log.GetRootAsync(LogStoreFixture.Size).AsTask().GetAwaiter().GetResult();
        if (!MerkleVerification.VerifyInclusion(123_457, LogStoreFixture.Size, InclusionProof_1M(), LogStoreFixture.Entry(123_457).LeafHash(), root)
            || !MerkleVerification.VerifyConsistency(700_001, LogStoreFixture.Size, ConsistencyProof_1M(), _million.Log.GetRootAsync(700_001).AsTask().GetAwaiter().GetResult(), root))
        {
            throw new InvalidOperationException("A proof from the 1,000,000-leaf store does not verify.");
        }
    }

    /// <summary>Closes the stores; removes the small one (the 1,000,000-leaf store is kept for the next run).</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _small.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _million.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One credential (2.8 KB) and its leaf in one transaction.</summary>
    [Benchmark]
    public async Task SaveCredential_WithLeaf() =>
        await _small.Credentials.SaveAsync("bench", new CredentialRecord($"urn:bench:{Interlocked.Increment(ref _counter)}", CredentialDirection.Received, "application/vc", Document));

    /// <summary>One leaf in its own transaction.</summary>
    [Benchmark]
    public async Task LogAppend_One() =>
        await _small.Log.AppendAsync([LogStoreFixture.Entry(Interlocked.Increment(ref _counter))]);

    /// <summary>Inclusion proof of leaf 123,457 in the tree of 1,000,000 leaves (20 hashes, one query).</summary>
    [Benchmark]
    public byte[][] InclusionProof_1M() => _million.Log.GetInclusionProofAsync(123_457, LogStoreFixture.Size).AsTask().GetAwaiter().GetResult();

    /// <summary>Consistency proof from 700,001 to 1,000,000 leaves.</summary>
    [Benchmark]
    public byte[][] ConsistencyProof_1M() => _million.Log.GetConsistencyProofAsync(700_001, LogStoreFixture.Size).AsTask().GetAwaiter().GetResult();
}
