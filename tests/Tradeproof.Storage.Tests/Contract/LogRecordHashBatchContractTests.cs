using System.Globalization;
using System.Text;
using Tradeproof.Storage.Sql;
using Tradeproof.Storage.Tests.Postgres;
using Tradeproof.Storage.Tests.Sqlite;
using Tradeproof.Storage.Tests.Support;
using Tradeproof.Transparency;

namespace Tradeproof.Storage.Tests.Contract;

/// <summary>
/// Migration 0012: a presentation's or credential's leaves found by record (<see cref="ITransparencyLogStore.FindLeavesAsync"/>)
/// through <c>log_record_hashes</c> (below <c>log_state.indexed_size</c>) and <c>log_record_hashes_recent</c> (at or
/// above it, moved into the first with each leaf-hash batch) instead of an index on every leaf's record hash. A
/// database of schema 11 keeps every record findable, on both sides of the mark and across a batch.
/// </summary>
public abstract class LogRecordHashBatchContractTests(IStoreHarness harness)
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private const string Tenant = "records";
    private const int Batch = SqlTransparencyLog.LeafHashBatch;

    private static LogEntry Credential(string id) => LogEntry.Of(LogEntryKind.Credential, Tenant, id, Encoding.UTF8.GetBytes("{}"), Start);

    private static LogEntry Filler(int n) => Credential("urn:fill:" + n.ToString(CultureInfo.InvariantCulture));

    private ValueTask<long> IndexedSizeAsync() => harness.CountAsync("SELECT indexed_size FROM log_state WHERE id = 1");

    private ValueTask<long> RecentAsync() => harness.CountAsync("SELECT COUNT(*) FROM log_record_hashes_recent");

    private ValueTask<long> IndexedAsync() => harness.CountAsync("SELECT COUNT(*) FROM log_record_hashes");

    [StoreFact]
    public async Task Records_are_found_below_and_above_the_mark_after_an_upgrade_and_across_a_batch()
    {
        // Schema 11 with six leaves written the old way (0006's record index), the mark of 0010 after the first three.
        await SchemaByHand.MigrateToAsync(harness, 11);
        var twin = LogEntry.Of(LogEntryKind.TwinEvent, Tenant, LogEntry.TwinEventRecordId("heat-1", 1), Encoding.UTF8.GetBytes("{}"), Start);
        var lookalikeHash = Credential("urn:rec:1").RecordHash.ToArray();
        lookalikeHash[^1] ^= 1; // the same 8-byte prefix as urn:rec:1, another record
        var lookalike = new LogEntry(LogEntryKind.Credential, twin.TenantHash, lookalikeHash, twin.ContentHash, twin.TimeMilliseconds);
        var old = new[]
        {
            Credential("urn:rec:0"), // 0: below the mark
            lookalike,               // 1: below the mark
            LogEntry.Of(LogEntryKind.Presentation, Tenant, "urn:vp:0", Encoding.UTF8.GetBytes("{}"), Start), // 2: below the mark
            Credential("urn:rec:0"), // 3: the same record again, above the mark
            twin,                    // 4: a twin event (not in the record tables)
            Credential("urn:rec:1"), // 5: above the mark, beside its lookalike below it
        };
        await SchemaByHand.WriteLeavesAsync(harness, old);
        _ = await harness.CountAsync($"INSERT INTO log_twin_event_leaves (record_hash, idx) VALUES ({SchemaByHand.Bytes(harness, twin.RecordHash)}, 4)");
        _ = await harness.CountAsync("UPDATE log_state SET indexed_size = 3 WHERE id = 1");

        await using var store = await harness.OpenAsync(new StoreOptionsSeed(new FixedClock(Start), new CountingRandomSource(), new OperatorKey(new byte[32])));
        Assert.True(await harness.CountAsync("SELECT MAX(version) FROM schema_migrations") >= 12);
        _ = await store.Tenants.CreateAsync(new TenantRecord(Tenant, "Records"));
        Assert.Equal(3, await IndexedAsync()); // leaves 0-2 below the mark
        Assert.Equal(2, await RecentAsync()); // leaves 3 and 5 (4 is a twin event)

        async Task AnswersAsync(long[] rec0, long[] rec1, long[] vp0)
        {
            Assert.Equal(rec0, await store.Log.FindLeavesAsync(LogEntryKind.Credential, Tenant, "urn:rec:0"));
            Assert.Equal(rec1, await store.Log.FindLeavesAsync(LogEntryKind.Credential, Tenant, "urn:rec:1"));
            Assert.Equal(vp0, await store.Log.FindLeavesAsync(LogEntryKind.Presentation, Tenant, "urn:vp:0"));
            Assert.Empty(await store.Log.FindLeavesAsync(LogEntryKind.Presentation, Tenant, "urn:rec:0")); // another kind
            Assert.Empty(await store.Log.FindLeavesAsync(LogEntryKind.Credential, "other", "urn:rec:0")); // another tenant
            Assert.Empty(await store.Log.FindLeavesAsync(LogEntryKind.Credential, Tenant, "urn:rec:9"));
            Assert.Equal([4L], await store.Log.FindLeavesAsync(LogEntryKind.TwinEvent, Tenant, LogEntry.TwinEventRecordId("heat-1", 1)));
        }

        await AnswersAsync([0, 3], [5], [2]);

        // Up to one leaf short of a batch above the mark: nothing moves; new records are found among the recent ones.
        var fill = Enumerable.Range(0, Batch - old.Length + 2).Select(Filler).ToList();
        fill[10] = Credential("urn:rec:1");
        Assert.Equal(6L, (await store.Log.AppendAsync(fill))[0]);
        Assert.Equal(3, await IndexedSizeAsync());
        Assert.Equal(3, await IndexedAsync());
        Assert.Equal(2 + fill.Count, await RecentAsync());
        Assert.Equal([7L], await store.Log.FindLeavesAsync(LogEntryKind.Credential, Tenant, "urn:fill:1"));
        await AnswersAsync([0, 3], [5, 16], [2]);

        // The leaf that completes the batch (urn:rec:0's third) moves every recent record hash into the big table.
        var completing = (await store.Log.AppendAsync([Credential("urn:rec:0")]))[0];
        Assert.Equal(3L + Batch - 1, completing);
        Assert.Equal(3 + Batch, await IndexedSizeAsync());
        Assert.Equal(0, await RecentAsync());
        Assert.Equal(3 + Batch - 1, await IndexedAsync()); // every leaf below the mark but the twin event
        await AnswersAsync([0, 3, completing], [5, 16], [2]);
        Assert.Equal([7L], await store.Log.FindLeavesAsync(LogEntryKind.Credential, Tenant, "urn:fill:1"));

        // Above the new mark: through a repository (the scope's log flush) and through the bulk ingest.
        Assert.Equal(CredentialSaveOutcome.Stored, await store.Credentials.SaveAsync(Tenant, new CredentialRecord("urn:rec:2", CredentialDirection.Received, "application/vc", Encoding.UTF8.GetBytes("{\"id\":\"urn:rec:2\"}"))));
        var ingest = await store.IngestAsync(Tenant, new IngestBatch(
            [new PresentationRecord("urn:vp:1", Encoding.UTF8.GetBytes("{\"id\":\"urn:vp:1\"}"))],
            [new CredentialRecord("urn:rec:3", CredentialDirection.Received, "application/vc", Encoding.UTF8.GetBytes("{\"id\":\"urn:rec:3\"}"))],
            []));
        Assert.Equal([PresentationReceiveOutcome.Received], ingest.Presentations);
        Assert.Equal(3, await RecentAsync());
        var saved = Assert.Single(await store.Log.FindLeavesAsync(LogEntryKind.Credential, Tenant, "urn:rec:2"));
        Assert.True(saved >= 3 + Batch);
        Assert.True(Assert.Single(await store.Log.FindLeavesAsync(LogEntryKind.Presentation, Tenant, "urn:vp:1")) > saved);
        Assert.Single(await store.Log.FindLeavesAsync(LogEntryKind.Credential, Tenant, "urn:rec:3"));
        await AnswersAsync([0, 3, completing], [5, 16], [2]);

        var audit = await TransparencyLogAudit.RunAsync(store.Log, null);
        Assert.True(audit.Ok, string.Join("; ", audit.Problems));
    }
}

/// <summary>Migration 0012 on SQLite.</summary>
public sealed class SqliteLogRecordHashBatchContractTests(SqliteHarness harness) : LogRecordHashBatchContractTests(harness), IClassFixture<SqliteHarness>;

/// <summary>Migration 0012 on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresLogRecordHashBatchContractTests(PostgresHarness harness) : LogRecordHashBatchContractTests(harness), IClassFixture<PostgresHarness>;
