using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tradeproof.Scale;

/// <summary>The query plans of the read paths measured (the store's statements with sample values).</summary>
internal static class Explain
{
    public static async Task PrintAsync(Options options, long credentials, long streams)
    {
        var stream = Data.StreamId(streams / 2);
        var queries = new (string Name, string Sql)[]
        {
            ("twin head", $"SELECT MAX(version) FROM twin_events WHERE tenant_id = 'acme' AND stream_id = '{stream}'"),
            ("twin events", $"SELECT version, event_id, event_type, payload, subject_ids, recorded_at FROM twin_events WHERE tenant_id = 'acme' AND stream_id = '{stream}' AND version >= 1 ORDER BY version LIMIT 50"),
            ("twins by subject", $"SELECT stream_id FROM twin_subjects WHERE tenant_id = 'acme' AND subject_id = '{stream}' ORDER BY stream_id"),
            ("inbox page", $"SELECT sequence, id, content, holder_id, verification_result, replaces_id, received_at FROM presentations WHERE tenant_id = 'acme' AND sequence > {credentials / 20} ORDER BY sequence LIMIT 50"),
            ("credential by id", $"SELECT id, content FROM credentials WHERE tenant_id = 'acme' AND id = '{Data.CredentialId(credentials / 2)}'"),
            ("log leaf by record", $"SELECT idx FROM log_leaves WHERE record_hash = {Bytes(options)} AND tenant_hash = {Bytes(options)} AND kind = 1 AND kind <> 3 ORDER BY idx"),
        };
        Console.WriteLine();
        Console.WriteLine($"## query plans ({options.Store}, {credentials:N0} credentials, {streams:N0} twins)");
        foreach (var (name, sql) in queries)
        {
            Console.WriteLine($"### {name}");
            Console.WriteLine("```");
            foreach (var line in await PlanAsync(options, sql).ConfigureAwait(false))
            {
                Console.WriteLine(line);
            }

            Console.WriteLine("```");
        }
    }

    /// <summary>A one-byte blob literal in the store's SQL dialect.</summary>
    private static string Bytes(Options options) => options.Store == "sqlite" ? "x'00'" : "'\\x00'::bytea";

    /// <summary>Runs a statement on the database directly (outside the store).</summary>
    public static async Task ExecuteAsync(Options options, string sql)
    {
        if (options.Store == "sqlite")
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(options.Required("path"), "store.db"), Pooling = false }.ToString());
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        else
        {
            await using var connection = new NpgsqlConnection(options.Required("connection"));
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private static async Task<List<string>> PlanAsync(Options options, string sql)
    {
        var lines = new List<string>();
        if (options.Store == "sqlite")
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(options.Required("path"), "store.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                lines.Add(reader.GetString(3));
            }
        }
        else
        {
            await using var connection = new NpgsqlConnection(options.Required("connection"));
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection);
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                lines.Add(reader.GetString(0));
            }
        }

        return lines;
    }
}
