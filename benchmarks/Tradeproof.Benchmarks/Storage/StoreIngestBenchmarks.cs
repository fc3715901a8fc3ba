using System.Text;
using BenchmarkDotNet.Attributes;
using Tradeproof.Cryptography;
using Tradeproof.Storage;
using Tradeproof.Storage.Postgres;
using Tradeproof.Storage.Sqlite;

namespace Tradeproof.Benchmarks.Storage;

// Ingest into the store, durable settings on (SQLite: WAL + synchronous=FULL; PostgreSQL: fsync + synchronous_commit):
// - SaveCredentials_Batch1000: 1,000 credentials (the 2.8 KB mill test report shape, unique ids) in one transaction;
//   the time shown is per credential (OperationsPerInvoke), so credentials/s = 1 s / time;
// - SaveCredential_One: one credential per transaction (one fsync each): the unbatched floor;
// - AppendEvents_Batch100: 100 events appended to a new twin stream in one transaction, per event;
// - AppendEvent_One: one event per append (expected-version check + insert + commit).
// PostgreSQL needs TRADEPROOF_BENCH_POSTGRES (a connection string to an empty database); see docs/storage.md.

/// <summary>Credentials/s and events/s into SQLite and PostgreSQL.</summary>
[MemoryDiagnoser]
public class StoreIngestBenchmarks
{
    private const string Tenant = "bench";
    private static readonly byte[] Document = System.Text.Encoding.UTF8.GetBytes(MillTestReportShape());
    private ITradeproofStore _store = null!;
    private string? _folder;
    private long _counter;

    /// <summary>The database.</summary>
    [Params("sqlite", "postgres")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Opens the store and creates the tenant.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var key = new OperatorKey(new byte[32]);
        if (Provider == "sqlite")
        {
            _folder = Directory.CreateTempSubdirectory("tradeproof-bench-").FullName;
            _store = SqliteStore.OpenAsync(new SqliteStoreOptions { DatabasePath = Path.Combine(_folder, "bench.db"), Time = TimeProvider.System, Random = SystemRandomSource.Instance, OperatorKey = key })
                .AsTask().GetAwaiter().GetResult();
        }
        else
        {
            var connection = Environment.GetEnvironmentVariable("TRADEPROOF_BENCH_POSTGRES")
                ?? throw new InvalidOperationException("Set TRADEPROOF_BENCH_POSTGRES to a PostgreSQL connection string (see docs/storage.md).");
            _store = PostgresStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connection, Time = TimeProvider.System, Random = SystemRandomSource.Instance, OperatorKey = key })
                .AsTask().GetAwaiter().GetResult();
        }

        _store.Tenants.CreateAsync(new TenantRecord(Tenant, "benchmark")).AsTask().GetAwaiter().GetResult();
        _counter = DateTimeOffset.UtcNow.UtcTicks; // unique ids across runs on one PostgreSQL database
    }

    /// <summary>Closes the store and removes the SQLite folder.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>1,000 credentials in one transaction (time per credential).</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public async Task SaveCredentials_Batch1000()
    {
        var batch = new CredentialRecord[1000];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = new CredentialRecord($"urn:uuid:{Interlocked.Increment(ref _counter)}", CredentialDirection.Received, "application/vc", Document);
        }

        await _store.Credentials.SaveManyAsync(Tenant, batch);
    }

    /// <summary>One credential per transaction.</summary>
    [Benchmark]
    public async Task SaveCredential_One() =>
        await _store.Credentials.SaveAsync(Tenant, new CredentialRecord($"urn:uuid:{Interlocked.Increment(ref _counter)}", CredentialDirection.Received, "application/vc", Document));

    /// <summary>100 events to a new stream in one append (time per event).</summary>
    [Benchmark(OperationsPerInvoke = 100)]
    public async Task AppendEvents_Batch100()
    {
        var stream = $"lot-{Interlocked.Increment(ref _counter)}";
        var events = new TwinEventData[100];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = new TwinEventData($"{stream}-{i}", "SensorReading", "{\"temperature\":4.2,\"unit\":\"Cel\",\"at\":\"2026-03-01T08:00:00Z\"}", [stream]);
        }

        await _store.TwinEvents.AppendAsync(Tenant, stream, 0, events);
    }

    /// <summary>One event per append.</summary>
    [Benchmark]
    public async Task AppendEvent_One()
    {
        var stream = $"lot-{Interlocked.Increment(ref _counter)}";
        await _store.TwinEvents.AppendAsync(Tenant, stream, 0, [new TwinEventData(stream, "SensorReading", "{\"temperature\":4.2}", [stream])]);
    }

    // A mill test report credential's size and shape (2.8 KB, like ../shared/design/fixtures/mill-test-report.json).
    private static string MillTestReportShape()
    {
        var builder = new StringBuilder("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiableCredential\",\"MillTestReportCredential\"],");
        builder.Append("\"issuer\":\"did:web:mill.example\",\"validFrom\":\"2026-03-01T08:00:00Z\",\"credentialSubject\":{\"type\":\"MillTestReport\",\"heats\":[");
        for (var i = 0; builder.Length < 2700; i++)
        {
            builder.Append(i == 0 ? string.Empty : ",").Append("{\"heatNumber\":\"H").Append(i).Append("\",\"countryOfMelt\":\"US\",\"countryOfPour\":\"US\",\"carbon\":0.21,\"manganese\":1.1}");
        }

        return builder.Append("]},\"proof\":{\"type\":\"DataIntegrityProof\",\"cryptosuite\":\"eddsa-rdfc-2022\",\"proofValue\":\"z3FXQjecWufY46\"}}").ToString();
    }
}
