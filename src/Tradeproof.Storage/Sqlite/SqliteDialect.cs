using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Tradeproof.Storage.Sql;

namespace Tradeproof.Storage.Sqlite;

/// <summary>
/// SQLite: WAL journal, <c>synchronous=FULL</c> (a commit is on disk before it returns), foreign keys on, a busy
/// timeout for other processes' writers, and an in-process writer gate (SQLite has a single writer).
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

    private readonly string _connectionString;
    private readonly string _pragmas;

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

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        WriterGate!.Dispose();
        return ValueTask.CompletedTask;
    }
}
