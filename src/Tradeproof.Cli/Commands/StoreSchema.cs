using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// The schema state of a store, read without changing it (<c>doctor</c>, <c>backup verify</c>): the migrations recorded
/// in <c>schema_migrations</c> against the ones this build carries (embedded in Tradeproof.Storage), each recorded
/// checksum against the SHA-256 of the migration's text as the store's migrator computes it.
/// </summary>
internal static class StoreSchema
{
    /// <summary>What was found: the recorded and known migration counts, and a problem (null when the schema is this build's or older).</summary>
    internal sealed record State(long Applied, int Known, string? Problem)
    {
        /// <summary>The schema is exactly the one this build carries.</summary>
        public bool Current => Problem is null && Applied == Known;
    }

    /// <summary>The checksums of the migrations this build carries for <paramref name="provider"/> (sqlite, postgres), in version order.</summary>
    public static IReadOnlyList<string> KnownChecksums(string provider)
    {
        var assembly = typeof(Storage.ITradeproofStore).Assembly;
        var prefix = "Tradeproof.Storage.Migrations." + provider;
        return
        [
            .. assembly.GetManifestResourceNames()
                .Where(r => r.StartsWith(prefix, StringComparison.Ordinal) && r.Length > prefix.Length + 1 && r[prefix.Length] is '/' or '\\' or '.' && r.EndsWith(".sql", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(r =>
                {
                    using var stream = assembly.GetManifestResourceStream(r)!;
                    using var reader = new StreamReader(stream, Encoding.UTF8);
                    var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
                    return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
                }),
        ];
    }

    /// <summary>Reads <c>schema_migrations</c> over an open connection (only SELECTs).</summary>
    public static State Read(DbConnection connection, string provider)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var known = KnownChecksums(provider);
        var recorded = new List<(long Version, string Checksum)>();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT version, checksum FROM schema_migrations ORDER BY version";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                recorded.Add((Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1)));
            }
        }
        catch (DbException e)
        {
            return new State(0, known.Count, "no schema_migrations table (not a Tradeproof store, or never opened by a node): " + e.Message.ReplaceLineEndings(" "));
        }

        for (var i = 0; i < recorded.Count; i++)
        {
            var (version, checksum) = recorded[i];
            if (version != i + 1)
            {
                return new State(recorded.Count, known.Count, string.Create(CultureInfo.InvariantCulture, $"the recorded schema versions are not 1..n (found {version} at position {i + 1})"));
            }

            if (version > known.Count)
            {
                return new State(recorded.Count, known.Count, string.Create(CultureInfo.InvariantCulture, $"schema at migration {recorded.Count}, newer than this build knows ({known.Count}): use the newer tradeproof"));
            }

            if (!string.Equals(known[i], checksum, StringComparison.Ordinal))
            {
                return new State(recorded.Count, known.Count, string.Create(CultureInfo.InvariantCulture, $"migration {version} was changed after it was applied (its checksum differs from this build's)"));
            }
        }

        return new State(recorded.Count, known.Count, null);
    }
}
