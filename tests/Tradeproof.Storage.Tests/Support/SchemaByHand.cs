using Tradeproof.Storage.Sql;
using Tradeproof.Transparency;

namespace Tradeproof.Storage.Tests.Support;

/// <summary>An older schema for upgrade tests: the first migrations run by hand and recorded as the migrator records them.</summary>
public static class SchemaByHand
{
    public static async Task MigrateToAsync(IStoreHarness harness, int version)
    {
        ArgumentNullException.ThrowIfNull(harness);
        _ = await harness.CountAsync("CREATE TABLE schema_migrations (version BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        foreach (var m in SqlMigrator.Embedded(harness.Provider).Take(version))
        {
            _ = await harness.CountAsync(m.Sql);
            _ = await harness.CountAsync($"INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ({m.Version}, '{m.Name}', '{m.Checksum}', 0)");
        }
    }

    /// <summary>A byte string as a SQL literal of the harness's database.</summary>
    public static string Bytes(IStoreHarness harness, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(harness);
        return harness.Provider == "postgres" ? $"'\\x{Convert.ToHexStringLower(bytes)}'::bytea" : $"x'{Convert.ToHexStringLower(bytes)}'";
    }

    /// <summary>
    /// Writes <paramref name="entries"/> as leaves 0.. of an empty log the way an older schema's appender did (the leaf
    /// rows, the subtrees they complete, the state row's size and compact range), by hand, below any migration's code.
    /// </summary>
    public static async Task WriteLeavesAsync(IStoreHarness harness, IReadOnlyList<LogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentNullException.ThrowIfNull(entries);
        var range = new CompactRange();
        var nodes = new List<(NodeId Id, byte[] Hash)>();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            range.Append(e.LeafHash(), (id, hash) => nodes.Add((id, hash)));
            _ = await harness.CountAsync("INSERT INTO log_leaves (idx, kind, tenant_hash, record_hash, content_hash, logged_at, leaf_hash) VALUES " +
                $"({i}, {(int)e.Kind}, {Bytes(harness, e.TenantHash)}, {Bytes(harness, e.RecordHash)}, {Bytes(harness, e.ContentHash)}, {e.TimeMilliseconds}, {Bytes(harness, e.LeafHash())})");
        }

        foreach (var (id, hash) in nodes.Where(n => n.Id.Level > 0))
        {
            _ = await harness.CountAsync($"INSERT INTO log_nodes (level, idx, hash) VALUES ({id.Level}, {id.Index}, {Bytes(harness, hash)})");
        }

        _ = await harness.CountAsync($"UPDATE log_state SET size = {entries.Count}, edge = {Bytes(harness, range.ToBytes())} WHERE id = 1");
    }
}
