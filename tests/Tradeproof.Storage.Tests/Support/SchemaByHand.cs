using Tradeproof.Storage.Sql;

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
}
