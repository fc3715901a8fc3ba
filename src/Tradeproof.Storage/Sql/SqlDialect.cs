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

    /// <summary>
    /// Takes, until the transaction ends, the lock that queues appenders to one twin stream (PostgreSQL: an advisory
    /// transaction lock keyed by the tenant and stream), so that a hot stream's concurrent appenders wait their turn
    /// instead of losing the insert race again and again. SQLite's one writer needs none.
    /// </summary>
    public virtual ValueTask LockStreamAsync(DbConnection connection, DbTransaction transaction, string tenantId, string streamId, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    /// <summary>
    /// The connection a write transaction runs on (under <see cref="WriterGate"/> when there is one): by default a new
    /// pooled connection; SQLite's is one long-lived writer connection whose page cache stays warm from one
    /// transaction to the next. Give it back with <see cref="ReleaseWriterAsync"/>, never dispose it.
    /// </summary>
    public virtual ValueTask<DbConnection> OpenWriterAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    /// <summary>
    /// Gives back a connection of <see cref="OpenWriterAsync"/> once its transaction is over (still under the gate):
    /// by default disposed; SQLite keeps its writer (dropped if it is somehow still inside a transaction) and, after a
    /// commit, moves the WAL checkpoint along.
    /// </summary>
    public virtual ValueTask ReleaseWriterAsync(DbConnection connection, bool committed) => connection.DisposeAsync();

    /// <summary>
    /// Just before a commit on <paramref name="connection"/>, under <see cref="WriterGate"/>: a ticket for
    /// <see cref="DurableAsync"/>. 0 when the commit was durable when it returned (PostgreSQL, and any connection but
    /// SQLite's writer, which syncs the WAL after the gate is released: <see cref="Sqlite.SqliteWalSync"/>).
    /// </summary>
    public virtual long CommitTicket(DbConnection connection) => 0;

    /// <summary>
    /// Before a read (or a unit of work) starts: a ticket covering every commit it could see, to pass to
    /// <see cref="DurableAsync"/> before answering, so nothing is answered from a commit that is not durable yet (0:
    /// commits are durable when they become visible).
    /// </summary>
    public virtual long ReadTicket() => 0;

    /// <summary>
    /// Completes when the commit of <paramref name="ticket"/> is durable; call it after releasing the writer gate and
    /// before telling anyone the write succeeded.
    /// </summary>
    /// <exception cref="StoreException">The database could not make it durable (a failed WAL sync).</exception>
    public virtual Task DurableAsync(long ticket) => Task.CompletedTask;

    /// <summary>
    /// The writer connection's statements, compiled once and bound by position (SQLite's writer); null for any other
    /// connection (use commands).
    /// </summary>
    public virtual Sqlite.SqliteStatements? PreparedFor(DbConnection connection) => null;

    /// <summary>Begins a write transaction (SQLite: <c>BEGIN IMMEDIATE</c>, taking the write lock at once).</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Serialises concurrent migrators across processes for the rest of the transaction.</summary>
    public abstract ValueTask LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Classifies a driver error.</summary>
    public abstract StoreErrorKind Classify(DbException exception);

    public abstract ValueTask DisposeAsync();
}
