using System.Data.Common;

namespace Tradeproof.Storage.Sql;

/// <summary>Where a repository's statements run: each call in its own transaction, or inside a unit of work.</summary>
internal abstract class SqlScope(SqlDialect dialect)
{
    public SqlDialect Dialect { get; } = dialect;

    /// <summary>Runs <paramref name="work"/> in a write transaction (committed by the scope).</summary>
    public abstract ValueTask<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> as a read (in the unit of work's transaction when there is one).</summary>
    public abstract ValueTask<T> ReadAsync<T>(Func<DbConnection, DbTransaction?, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the transparency log leaves of a write, inside the write's <paramref name="transaction"/>: at once in a
    /// one-call transaction (call it last), just before the commit in a unit of work. The log's lock row is then the
    /// last lock a transaction takes, so waiting for it never closes a deadlock cycle.
    /// </summary>
    public abstract ValueTask LogAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Transparency.LogEntry> entries, CancellationToken cancellationToken);

    protected StoreException Translate(DbException exception) =>
        new(Dialect.Classify(exception), Dialect.Classify(exception) switch
        {
            StoreErrorKind.UnknownTenant => "The tenant (or a record the write refers to) does not exist; nothing was written.",
            StoreErrorKind.ConstraintViolation => "A database constraint refused the write; nothing was written.",
            _ => "The database failed; nothing was written: " + exception.Message,
        }, exception);
}

/// <summary>Each call is one transaction on a pooled connection.</summary>
internal sealed class AutoCommitScope(SqlDialect dialect) : SqlScope(dialect)
{
    public override async ValueTask<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        var gate = Dialect.WriterGate;
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        DbConnection? connection = null;
        var committed = false;
        T result;
        long ticket;
        try
        {
            connection = await Dialect.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await Dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            result = await work(connection, transaction, cancellationToken).ConfigureAwait(false);
            ticket = Dialect.CommitTicket(connection);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            committed = true;
        }
        catch (DbException e)
        {
            throw Translate(e);
        }
        finally
        {
            try
            {
                if (connection is not null)
                {
                    await Dialect.ReleaseWriterAsync(connection, committed).ConfigureAwait(false);
                }
            }
            finally
            {
                gate?.Release();
            }
        }

        // Outside the gate: the next writer runs while this commit is synced (SqliteWalSync).
        await Dialect.DurableAsync(ticket).ConfigureAwait(false);
        return result;
    }

    public override async ValueTask LogAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Transparency.LogEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count > 0)
        {
            _ = await SqlTransparencyLog.AppendCoreAsync(connection, transaction, Dialect, entries, cancellationToken).ConfigureAwait(false);
        }
    }

    public override async ValueTask<T> ReadAsync<T>(Func<DbConnection, DbTransaction?, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        // A read may see commits whose WAL sync is still running (SqliteWalSync): it answers once they are durable.
        var seen = Dialect.ReadTicket();
        T result;
        try
        {
            await using var connection = await Dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            result = await work(connection, null, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw Translate(e);
        }

        await Dialect.DurableAsync(seen).ConfigureAwait(false);
        return result;
    }
}

/// <summary>The calls of a unit of work share its connection and transaction (and one call at a time).</summary>
internal sealed class UnitOfWorkScope(SqlDialect dialect, DbConnection connection, DbTransaction transaction) : SqlScope(dialect)
{
    private readonly SemaphoreSlim _oneCallAtATime = new(1, 1);
    private readonly List<Transparency.LogEntry> _pendingLog = [];

    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public override ValueTask<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken) =>
        RunAsync(work, cancellationToken);

    public override ValueTask<T> ReadAsync<T>(Func<DbConnection, DbTransaction?, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken) =>
        RunAsync<T>((c, t, ct) => work(c, t, ct), cancellationToken);

    public override ValueTask LogAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Transparency.LogEntry> entries, CancellationToken cancellationToken)
    {
        _pendingLog.AddRange(entries);
        return default;
    }

    /// <summary>Appends the leaves the unit of work's writes queued (called just before its commit).</summary>
    public async ValueTask FlushLogAsync(CancellationToken cancellationToken)
    {
        if (_pendingLog.Count == 0)
        {
            return;
        }

        var entries = _pendingLog.ToArray();
        _ = await RunAsync((c, t, ct) => SqlTransparencyLog.AppendCoreAsync(c, t, Dialect, entries, ct), cancellationToken).ConfigureAwait(false);
        _pendingLog.Clear();
    }

    // Savepoint name -> how many log leaves were pending when it was marked (rolling back to it drops the later ones).
    private readonly Dictionary<string, int> _savepoints = new(StringComparer.Ordinal);

    /// <summary>Marks a savepoint in the transaction and remembers the pending log leaves at that point.</summary>
    public ValueTask SavepointAsync(string name, CancellationToken cancellationToken) =>
        SavepointCommandAsync(name, cancellationToken, async (t, ct) =>
        {
            await t.SaveAsync(name, ct).ConfigureAwait(false);
            _savepoints[name] = _pendingLog.Count;
        });

    /// <summary>Rolls the transaction back to the savepoint and drops the log leaves queued after it.</summary>
    public ValueTask RollbackToSavepointAsync(string name, CancellationToken cancellationToken) =>
        SavepointCommandAsync(name, cancellationToken, async (t, ct) =>
        {
            if (!_savepoints.TryGetValue(name, out var pending))
            {
                throw new InvalidOperationException($"No savepoint '{name}' is marked in this unit of work.");
            }

            await t.RollbackAsync(name, ct).ConfigureAwait(false);
            _pendingLog.RemoveRange(pending, _pendingLog.Count - pending);
        });

    /// <summary>Releases the savepoint (its writes stay in the transaction).</summary>
    public ValueTask ReleaseSavepointAsync(string name, CancellationToken cancellationToken) =>
        SavepointCommandAsync(name, cancellationToken, async (t, ct) =>
        {
            await t.ReleaseAsync(name, ct).ConfigureAwait(false);
            _ = _savepoints.Remove(name);
        });

    private async ValueTask SavepointCommandAsync(string name, CancellationToken cancellationToken, Func<DbTransaction, CancellationToken, Task> command)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 63 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(name[0]))
        {
            throw new ArgumentException("A savepoint name is a plain identifier (ASCII letters, digits, underscores; not starting with a digit).", nameof(name));
        }

        _ = await RunAsync(async (_, t, ct) =>
        {
            await command(t, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<T> RunAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        await _oneCallAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work(Connection, Transaction, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw Translate(e);
        }
        finally
        {
            _oneCallAtATime.Release();
        }
    }
}
