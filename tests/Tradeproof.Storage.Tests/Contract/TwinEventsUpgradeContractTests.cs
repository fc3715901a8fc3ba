using System.Text;
using Tradeproof.Storage.Tests.Postgres;
using Tradeproof.Storage.Tests.Sqlite;
using Tradeproof.Storage.Tests.Support;
using Tradeproof.Transparency;

namespace Tradeproof.Storage.Tests.Contract;

/// <summary>
/// Migration 0009 (SQLite: twin_events rebuilt as a rowid table; PostgreSQL: nothing to do): a database written at
/// schema 8 keeps every event byte for byte, its streams' versions, and the database's own guard of dense versions.
/// Each class has a database of its own, first brought to schema 8 by hand and filled the way the old code wrote.
/// </summary>
public abstract class TwinEventsUpgradeContractTests(IStoreHarness harness)
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private const string Tenant = "twin-upgrade";

    // An event larger than a WITHOUT ROWID cell holds (it had an overflow page), with text that is not ASCII.
    private static readonly string Large = "{\"n\":1,\"text\":\"" + string.Concat(Enumerable.Repeat("Stahl-Coil \u00e9\u00df ", 150)) + "\"}";

    private const string Insert = "INSERT INTO twin_events (tenant_id, stream_id, version, previous_version, event_id, event_type, payload, subject_ids, recorded_at) VALUES ";

    [StoreFact]
    public async Task A_schema_8_database_keeps_its_events_versions_and_guards()
    {
        _ = await harness.CountAsync("CREATE TABLE schema_migrations (version BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        foreach (var m in Sql.SqlMigrator.Embedded(harness.Provider).Take(8))
        {
            _ = await harness.CountAsync(m.Sql);
            _ = await harness.CountAsync($"INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ({m.Version}, '{m.Name}', '{m.Checksum}', 0)");
        }

        var time = Start.ToUnixTimeMilliseconds();
        var f = harness.Provider == "postgres" ? "FALSE" : "0";
        _ = await harness.CountAsync($"INSERT INTO tenants (id, display_name, public_verification, created_at) VALUES ('{Tenant}', 'Upgrade', {f}, {time})");
        // Inserted out of key order (lot before heat, heat's versions in order as the foreign key needs).
        _ = await harness.CountAsync(Insert + $"('{Tenant}', 'lot-1', 1, NULL, 'urn:e:1', 'described', '{Large}', '[\"lot-1\",\"heat-1\"]', {time})");
        for (var v = 1; v <= 3; v++)
        {
            _ = await harness.CountAsync(Insert + $"('{Tenant}', 'heat-1', {v}, {(v == 1 ? "NULL" : (v - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))}, " +
                $"'urn:e:{v}', 'described', '{(v == 1 ? Large : $"{{\"n\":{v}}}")}', '[\"lot-1\",\"heat-1\"]', {time + v})");
        }

        _ = await harness.CountAsync($"INSERT INTO twin_subjects (tenant_id, subject_id, stream_id) VALUES ('{Tenant}', 'lot-1', 'lot-1'), ('{Tenant}', 'heat-1', 'lot-1'), ('{Tenant}', 'heat-1', 'heat-1'), ('{Tenant}', 'lot-1', 'heat-1')");

        var clock = new FixedClock(Start.AddMinutes(1));
        await using var store = await harness.OpenAsync(new StoreOptionsSeed(clock, new CountingRandomSource(), new OperatorKey(new byte[32])));
        Assert.True(await harness.CountAsync("SELECT MAX(version) FROM schema_migrations") >= 9);
        if (harness.Provider == "sqlite")
        {
            Assert.Equal(0, await harness.CountAsync("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'twin_events' AND sql LIKE '%WITHOUT ROWID%'"));
            Assert.Equal(1, await harness.CountAsync("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'twin_events' AND type = 'table'"));
            Assert.Equal(0, await harness.CountAsync("SELECT COUNT(*) FROM sqlite_schema WHERE name LIKE 'twin_events_0008%'"));
            Assert.Equal(0, await harness.CountAsync("SELECT COUNT(*) FROM pragma_foreign_key_check"));
        }

        // Every byte of every event, the versions and the times, as written.
        var heat = await store.TwinEvents.ReadStreamAsync(Tenant, "heat-1");
        Assert.Equal([1L, 2L, 3L], heat.Select(e => e.Version));
        Assert.Equal(Large, heat[0].PayloadJson);
        Assert.Equal("{\"n\":3}", heat[2].PayloadJson);
        Assert.Equal(["urn:e:1", "urn:e:2", "urn:e:3"], heat.Select(e => e.EventId));
        Assert.All(heat, e => Assert.Equal(["lot-1", "heat-1"], e.SubjectIds));
        Assert.Equal(Start.AddMilliseconds(2), heat[1].RecordedAt);
        var lot = Assert.Single(await store.TwinEvents.ReadStreamAsync(Tenant, "lot-1"));
        Assert.Equal(Large, lot.PayloadJson);
        Assert.Equal(3L, await store.TwinEvents.GetVersionAsync(Tenant, "heat-1"));
        Assert.Equal(["heat-1", "lot-1"], await store.TwinEvents.ListStreamsAsync(Tenant));
        Assert.Equal(["heat-1", "lot-1"], await store.TwinEvents.FindStreamsBySubjectAsync(Tenant, "lot-1"));

        // Appends go on at the old heads; a stale expected version is a conflict.
        Assert.Equal(new AppendResult(AppendOutcome.Appended, 4), await store.TwinEvents.AppendAsync(Tenant, "heat-1", 3, [new TwinEventData("urn:e:4", "described", Large, ["heat-1"])]));
        Assert.Equal(new AppendResult(AppendOutcome.Conflict, 4), await store.TwinEvents.AppendAsync(Tenant, "heat-1", 3, [new TwinEventData("urn:e:5", "described", "{}", ["heat-1"])]));
        Assert.Equal(AppendOutcome.Appended, (await store.TwinEvents.AppendManyAsync(Tenant, [new StreamAppend("lot-1", [new TwinEventData("urn:e:6", "described", "{}", ["lot-1"])])]))[0].Outcome);
        Assert.Equal(Large, (await store.TwinEvents.ReadStreamAsync(Tenant, "heat-1", 4))[0].PayloadJson);
        Assert.Single(await store.Log.FindLeavesAsync(LogEntryKind.TwinEvent, Tenant, LogEntry.TwinEventRecordId("heat-1", 4)));

        // The database itself still refuses a gap and a repeated version (bypassing the store).
        await Assert.ThrowsAnyAsync<Exception>(async () => await harness.CountAsync(Insert + $"('{Tenant}', 'heat-1', 6, 5, 'x', 't', '{{}}', '[]', 0) RETURNING 1"));
        await Assert.ThrowsAnyAsync<Exception>(async () => await harness.CountAsync(Insert + $"('{Tenant}', 'heat-1', 4, 3, 'x', 't', '{{}}', '[]', 0) RETURNING 1"));
        await Assert.ThrowsAnyAsync<Exception>(async () => await harness.CountAsync(Insert + $"('{Tenant}', 'lot-2', 2, NULL, 'x', 't', '{{}}', '[]', 0) RETURNING 1"));
        Assert.Equal(6, await harness.CountAsync($"SELECT COUNT(*) FROM twin_events WHERE tenant_id = '{Tenant}'"));
        Assert.Equal(Encoding.UTF8.GetByteCount(Large), await harness.CountAsync(
            $"SELECT {(harness.Provider == "postgres" ? "octet_length(payload)" : "length(CAST(payload AS BLOB))")} FROM twin_events WHERE tenant_id = '{Tenant}' AND stream_id = 'lot-1' AND version = 1"));
    }
}

/// <summary>Migration 0009 on SQLite.</summary>
public sealed class SqliteTwinEventsUpgradeContractTests(SqliteHarness harness) : TwinEventsUpgradeContractTests(harness), IClassFixture<SqliteHarness>;

/// <summary>Migration 0009 on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresTwinEventsUpgradeContractTests(PostgresHarness harness) : TwinEventsUpgradeContractTests(harness), IClassFixture<PostgresHarness>;
