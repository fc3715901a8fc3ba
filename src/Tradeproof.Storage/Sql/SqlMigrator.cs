using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tradeproof.Storage.Sql;

/// <summary>
/// Applies the embedded, numbered migrations (<c>Migrations/{provider}/NNNN_name.sql</c>) in order, all pending ones
/// in one transaction, each recorded in <c>schema_migrations</c> with the SHA-256 of its text. Concurrent starts are
/// serialised (PostgreSQL advisory lock; SQLite's exclusive write transaction): the second finds nothing to do.
/// A recorded migration whose text changed, or a database with migrations this code does not know, is refused.
/// </summary>
internal static class SqlMigrator
{
    internal sealed record Migration(int Version, string Name, string Sql, string Checksum);

    public static IReadOnlyList<Migration> Embedded(string provider)
    {
        var assembly = typeof(SqlMigrator).Assembly;
        var prefix = "Tradeproof.Storage.Migrations." + provider;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var file = resource[(prefix.Length + 1)..^4];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            if (underscore < 1 || !int.TryParse(file.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration resource '{resource}' is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
            migrations.Add(new Migration(version, file[(underscore + 1)..], sql, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)))));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"The {provider} migrations are not numbered 1..n (found {migrations[i].Version} at position {i + 1}).");
            }
        }

        return migrations;
    }

    /// <summary>Applies what is pending; returns the versions applied by this call.</summary>
    public static async ValueTask<IReadOnlyList<int>> ApplyAsync(SqlDialect dialect, StoreContext context, CancellationToken cancellationToken)
    {
        var migrations = Embedded(dialect.Name);
        try
        {
            await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await dialect.LockForMigrationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await connection.Command(transaction,
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)")
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            var applied = await connection.Command(transaction, "SELECT version, checksum FROM schema_migrations ORDER BY version")
                .ListAsync(r => (Version: r.GetInt64(0), Checksum: r.GetString(1)), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < applied.Count; i++)
            {
                var (version, checksum) = applied[i];
                if (version != i + 1)
                {
                    throw new StoreException(StoreErrorKind.Migration, $"The recorded schema versions are not 1..n (found {version} at position {i + 1}).");
                }

                if (version > migrations.Count)
                {
                    throw new StoreException(StoreErrorKind.Migration, $"The database has schema version {version}, newer than this code knows ({migrations.Count}).");
                }

                if (!string.Equals(migrations[(int)version - 1].Checksum, checksum, StringComparison.Ordinal))
                {
                    throw new StoreException(StoreErrorKind.Migration, $"Migration {version} ({migrations[(int)version - 1].Name}) was changed after it was applied.");
                }
            }

            var done = new List<int>();
            foreach (var migration in migrations.Skip(applied.Count))
            {
                await connection.Command(transaction, migration.Sql).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                await connection.Command(transaction, "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@version, @name, @checksum, @now)")
                    .With("version", (long)migration.Version).With("name", migration.Name).With("checksum", migration.Checksum).With("now", context.NowMilliseconds)
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                done.Add(migration.Version);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return done;
        }
        catch (System.Data.Common.DbException e)
        {
            throw new StoreException(StoreErrorKind.Migration, "The schema migrations could not be applied (nothing was changed): " + e.Message, e);
        }
    }
}
