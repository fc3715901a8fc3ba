using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tradeproof.Cryptography;
using Tradeproof.Node;
using Tradeproof.Testing;
using Tradeproof.Testing.Postgres;
using Tradeproof.Transparency;

namespace Tradeproof.Cli.Tests;

/// <summary>
/// <c>tradeproof backup</c> of a node's store and <c>tradeproof backup verify</c>: SQLite (VACUUM INTO, no overwrite
/// without --force, a read-only check that never touches the copy, a tampered copy caught by the log audit) and
/// PostgreSQL (pg_dump on the store tests' private cluster, the archive listed, restored into an empty database and
/// audited there). With CI=true a missing PostgreSQL fails.
/// </summary>
public sealed class BackupCommandTests : IDisposable
{
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("tradeproof-backup-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_sqlite_backup_is_refused_over_a_file_without_force_and_verifies_read_only_and_a_tampered_copy_fails_the_audit()
    {
        var data = Path.Combine(_dir, "node");
        Assert.Equal(0, CliRunner.Run("tenant", "add", "acme", "--data", data).ExitCode);
        await FillAsync(new NodeOptions { DataDirectory = data }, leaves: 7);

        var copy = Path.Combine(_dir, "copy.db");
        var made = CliRunner.Run("backup", copy, "--data", data);
        Assert.True(made.ExitCode == 0, made.Error);
        Assert.Contains("backed up ", made.Output, StringComparison.Ordinal);
        Assert.Contains("operator.key", made.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir, ".copy.db.*"));

        // Never over an existing file unless --force.
        var refused = CliRunner.Run("backup", copy, "--data", data);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("exists: give --force", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("backup", copy, "--data", data, "--force").ExitCode);

        // Verify opens the copy read-only: the file's bytes do not change and no -wal/-shm appears.
        var before = SHA256.HashData(File.ReadAllBytes(copy));
        var verified = CliRunner.Run("backup", "verify", copy);
        Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);
        Assert.Contains("audit passed: 7 leaves, 1 signed checkpoints", verified.Output, StringComparison.Ordinal);
        Assert.Contains("backup verified", verified.Output, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(copy)));
        Assert.False(File.Exists(copy + "-wal") || File.Exists(copy + "-shm"));

        // A leaf rewritten in the copy: its hash no longer matches, the audit names it.
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE log_leaves SET content_hash = record_hash WHERE idx = 3";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var tampered = CliRunner.Run("backup", "verify", copy, "--json");
        Assert.Equal(1, tampered.ExitCode);
        using var report = JsonDocument.Parse(tampered.Output);
        Assert.Equal("failed", report.RootElement.GetProperty("outcome").GetString());
        Assert.Null(report.RootElement.GetProperty("schema").GetProperty("problem").GetString());
        var first = report.RootElement.GetProperty("audit").GetProperty("firstMismatch");
        Assert.Equal(3, first.GetProperty("index").GetInt64());
        Assert.Contains("leaf 3", first.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // Not a backup at all.
        var text = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(text, "not a database");
        Assert.Equal(1, CliRunner.Run("backup", "verify", text).ExitCode);
        Assert.Equal(1, CliRunner.Run("backup", Path.Combine(_dir, "other.db"), "--data", Path.Combine(_dir, "nowhere")).ExitCode);
    }

    [PostgresFact]
    public async Task A_postgres_backup_is_a_pg_dump_archive_that_restores_into_an_empty_database_and_audits()
    {
        var connection = await PostgresCluster.CreateDatabaseAsync($"cli_backup_{Environment.ProcessId}");
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var config = Path.Combine(_dir, "node.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new { Node = new { Postgres = connection, OperatorKey = key } }));
        Assert.Equal(0, CliRunner.Run("tenant", "add", "acme", "--config", config).ExitCode);
        await FillAsync(new NodeOptions { PostgresConnectionString = connection, OperatorKey = key }, leaves: 5);

        var archive = Path.Combine(_dir, "store.dump");
        var made = CliRunner.Run("backup", archive, "--config", config);
        Assert.True(made.ExitCode == 0, made.Error);
        Assert.StartsWith("PGDMP", Encoding.ASCII.GetString(File.ReadAllBytes(archive), 0, 5), StringComparison.Ordinal);
        Assert.Equal(1, CliRunner.Run("backup", archive, "--config", config).ExitCode);

        var listed = CliRunner.Run("backup", "verify", archive);
        Assert.True(listed.ExitCode == 0, listed.Error);
        Assert.Contains("a pg_dump archive of", listed.Output, StringComparison.Ordinal);

        var scratch = await PostgresCluster.CreateDatabaseAsync($"cli_restore_{Environment.ProcessId}");
        var restored = CliRunner.Run("backup", "verify", archive, "--restore-into", scratch, "--json");
        Assert.True(restored.ExitCode == 0, restored.Output + restored.Error);
        using (var report = JsonDocument.Parse(restored.Output))
        {
            Assert.Equal("verified", report.RootElement.GetProperty("outcome").GetString());
            Assert.Equal(5, report.RootElement.GetProperty("audit").GetProperty("checkedLeaves").GetInt64());
            Assert.Equal(1, report.RootElement.GetProperty("audit").GetProperty("checkpoints").GetInt32());
            Assert.Equal(report.RootElement.GetProperty("schema").GetProperty("known").GetInt32(), report.RootElement.GetProperty("schema").GetProperty("applied").GetInt32());
        }

        // The scratch database now holds the store: a second restore into it is refused.
        var again = CliRunner.Run("backup", "verify", archive, "--restore-into", scratch);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("is not empty", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_postgres_backup_without_pg_dump_on_PATH_exits_69_saying_what_to_install()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "empty-path")).FullName;
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = empty,
            ["TRADEPROOF__NODE__OPERATORKEY"] = Convert.ToBase64String(new byte[32]),
        };
        var result = TradeproofProcess.Run(["backup", Path.Combine(_dir, "store.dump"), "--postgres", "Host=/nowhere;Database=tradeproof;Username=tradeproof"], environment: environment);
        Assert.Equal(69, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("pg_dump is not on PATH", line, StringComparison.Ordinal);
        Assert.Contains("postgresql-client", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "store.dump")));
    }

    // Appends one leaf per write and signs a checkpoint of the whole log with the node's own key (#key-1).
    private static async Task FillAsync(NodeOptions options, int leaves)
    {
        await using var store = await NodeStoreFactory.OpenAsync(options, TimeProvider.System, SystemRandomSource.Instance);
        for (var i = 0; i < leaves; i++)
        {
            await store.Log.AppendAsync([LogEntry.Of(LogEntryKind.Credential, "acme", "urn:cli:backup:" + i, Encoding.UTF8.GetBytes("credential " + i), Time.AddSeconds(i))]);
        }

        var head = await store.Log.GetTreeHeadAsync();
        var keyId = (await TenantKeys.ListAsync(store, NodeIdentity.NodeTenantId, CancellationToken.None)).First(k => !k.IsDidKey && k.PublicKey.Type == KeyType.Ed25519).KeyId;
        using var pair = (await TenantKeys.GetPairAsync(store, NodeIdentity.NodeTenantId, keyId, CancellationToken.None))!;
        const string origin = "localhost:5080/log";
        var note = new Checkpoint(origin, head.Size, head.RootHash).Sign(new NoteSigner(origin, NoteSignatureType.Ed25519, pair)).ToString();
        Assert.True(await store.Log.AddCheckpointAsync(head.Size, head.RootHash, note));
    }
}
