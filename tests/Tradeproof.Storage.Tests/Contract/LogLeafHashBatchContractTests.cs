using System.Globalization;
using System.Text;
using Tradeproof.Storage.Sql;
using Tradeproof.Storage.Tests.Postgres;
using Tradeproof.Storage.Tests.Sqlite;
using Tradeproof.Storage.Tests.Support;
using Tradeproof.Transparency;

namespace Tradeproof.Storage.Tests.Contract;

/// <summary>
/// Migration 0010: leaf hashes indexed in sorted batches of <see cref="SqlTransparencyLog.LeafHashBatch"/> leaves
/// (<c>log_leaf_hashes</c> below <c>log_state.indexed_size</c>, the tail above it scanned). A database of schema 8
/// keeps every leaf findable, and every leaf is found on both sides of the batch boundary.
/// </summary>
public abstract class LogLeafHashBatchContractTests(IStoreHarness harness)
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private const string Tenant = "batch";
    private const int Batch = SqlTransparencyLog.LeafHashBatch;

    private static LogEntry Entry(int n) => LogEntry.Of(LogEntryKind.Credential, Tenant, "urn:batch:" + n.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes("{}"), Start);

    private ValueTask<long> IndexedSizeAsync() => harness.CountAsync("SELECT indexed_size FROM log_state WHERE id = 1");

    [StoreFact]
    public async Task Leaves_are_found_by_hash_below_at_and_above_the_batch_mark_after_an_upgrade()
    {
        // Schema 8, recorded as the migrator records it, with three leaves written the old way (0008's index).
        await SchemaByHand.MigrateToAsync(harness, 8);

        await SchemaByHand.WriteLeavesAsync(harness, [Entry(0), Entry(1), Entry(0)]); // the same leaf twice: the first index is the answer

        await using var store = await harness.OpenAsync(new StoreOptionsSeed(new FixedClock(Start), new CountingRandomSource(), new OperatorKey(new byte[32])));
        Assert.True(await harness.CountAsync("SELECT MAX(version) FROM schema_migrations") >= 10);
        _ = await store.Tenants.CreateAsync(new TenantRecord(Tenant, "Batch"));
        Assert.Equal(3, await IndexedSizeAsync()); // the migration indexed every old leaf
        Assert.Equal(3, await harness.CountAsync("SELECT COUNT(*) FROM log_leaf_hashes"));
        Assert.Equal(0L, await store.Log.FindLeafByHashAsync(Entry(0).LeafHash()));
        Assert.Equal(1L, await store.Log.FindLeafByHashAsync(Entry(1).LeafHash()));

        // Up to one leaf short of a batch above the mark: nothing indexed, every new leaf found in the tail.
        var tail = Enumerable.Range(2, Batch - 1).Select(Entry).ToList();
        Assert.Equal(3L, (await store.Log.AppendAsync(tail))[0]);
        Assert.Equal(3, await IndexedSizeAsync());
        Assert.Equal(3, await harness.CountAsync("SELECT COUNT(*) FROM log_leaf_hashes"));
        Assert.Equal(3L, await store.Log.FindLeafByHashAsync(Entry(2).LeafHash()));
        Assert.Equal(3L + Batch - 2, await store.Log.FindLeafByHashAsync(Entry(Batch).LeafHash()));
        Assert.Equal(0L, await store.Log.FindLeafByHashAsync(Entry(0).LeafHash()));

        // The leaf that completes the batch (again an old hash: its first leaf stays the answer) indexes all of them.
        Assert.Equal([3L + Batch - 1], await store.Log.AppendAsync([Entry(1)]));
        Assert.Equal(3 + Batch, await IndexedSizeAsync());
        Assert.Equal(3 + Batch, await harness.CountAsync("SELECT COUNT(*) FROM log_leaf_hashes"));

        // One more above the new mark, appended through the twin store (its own append path).
        Assert.True((await store.TwinEvents.AppendAsync(Tenant, "heat-1", 0, [new TwinEventData("urn:event:1", "Observed", "{\"n\":1}", [])])).Succeeded);
        var twinLeaf = (await store.Log.GetLeavesAsync(3 + Batch, 1)).Single();
        Assert.Equal(3 + Batch, await IndexedSizeAsync());

        Assert.Equal(0L, await store.Log.FindLeafByHashAsync(Entry(0).LeafHash()));
        Assert.Equal(1L, await store.Log.FindLeafByHashAsync(Entry(1).LeafHash()));
        Assert.Equal(3L, await store.Log.FindLeafByHashAsync(Entry(2).LeafHash()));
        Assert.Equal(3L + Batch - 2, await store.Log.FindLeafByHashAsync(Entry(Batch).LeafHash())); // the last below the mark
        Assert.Equal(3L + Batch, await store.Log.FindLeafByHashAsync(twinLeaf.LeafHash)); // the first above it
        var near = Entry(2).LeafHash();
        near[^1] ^= 1; // the same 8-byte prefix, another hash
        Assert.Null(await store.Log.FindLeafByHashAsync(near));
        near = twinLeaf.LeafHash.ToArray();
        near[^1] ^= 1;
        Assert.Null(await store.Log.FindLeafByHashAsync(near));
        Assert.Null(await store.Log.FindLeafByHashAsync(Entry(Batch + 1).LeafHash()));

        // Every leaf, by its own hash: the first leaf with that hash.
        var leaves = await store.Log.GetLeavesAsync(0, Batch + 10);
        Assert.Equal(4 + Batch, leaves.Count);
        var first = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var leaf in leaves)
        {
            _ = first.TryAdd(Convert.ToHexString(leaf.LeafHash), leaf.Index);
        }

        foreach (var leaf in leaves.Where((_, i) => i % 97 == 0 || i >= Batch))
        {
            Assert.Equal(first[Convert.ToHexString(leaf.LeafHash)], await store.Log.FindLeafByHashAsync(leaf.LeafHash));
        }

        var audit = await TransparencyLogAudit.RunAsync(store.Log, null);
        Assert.True(audit.Ok, string.Join("; ", audit.Problems));
    }
}

/// <summary>Migration 0010 on SQLite.</summary>
public sealed class SqliteLogLeafHashBatchContractTests(SqliteHarness harness) : LogLeafHashBatchContractTests(harness), IClassFixture<SqliteHarness>;

/// <summary>Migration 0010 on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresLogLeafHashBatchContractTests(PostgresHarness harness) : LogLeafHashBatchContractTests(harness), IClassFixture<PostgresHarness>;
