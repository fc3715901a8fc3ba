using Tradeproof.Storage.Sql;

namespace Tradeproof.Storage.Sqlite;

/// <summary>The embedded store: one SQLite file (WAL; no write acknowledged before it is synced: <see cref="SqliteWalSync"/>), the node's default.</summary>
public static class SqliteStore
{
    /// <summary>Opens (creating when missing) the database and applies pending migrations.</summary>
    /// <exception cref="StoreException">The file cannot be opened or migrated.</exception>
    public static async ValueTask<ITradeproofStore> OpenAsync(SqliteStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.DatabasePath);
        if (options.DatabasePath.Contains(":memory:", StringComparison.Ordinal))
        {
            throw new ArgumentException("An in-memory SQLite database is not durable; give a file path.", nameof(options));
        }

        var dialect = new SqliteDialect(options);
        var context = new StoreContext(options);
        try
        {
            if (!options.ReadOnly)
            {
                await dialect.EnableWalAsync(cancellationToken).ConfigureAwait(false);
            }

            if (options.ApplyMigrations && !options.ReadOnly)
            {
                await SqlMigrator.ApplyAsync(dialect, context, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            await dialect.DisposeAsync().ConfigureAwait(false);
            throw new StoreException(dialect.Classify(e), $"The SQLite database '{options.DatabasePath}' cannot be opened: {e.Message}", e);
        }
        catch
        {
            await dialect.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new SqlStore(dialect, context);
    }

    /// <summary>The WAL sync of a store this class opened (null for another store, or one that syncs in the commit).</summary>
    internal static SqliteWalSync? WalSyncOf(ITradeproofStore store) => store is SqlStore { Dialect: SqliteDialect dialect } ? dialect.WalSync : null;
}
