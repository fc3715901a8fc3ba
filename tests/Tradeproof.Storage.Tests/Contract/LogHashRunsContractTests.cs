using System.Globalization;
using System.Text;
using Tradeproof.Storage.Sql;
using Tradeproof.Storage.Tests.Postgres;
using Tradeproof.Storage.Tests.Sqlite;
using Tradeproof.Storage.Tests.Support;
using Tradeproof.Transparency;
using static Tradeproof.Storage.Tests.Contract.LogHashRuns;

namespace Tradeproof.Storage.Tests.Contract;

/// <summary>
/// Migration 0013: <c>log_leaf_hashes</c> and <c>log_record_hashes</c> keyed by run first (run = idx &gt;&gt;
/// <see cref="SqlTransparencyLog.LeafHashRunShift"/>, resp. <see cref="SqlTransparencyLog.RecordHashRunShift"/>), each
/// look-up probing every run below <c>indexed_size</c>. A database of schema 12 keeps its rows, now with their runs, and
/// every leaf and record is found in whichever run it is, beside the recent ones and the unindexed tail.
/// </summary>
public abstract class LogHashRunsContractTests(IStoreHarness harness)
{
    [StoreFact]
    public async Task Rows_of_schema_12_get_their_runs_and_are_found_in_every_run()
    {
        await SchemaByHand.MigrateToAsync(harness, 12);

        // Leaves far apart (their indexes only matter here, not the tree): leaf-hash runs 0, 1, 4 and 8 and record-hash
        // runs 0, 0, 1 and 2 below the mark, a lookalike of the third record in the same runs, one recent record above.
        long[] indexed = [5, LeafRun + 3, RecordRun + 4, (2L * RecordRun) + 7];
        var lookalikeIndex = RecordRun + 9L;
        var recentIndex = (2L * RecordRun) + 20;
        var size = recentIndex + 1;
        var lookalikeHash = Credential(Id(indexed[2])).RecordHash.ToArray();
        lookalikeHash[^1] ^= 1; // the same 8-byte prefix, another record
        var lookalike = new LogEntry(LogEntryKind.Credential, Credential("x").TenantHash, lookalikeHash, Credential("x").ContentHash, Credential("x").TimeMilliseconds);
        var leaves = indexed.Select(i => (Index: i, Entry: Credential(Id(i)))).ToList();
        leaves.Add((lookalikeIndex, lookalike));
        leaves.Add((recentIndex, Credential(Id(recentIndex))));
        foreach (var (index, e) in leaves)
        {
            _ = await harness.CountAsync("INSERT INTO log_leaves (idx, kind, tenant_hash, record_hash, content_hash, logged_at, leaf_hash) VALUES " +
                $"({index}, {(int)e.Kind}, {SchemaByHand.Bytes(harness, e.TenantHash)}, {SchemaByHand.Bytes(harness, e.RecordHash)}, {SchemaByHand.Bytes(harness, e.ContentHash)}, {e.TimeMilliseconds}, {SchemaByHand.Bytes(harness, e.LeafHash())})");
            var table = index < recentIndex ? "log_record_hashes" : "log_record_hashes_recent";
            _ = await harness.CountAsync($"INSERT INTO {table} (prefix, idx) VALUES ({SchemaByHand.Bytes(harness, e.RecordHash.AsSpan(0, 8).ToArray())}, {index})");
            if (index < recentIndex)
            {
                _ = await harness.CountAsync($"INSERT INTO log_leaf_hashes (prefix, idx) VALUES ({SchemaByHand.Bytes(harness, e.LeafHash().AsSpan(0, 8).ToArray())}, {index})");
            }
        }

        _ = await harness.CountAsync($"UPDATE log_state SET size = {size}, indexed_size = {recentIndex} WHERE id = 1");

        await using var store = await harness.OpenAsync(new StoreOptionsSeed(new FixedClock(Start), new CountingRandomSource(), new OperatorKey(new byte[32])));
        Assert.True(await harness.CountAsync("SELECT MAX(version) FROM schema_migrations") >= 13);
        _ = await store.Tenants.CreateAsync(new TenantRecord(Tenant, "Runs"));

        // The rows are kept, each in its run.
        Assert.Equal(5, await harness.CountAsync("SELECT COUNT(*) FROM log_leaf_hashes"));
        Assert.Equal(5, await harness.CountAsync("SELECT COUNT(*) FROM log_record_hashes"));
        Assert.Equal(0, await harness.CountAsync($"SELECT COUNT(*) FROM log_leaf_hashes WHERE run <> idx >> {SqlTransparencyLog.LeafHashRunShift}"));
        Assert.Equal(0, await harness.CountAsync($"SELECT COUNT(*) FROM log_record_hashes WHERE run <> idx >> {SqlTransparencyLog.RecordHashRunShift}"));
        Assert.Equal(4, await harness.CountAsync("SELECT COUNT(DISTINCT run) FROM log_leaf_hashes"));
        Assert.Equal(3, await harness.CountAsync("SELECT COUNT(DISTINCT run) FROM log_record_hashes"));

        // Every record and leaf found in its run (the lookalike only as itself), the recent one and the tail too.
        foreach (var (index, e) in leaves.Where(l => !ReferenceEquals(l.Entry, lookalike)))
        {
            Assert.Equal([index], await store.Log.FindLeavesAsync(LogEntryKind.Credential, Tenant, Id(index)));
            Assert.Equal(index, await store.Log.FindLeafByHashAsync(e.LeafHash()));
        }

        Assert.Equal(lookalikeIndex, await store.Log.FindLeafByHashAsync(lookalike.LeafHash()));
        Assert.Empty(await store.Log.FindLeavesAsync(LogEntryKind.Credential, Tenant, Id(size + 1)));
        var near = Credential(Id(indexed[3])).LeafHash();
        near[^1] ^= 1; // the same 8-byte prefix, another hash
        Assert.Null(await store.Log.FindLeafByHashAsync(near));
    }

}

