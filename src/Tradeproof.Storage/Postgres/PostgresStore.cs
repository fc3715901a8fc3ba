using Npgsql;
using Tradeproof.Storage.Sql;

namespace Tradeproof.Storage.Postgres;

/// <summary>The PostgreSQL store: several node processes may share one database.</summary>
public static class PostgresStore
{
    /// <summary>Connects, checks durability settings and applies pending migrations (under an advisory lock).</summary>
    /// <exception cref="StoreException">The server cannot be reached, is not durable, or cannot be migrated.</exception>
    public static async ValueTask<ITradeproofStore> OpenAsync(PostgresStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.ConnectionString);
        NpgsqlDataSource dataSource;
        try
        {
            dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("The PostgreSQL connection string is not valid: " + e.Message, nameof(options), e);
        }

        var dialect = new PostgresDialect(dataSource);
        var context = new StoreContext(options);
        try
        {
            if (options.RequireDurableServer && await dialect.FindUnsafeSettingAsync(cancellationToken).ConfigureAwait(false) is { } unsafeSetting)
            {
                throw new StoreException(StoreErrorKind.Unavailable, $"The PostgreSQL server runs with {unsafeSetting}=off: acknowledged writes could be lost.");
            }

            if (options.ApplyMigrations)
            {
                await SqlMigrator.ApplyAsync(dialect, context, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (NpgsqlException e)
        {
            await dialect.DisposeAsync().ConfigureAwait(false);
            throw new StoreException(dialect.Classify(e), "The PostgreSQL database cannot be opened: " + e.Message, e);
        }
        catch
        {
            await dialect.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new SqlStore(dialect, context);
    }
}
