using System.Data.Common;

namespace Tradeproof.Storage.Sql;

/// <summary>What differs between the databases: connections, transactions, locking and error codes.</summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>The provider name, also the folder of its migrations.</summary>
    public abstract string Name { get; }

    /// <summary>Appended to a SELECT that reads a row it will update (PostgreSQL row lock; SQLite's write transaction is exclusive already).</summary>
    public abstract string ForUpdate { get; }

    /// <summary>Serialises this process's writers (SQLite has one writer at a time; waiting here beats busy retries). Null when the database locks rows.</summary>
    public abstract SemaphoreSlim? WriterGate { get; }

    /// <summary>
    /// Rows per multi-row INSERT in batched writes. PostgreSQL gains by fewer round trips; SQLite, in process, binds
    /// named parameters by a linear search, so it wants short statements.
    /// </summary>
    public abstract int RowsPerStatement { get; }

    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Begins a write transaction (SQLite: <c>BEGIN IMMEDIATE</c>, taking the write lock at once).</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Serialises concurrent migrators across processes for the rest of the transaction.</summary>
    public abstract ValueTask LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Classifies a driver error.</summary>
    public abstract StoreErrorKind Classify(DbException exception);

    public abstract ValueTask DisposeAsync();
}
