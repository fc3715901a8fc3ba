using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Tradeproof.Storage.Sql;

namespace Tradeproof.Storage.Sqlite;

/// <summary>
/// SQLite: WAL journal, <c>synchronous=FULL</c> durability (no write is acknowledged before its commit is synced to the
/// WAL: by SQLite inside the commit, or, with <see cref="SqliteStoreOptions.SyncWalAfterCommit"/>, on the writer
/// connection by <see cref="SqliteWalSync"/> once the write lock is released), foreign keys on, a busy timeout for other processes' writers, and an in-process writer
/// gate (SQLite has a single writer).
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    // SQLite result codes (https://www.sqlite.org/rescode.html).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoErr = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteConstraint = 19;
    private const int SqliteNotADatabase = 26;
    private const int SqliteConstraintForeignKey = 787;

    // The writer connection's own settings: its page cache (SqliteStoreOptions.WriterCacheMiB, 64 MiB by default; kept warm: this connection writes every transaction,
    // so SQLite never drops its cache for another connection's write), no automatic checkpoint on the writer (the
    // checkpointer runs it beside), a WAL cut back to 64 MiB whenever it starts over, and temporary storage in memory:
    // the group commit's savepoints keep a statement journal that otherwise spills into a new temporary file for most
    // groups (created, written, deleted; ~23% of the bytes a fresh submission wrote, docs/performance.md).
    private const string WriterPragmas = "PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864;";

    // With the WAL synced after the commit (SqliteWalSync), the writer's commits skip SQLite's own sync: FULL is NORMAL
    // plus that one sync (https://www.sqlite.org/pragma.html#pragma_synchronous), which SqliteWalSync does instead.
    private const string WriterSyncedAfterCommit = "PRAGMA synchronous = NORMAL;";

    private readonly string _connectionString;
    private readonly string _writerConnectionString;
    private readonly string _pragmas;
    private readonly string _writerCache;
    private readonly SqliteCheckpointer _checkpointer;
    private readonly SqliteWalSync? _walSync;
    private SqliteConnection? _writer;
    private SqliteStatements? _writerStatements;

    // The physical connections (the pool keeps them open) whose PRAGMAs ran: they are per connection and survive the
    // pool, so each runs once per physical connection rather than on every pooled open.
    private static readonly object Prepared = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _prepared = [];

    public SqliteDialect(SqliteStoreOptions options)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        _writerConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
        _checkpointer = new SqliteCheckpointer(this, options.WalHighFrames);
        _writerCache = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{Math.Clamp(options.WriterCacheMiB, 1, 4096) * 1024L};");
        _walSync = options.SyncWalAfterCommit && !options.ReadOnly ? options.WalSync ?? SqliteWalSync.ForFile(options.DatabasePath + "-wal") : null;
        _pragmas = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds};");
    }

    public override string Name => "sqlite";

    public override string ForUpdate => string.Empty;

    public override SemaphoreSlim? WriterGate { get; } = new(1, 1);

    public override int RowsPerStatement => 16;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var handle = connection.Handle ?? throw new StoreException(StoreErrorKind.Unavailable, "SQLite opened no connection.");
            if (!_prepared.TryGetValue(handle, out _))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = _pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                _prepared.AddOrUpdate(handle, Prepared);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The one writer connection (opened on first use, kept until the store is disposed; callers hold the writer gate).
    /// Not pooled: no reader ever takes it, so its page cache holds what the writes touch.
    /// </summary>
    public override async ValueTask<DbConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        _walSync?.ThrowIfFailed();
        if (_writer is not null)
        {
            return _writer;
        }

        var connection = new SqliteConnection(_writerConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas + _writerCache + WriterPragmas + (_walSync is null ? string.Empty : WriterSyncedAfterCommit);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _writer = connection;
        _writerStatements = new SqliteStatements(connection);
        return connection;
    }

    /// <summary>Keeps the writer for the next transaction (a writer left inside a transaction is closed instead); after a commit, the checkpointer's turn.</summary>
    public override async ValueTask ReleaseWriterAsync(DbConnection connection, bool committed)
    {
        if (!ReferenceEquals(connection, _writer))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            return;
        }

        if (_writer.State != System.Data.ConnectionState.Open || _writer.Handle is not { } handle || SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
        {
            await CloseWriterAsync().ConfigureAwait(false);
            return;
        }

        if (committed)
        {
            await _checkpointer.AfterCommitAsync(_writer).ConfigureAwait(false);
        }
    }

    public override long CommitTicket(DbConnection connection) =>
        _walSync is not null && ReferenceEquals(connection, _writer) ? _walSync.Committed() : 0;

    public override long ReadTicket() => _walSync?.Current ?? 0;

    public override Task DurableAsync(long ticket) => ticket == 0 || _walSync is null ? Task.CompletedTask : _walSync.DurableAsync(ticket);

    /// <summary>The writer's WAL sync (null when SQLite syncs inside each commit); tests and benchmarks read its counts.</summary>
    internal SqliteWalSync? WalSync => _walSync;

    public override SqliteStatements? PreparedFor(DbConnection connection) => ReferenceEquals(connection, _writer) ? _writerStatements : null;

    private async ValueTask CloseWriterAsync()
    {
        _writerStatements?.Dispose();
        _writerStatements = null;
        if (_writer is not null)
        {
            var writer = _writer;
            _writer = null;
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Switches the file to WAL (persistent in the file) and checks it took.</summary>
    public async ValueTask EnableWalAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var mode = await connection.Command(null, "PRAGMA journal_mode = WAL").ScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"SQLite refused WAL mode (journal_mode is '{mode}').");
        }
    }

    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // deferred: false is BEGIN IMMEDIATE: the write lock is taken now, so no read-then-upgrade deadlock later.
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override ValueTask LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask; // BEGIN IMMEDIATE already excludes every other writer, in every process.

    public override StoreErrorKind Classify(DbException exception) => exception is SqliteException e
        ? (e.SqliteErrorCode, e.SqliteExtendedErrorCode) switch
        {
            (SqliteConstraint, SqliteConstraintForeignKey) => StoreErrorKind.UnknownTenant,
            (SqliteConstraint, _) => StoreErrorKind.ConstraintViolation,
            (SqliteCorrupt or SqliteNotADatabase, _) => StoreErrorKind.Corrupt,
            (SqliteBusy or SqliteLocked or SqliteIoErr or SqliteFull or SqliteCantOpen, _) => StoreErrorKind.Unavailable,
            _ => StoreErrorKind.Unavailable,
        }
        : StoreErrorKind.Unavailable;

    public override async ValueTask DisposeAsync()
    {
        // A write still in flight (a request that outlived the host's shutdown timeout) keeps the writer until it ends:
        // the writer and its statements are closed under the gate, never under it. Past the wait, closed anyway.
        var gated = await WriterGate!.WaitAsync(ShutdownWait).ConfigureAwait(false);
        try
        {
            await _checkpointer.DisposeAsync().ConfigureAwait(false);
            if (_walSync is not null)
            {
                await _walSync.IdleAsync().ConfigureAwait(false);
            }

            await CloseWriterAsync().ConfigureAwait(false);
        }
        finally
        {
            if (gated)
            {
                _ = WriterGate.Release();
            }
        }

        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        WriterGate.Dispose();
    }

    /// <summary>How long disposal waits for a write in flight before it closes the writer anyway.</summary>
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(10);
}
