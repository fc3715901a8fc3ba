using System.Data.Common;
using Npgsql;
using Tradeproof.Storage.Sql;

namespace Tradeproof.Storage.Postgres;

/// <summary>PostgreSQL through one Npgsql data source: READ COMMITTED transactions, row locks, an advisory lock for migrations.</summary>
internal sealed class PostgresDialect(NpgsqlDataSource dataSource) : SqlDialect
{
    /// <summary>The advisory lock key that serialises migrators ("tradepro" as an int64).</summary>
    private const long MigrationLockKey = 0x7472616465707266;

    public override string Name => "postgres";

    public override string ForUpdate => " FOR UPDATE";

    public override SemaphoreSlim? WriterGate => null;

    // 7 parameters a row: far below PostgreSQL's 65,535 parameters a statement.
    public override int RowsPerStatement => 500;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    public override async ValueTask LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        await connection.Command(transaction, "SELECT pg_advisory_xact_lock(@key)").With("key", MigrationLockKey).ScalarAsync(cancellationToken).ConfigureAwait(false);

    public override async ValueTask LockStreamAsync(DbConnection connection, DbTransaction transaction, string tenantId, string streamId, CancellationToken cancellationToken) =>
        await connection.Command(transaction, "SELECT pg_advisory_xact_lock(@key)").With("key", StreamLockKey(tenantId, streamId)).ScalarAsync(cancellationToken).ConfigureAwait(false);

    // The first 8 bytes of SHA-256(tenant NUL stream): two streams sharing a key only wait for each other, nothing more.
    private static long StreamLockKey(string tenantId, string streamId) =>
        System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tenantId + "\0" + streamId)));

    public override StoreErrorKind Classify(DbException exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } => StoreErrorKind.UnknownTenant,
        PostgresException p when p.SqlState.StartsWith("23", StringComparison.Ordinal) => StoreErrorKind.ConstraintViolation,
        PostgresException p when p.SqlState.StartsWith("XX", StringComparison.Ordinal) => StoreErrorKind.Corrupt,
        _ => StoreErrorKind.Unavailable,
    };

    /// <summary>Reads <c>fsync</c> and <c>synchronous_commit</c>; names the first one that is off.</summary>
    public async ValueTask<string?> FindUnsafeSettingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var setting in new[] { "fsync", "synchronous_commit" })
        {
            var value = await connection.Command(null, $"SELECT current_setting('{setting}')").ScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            if (string.Equals(value, "off", StringComparison.OrdinalIgnoreCase))
            {
                return setting;
            }
        }

        return null;
    }

    public override ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
