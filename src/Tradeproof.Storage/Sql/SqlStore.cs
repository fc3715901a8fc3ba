using System.Data.Common;

namespace Tradeproof.Storage.Sql;

/// <summary>The store over a dialect: auto-commit repositories and units of work.</summary>
internal sealed class SqlStore(SqlDialect dialect, StoreContext context) : SqlRepositories(new AutoCommitScope(dialect), context), ITradeproofStore
{
    public string Provider => dialect.Name;

    internal SqlDialect Dialect => dialect;

    /// <summary>The bulk ingest path (<see cref="StoreIngest.IngestAsync"/>).</summary>
    internal SqlBulkIngest Bulk => new(dialect, Context);

    public async ValueTask<IStoreTransaction> BeginAsync(CancellationToken cancellationToken = default)
    {
        var gate = dialect.WriterGate;
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        DbConnection? connection = null;
        try
        {
            connection = await dialect.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            return new SqlUnitOfWork(new UnitOfWorkScope(dialect, connection, transaction), Context, gate, dialect.ReadTicket());
        }
        catch (DbException e)
        {
            if (connection is not null)
            {
                await dialect.ReleaseWriterAsync(connection, committed: false).ConfigureAwait(false);
            }

            gate?.Release();
            throw new StoreException(dialect.Classify(e), "Could not begin a transaction: " + e.Message, e);
        }
        catch
        {
            if (connection is not null)
            {
                await dialect.ReleaseWriterAsync(connection, committed: false).ConfigureAwait(false);
            }

            gate?.Release();
            throw;
        }
    }

    public ValueTask DisposeAsync() => dialect.DisposeAsync();
}

/// <summary>A unit of work: its repositories share one transaction; disposal without commit rolls back.</summary>
/// <remarks>
/// <paramref name="seen"/> covers every commit the unit's reads can see (taken under the writer gate): a unit that ends
/// without committing waits, when disposed, until those are durable, so an answer built from its reads (a repeated id's
/// 409, an idempotent replay) never rests on a commit whose WAL sync is still running; a committing unit's own sync
/// covers them.
/// </remarks>
internal sealed class SqlUnitOfWork(UnitOfWorkScope scope, StoreContext context, SemaphoreSlim? gate, long seen) : SqlRepositories(scope, context), IStoreTransaction
{
    private bool _finished;
    private bool _committed;
    private bool _disposed;

    public async ValueTask CommitAsync(CancellationToken cancellationToken = default) =>
        await (await CommitBeforeDurableAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

    // The writer and its gate are given back here, right after the commit (the unit can do nothing more), so the next
    // unit of work runs while this one's commit is made durable (SqlDialect.DurableAsync: SQLite's WAL sync).
    public async ValueTask<Task> CommitBeforeDurableAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed || _finished, this);
        await scope.FlushLogAsync(cancellationToken).ConfigureAwait(false);
        var ticket = scope.Dialect.CommitTicket(scope.Connection);
        try
        {
            await scope.Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _finished = true;
            _committed = true;
        }
        catch (DbException e)
        {
            throw new StoreException(scope.Dialect.Classify(e), "The commit failed; nothing was written: " + e.Message, e);
        }

        await DisposeAsync().ConfigureAwait(false);
        return scope.Dialect.DurableAsync(ticket);
    }

    public async ValueTask RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (_finished)
        {
            return;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);

        _finished = true;
        await scope.Transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask SavepointAsync(string name, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed || _finished, this);
        return scope.SavepointAsync(name, cancellationToken);
    }

    public ValueTask RollbackToSavepointAsync(string name, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed || _finished, this);
        return scope.RollbackToSavepointAsync(name, cancellationToken);
    }

    public ValueTask ReleaseSavepointAsync(string name, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed || _finished, this);
        return scope.ReleaseSavepointAsync(name, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            try
            {
                await scope.Transaction.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                await scope.Dialect.ReleaseWriterAsync(scope.Connection, _committed).ConfigureAwait(false);
            }
        }
        finally
        {
            gate?.Release();
        }

        if (!_committed)
        {
            try
            {
                await scope.Dialect.DurableAsync(seen).ConfigureAwait(false);
            }
            catch (StoreException)
            {
                // A failed WAL sync: the store takes no more writes (its next write says so); disposal does not throw.
            }
        }
    }
}