/// <summary>
/// Migration 0013 under the appender: each batch of <see cref="SqlTransparencyLog.LeafHashBatch"/> leaves goes into the
/// last run of <c>log_leaf_hashes</c>, and every leaf is found across the runs, at their edges and in the tail.
/// </summary>
public abstract class LogHashRunsAppendContractTests(IStoreHarness harness)
{
    [StoreFact]
    public async Task Batches_fill_the_last_run_and_leaves_are_found_across_runs()
    {
        await using var store = await harness.OpenAsync(new StoreOptionsSeed(new FixedClock(Start), new CountingRandomSource(), new OperatorKey(new byte[32])));
        _ = await store.Tenants.CreateAsync(new TenantRecord(Tenant, "Runs"));

        // Two whole leaf-hash runs, most of a third, and a tail: batches of LeafHashBatch as the appender makes them.
        var total = (2 * LeafRun) + SqlTransparencyLog.LeafHashBatch + 100;
        for (var start = 0; start < total; start += SqlTransparencyLog.LeafHashBatch)
        {
            var count = Math.Min(SqlTransparencyLog.LeafHashBatch, total - start);
            _ = await store.Log.AppendAsync(Enumerable.Range(start, count).Select(i => Credential(Id(i))).ToList());
        }

        var indexedSize = await harness.CountAsync("SELECT indexed_size FROM log_state WHERE id = 1");
        Assert.True(indexedSize > 2 * LeafRun && indexedSize < total, $"indexed_size {indexedSize}");
        Assert.Equal(3, await harness.CountAsync("SELECT COUNT(DISTINCT run) FROM log_leaf_hashes"));
        Assert.Equal(indexedSize, await harness.CountAsync("SELECT COUNT(*) FROM log_leaf_hashes"));
        Assert.Equal(0, await harness.CountAsync($"SELECT COUNT(*) FROM log_leaf_hashes WHERE run <> idx >> {SqlTransparencyLog.LeafHashRunShift}"));

        foreach (var i in new long[] { 0, 1, LeafRun - 1, LeafRun, (2L * LeafRun) - 1, 2L * LeafRun, indexedSize - 1, indexedSize, total - 1 })
        {
            Assert.Equal(i, await store.Log.FindLeafByHashAsync(Credential(Id(i)).LeafHash()));
            Assert.Equal([i], await store.Log.FindLeavesAsync(LogEntryKind.Credential, Tenant, Id(i)));
        }

        Assert.Null(await store.Log.FindLeafByHashAsync(Credential(Id(total)).LeafHash()));
        var audit = await TransparencyLogAudit.RunAsync(store.Log, null);
        Assert.True(audit.Ok, string.Join("; ", audit.Problems));
    }
}

/// <summary>The runs' sizes and the entries both test classes write.</summary>
internal static class LogHashRuns
{
    public const string Tenant = "runs";
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    public static readonly int LeafRun = 1 << int.Parse(SqlTransparencyLog.LeafHashRunShift, CultureInfo.InvariantCulture);
    public static readonly int RecordRun = 1 << int.Parse(SqlTransparencyLog.RecordHashRunShift, CultureInfo.InvariantCulture);

    public static LogEntry Credential(string id) => LogEntry.Of(LogEntryKind.Credential, Tenant, id, Encoding.UTF8.GetBytes("{}"), Start);

    public static string Id(long n) => "urn:run:" + n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Migration 0013 on SQLite.</summary>
public sealed class SqliteLogHashRunsContractTests(SqliteHarness harness) : LogHashRunsContractTests(harness), IClassFixture<SqliteHarness>;

/// <summary>Migration 0013 on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresLogHashRunsContractTests(PostgresHarness harness) : LogHashRunsContractTests(harness), IClassFixture<PostgresHarness>;

/// <summary>The appender's runs on SQLite.</summary>
public sealed class SqliteLogHashRunsAppendContractTests(SqliteHarness harness) : LogHashRunsAppendContractTests(harness), IClassFixture<SqliteHarness>;

/// <summary>The appender's runs on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresLogHashRunsAppendContractTests(PostgresHarness harness) : LogHashRunsAppendContractTests(harness), IClassFixture<PostgresHarness>;
