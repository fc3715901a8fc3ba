using System.Globalization;
using System.Text;
using Tradeproof.Storage.Tests.Postgres;
using Tradeproof.Storage.Tests.Sqlite;
using Tradeproof.Storage.Tests.Support;
using Tradeproof.Transparency;

namespace Tradeproof.Storage.Tests.Contract;

/// <summary>
/// Migrations 0006 and 0008 (the log leaves' indexes): twin-event leaves are found through their twin_events row and
/// the time index, not the record-hash index; leaf hashes through an index of their first 8 bytes; a database written
/// before them keeps every old leaf findable and auditable.
/// Each class has a database of its own, first brought to schema 5 by hand and filled the way the old code wrote.
/// </summary>
public abstract class LogLeafIndexContractTests(IStoreHarness harness)
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private const string Tenant = "upgrade";

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>A byte-string literal in the harness's SQL.</summary>
    private string Bytes(byte[] bytes) => harness.Provider == "postgres" ? $"'\\x{Hex(bytes)}'::bytea" : $"x'{Hex(bytes)}'";

    [StoreFact]
    public async Task Old_twin_event_leaves_stay_findable_and_new_ones_are_found_through_their_rows()
    {
        // Schema 5, recorded as the migrator records it.
        await SchemaByHand.MigrateToAsync(harness, 5);

        // What the old twin store wrote: the event row's time and its leaf's time read from the clock apart (3 ms here),
        // and a credential leaf beside it.
        var time = Start.ToUnixTimeMilliseconds();
        var old = LogEntry.Of(LogEntryKind.TwinEvent, Tenant, LogEntry.TwinEventRecordId("heat-1", 1), Encoding.UTF8.GetBytes("{\"n\":1}"), Start.AddMilliseconds(3));
        var credential = LogEntry.Of(LogEntryKind.Credential, Tenant, "urn:old:1", Encoding.UTF8.GetBytes("{}"), Start.AddMilliseconds(3));
        var range = new CompactRange();
        var nodes = new List<(NodeId Id, byte[] Hash)>();
        var leaves = new StringBuilder();
        foreach (var (entry, idx) in new[] { (old, 0), (credential, 1) })
        {
            range.Append(entry.LeafHash(), (id, hash) => nodes.Add((id, hash)));
            _ = leaves.Append(idx == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                $"({idx}, {(int)entry.Kind}, {Bytes(entry.TenantHash)}, {Bytes(entry.RecordHash)}, {Bytes(entry.ContentHash)}, {entry.TimeMilliseconds}, {Bytes(entry.LeafHash())})");
        }

        var f = harness.Provider == "postgres" ? "FALSE" : "0";
        _ = await harness.CountAsync($"INSERT INTO tenants (id, display_name, public_verification, created_at) VALUES ('{Tenant}', 'Upgrade', {f}, {time})");
        _ = await harness.CountAsync("INSERT INTO twin_events (tenant_id, stream_id, version, previous_version, event_id, event_type, payload, subject_ids, recorded_at) " +
            $"VALUES ('{Tenant}', 'heat-1', 1, NULL, 'urn:event:1', 'Observed', '{{\"n\":1}}', '[]', {time})");
        _ = await harness.CountAsync($"INSERT INTO log_leaves (idx, kind, tenant_hash, record_hash, content_hash, logged_at, leaf_hash) VALUES {leaves}");
        foreach (var (id, hash) in nodes.Where(n => n.Id.Level > 0))
        {
            _ = await harness.CountAsync($"INSERT INTO log_nodes (level, idx, hash) VALUES ({id.Level}, {id.Index}, {Bytes(hash)})");
        }

        _ = await harness.CountAsync($"UPDATE log_state SET size = 2, edge = {Bytes(range.ToBytes())} WHERE id = 1");

        // Opening migrates to 0006: the old leaves are found, the twin store's new ones too (by their rows), and the
        // log audits clean.
        var clock = new FixedClock(Start.AddMinutes(1));
        await using var store = await harness.OpenAsync(new StoreOptionsSeed(clock, new CountingRandomSource(), new OperatorKey(new byte[32])));
        Assert.True(await harness.CountAsync("SELECT MAX(version) FROM schema_migrations") >= 6); // 0006 and any later migration (0007: outbox indexes)
        Assert.Equal([0L], await store.Log.FindLeavesAsync(LogEntryKind.TwinEvent, Tenant, LogEntry.TwinEventRecordId("heat-1", 1)));
        Assert.Equal([1L], await store.Log.FindLeavesAsync(LogEntryKind.Credential, Tenant, "urn:old:1"));
        Assert.Equal(0L, await store.Log.FindLeafByHashAsync(old.LeafHash()));
        var near = old.LeafHash();
        near[^1] ^= 1; // the same first 8 bytes (the index's key since 0008), another hash
        Assert.Null(await store.Log.FindLeafByHashAsync(near));
        Assert.Null(await store.Log.FindLeafByHashAsync(old.LeafHash()[..7]));
        Assert.Equal(1, await harness.CountAsync("SELECT COUNT(*) FROM log_twin_event_leaves"));

        Assert.True((await store.TwinEvents.AppendAsync(Tenant, "heat-1", 1, [new TwinEventData("urn:event:2", "Observed", "{\"n\":2}", [])])).Succeeded);
        clock.Now = Start.AddMinutes(2);
        Assert.Equal(AppendOutcome.Appended, (await store.TwinEvents.AppendManyAsync(Tenant, [
            new StreamAppend("heat-1", [new TwinEventData("urn:event:3", "Observed", "{\"n\":3}", [])], 2),
            new StreamAppend("heat-2", [new TwinEventData("urn:event:4", "Observed", "{\"n\":4}", []), new TwinEventData("urn:event:5", "Observed", "{\"n\":5}", [])], 0)]))[1].Outcome);
        Assert.Equal([2L], await store.Log.FindLeavesAsync(LogEntryKind.TwinEvent, Tenant, LogEntry.TwinEventRecordId("heat-1", 2)));
        Assert.Equal([3L], await store.Log.FindLeavesAsync(LogEntryKind.TwinEvent, Tenant, LogEntry.TwinEventRecordId("heat-1", 3)));
        Assert.Equal([5L], await store.Log.FindLeavesAsync(LogEntryKind.TwinEvent, Tenant, LogEntry.TwinEventRecordId("heat-2", 2)));
        Assert.Equal(1, await harness.CountAsync("SELECT COUNT(*) FROM log_twin_event_leaves"));

        // Not found: another tenant's id, a version not written, a record id that is not "version:stream", the wrong kind.
        Assert.Empty(await store.Log.FindLeavesAsync(LogEntryKind.TwinEvent, "other", LogEntry.TwinEventRecordId("heat-1", 2)));
        Assert.Empty(await store.Log.FindLeavesAsync(LogEntryKind.TwinEvent, Tenant, LogEntry.TwinEventRecordId("heat-2", 3)));
        Assert.Empty(await store.Log.FindLeavesAsync(LogEntryKind.TwinEvent, Tenant, "heat-1"));
        Assert.Empty(await store.Log.FindLeavesAsync(LogEntryKind.Credential, Tenant, LogEntry.TwinEventRecordId("heat-1", 2)));

        // A twin-event leaf appended through the log itself (no row) is linked by its record hash.
        var direct = LogEntry.Of(LogEntryKind.TwinEvent, Tenant, LogEntry.TwinEventRecordId("heat-9", 1), Encoding.UTF8.GetBytes("{}"), clock.Now);
        Assert.Equal([6L], await store.Log.AppendAsync([direct]));
        Assert.Equal([6L], await store.Log.FindLeavesAsync(LogEntryKind.TwinEvent, Tenant, LogEntry.TwinEventRecordId("heat-9", 1)));
        Assert.Equal(6L, await store.Log.FindLeafByHashAsync(direct.LeafHash()));

        var audit = await TransparencyLogAudit.RunAsync(store.Log, null);
        Assert.True(audit.Ok, string.Join("; ", audit.Problems));
        Assert.Equal(7, audit.Leaves);
    }
}

/// <summary>Migration 0006 on SQLite.</summary>
public sealed class SqliteLogLeafIndexContractTests(SqliteHarness harness) : LogLeafIndexContractTests(harness), IClassFixture<SqliteHarness>;

/// <summary>Migration 0006 on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresLogLeafIndexContractTests(PostgresHarness harness) : LogLeafIndexContractTests(harness), IClassFixture<PostgresHarness>;
