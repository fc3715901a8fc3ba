using Tradeproof.Storage;
using Tradeproof.Storage.Postgres;
using Tradeproof.Storage.Sqlite;

namespace Tradeproof.Customs.Tests;

/// <summary>
/// The stores the customs store tests run on, one fixed clock and operator key: SQLite in a temporary folder, and a
/// fresh database of the private PostgreSQL cluster (tests/Tradeproof.Testing; CI=true fails without it).
/// </summary>
internal static class CustomsTestStores
{
    public static readonly FixedClock Clock = new(new DateTimeOffset(2026, 7, 10, 12, 0, 0, TimeSpan.Zero));

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static OperatorKey Key => OperatorKey.FromBase64(Convert.ToBase64String(new byte[32]));

    /// <summary>
    /// A new database and how to open it (each call opens it again: the second store is the node after a restart);
    /// null when PostgreSQL is missing outside CI (the store tests print the reason).
    /// </summary>
    public static async Task<Func<Task<ITradeproofStore>>?> DatabaseAsync(string provider, string prefix)
    {
        if (provider == "sqlite")
        {
            var path = Path.Combine(Directory.CreateTempSubdirectory("tp-" + prefix + "-").FullName, "store.db");
            return async () => await SqliteStore.OpenAsync(new SqliteStoreOptions { DatabasePath = path, OperatorKey = Key, Time = Clock, Random = new SeededRandom("store") });
        }

        if (PostgresCluster.SkipReason is not null)
        {
            return null;
        }

        var connection = await PostgresCluster.CreateUniqueDatabaseAsync(prefix);
        return async () => await PostgresStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connection, OperatorKey = Key, Time = Clock, Random = new SeededRandom("store"), RequireDurableServer = false });
    }

    /// <summary>A store on a new database, or null when PostgreSQL is missing outside CI.</summary>
    public static async Task<ITradeproofStore?> OpenAsync(string provider, string prefix) =>
        await DatabaseAsync(provider, prefix) is { } open ? await open() : null;
}
