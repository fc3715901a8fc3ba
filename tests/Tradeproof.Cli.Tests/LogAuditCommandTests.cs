using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tradeproof.Cryptography;
using Tradeproof.Node;
using Tradeproof.Transparency;

namespace Tradeproof.Cli.Tests;

/// <summary><c>tradeproof log audit --data DIR</c> on a node's SQLite store: clean, then with one leaf row rewritten in SQL.</summary>
public sealed class LogAuditCommandTests
{
    [Fact]
    public async Task Log_audit_passes_on_a_clean_store_and_reports_the_first_mismatching_index_after_a_leaf_row_is_rewritten()
    {
        var data = Directory.CreateTempSubdirectory("tradeproof-log-audit-").FullName;
        try
        {
            Assert.Equal(0, CliRunner.Run("tenant", "add", "acme", "--data", data).ExitCode);
            var time = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
            await using (var store = await NodeStoreFactory.OpenAsync(new NodeOptions { DataDirectory = data }, TimeProvider.System, SystemRandomSource.Instance))
            {
                // Five writes of one leaf each, then one of two: seven leaves, so leaf 5 has a stored pair subtree (4..5).
                for (var i = 0; i < 5; i++)
                {
                    await store.Log.AppendAsync([LogEntry.Of(LogEntryKind.Credential, "acme", "urn:cli:log:" + i, Encoding.UTF8.GetBytes("credential " + i), time.AddSeconds(i))]);
                }

                await store.Log.AppendAsync(
                [
                    LogEntry.Of(LogEntryKind.Presentation, "acme", "urn:cli:log:5", "presentation 5"u8, time.AddSeconds(5)),
                    LogEntry.Of(LogEntryKind.TwinEvent, "acme", LogEntry.TwinEventRecordId("batch-1", 1), "event 1"u8, time.AddSeconds(6)),
                ]);
                Assert.Equal(7, (await store.Log.GetTreeHeadAsync()).Size);
            }

            var clean = CliRunner.Run("log", "audit", "--data", data);
            Assert.Equal(0, clean.ExitCode);
            Assert.Contains("audit passed: 7 leaves", clean.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("problem:", clean.Output, StringComparison.Ordinal);
            var cleanJson = CliRunner.Run("log", "audit", "--data", data, "--json");
            Assert.Equal(0, cleanJson.ExitCode);
            using (var report = JsonDocument.Parse(cleanJson.Output))
            {
                Assert.Equal("passed", report.RootElement.GetProperty("outcome").GetString());
                Assert.Equal(7, report.RootElement.GetProperty("checkedLeaves").GetInt64());
                Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("firstMismatch").ValueKind);
                Assert.Equal(0, report.RootElement.GetProperty("problems").GetArrayLength());
            }

            // Rewrite leaf 5's content hash and its stored leaf hash to match: only its pair's stored subtree (4..5) and
            // the tree head give it away, so the first mismatching index is the pair's first leaf, 4.
            // Then rewrite only leaf 3's content hash: its stored leaf hash no longer matches, and 3 comes first.
            Tamper(data, "UPDATE log_leaves SET content_hash = record_hash WHERE idx = 5");
            var rewritten = LogEntry.Of(LogEntryKind.Presentation, "acme", "urn:cli:log:5", "presentation 5"u8, time.AddSeconds(5)) with
            {
                ContentHash = LogEntry.HashId("urn:cli:log:5"),
            };
            Tamper(data, $"UPDATE log_leaves SET leaf_hash = x'{Convert.ToHexStringLower(rewritten.LeafHash())}' WHERE idx = 5");
            var hidden = CliRunner.Run("log", "audit", "--data", data);
            Assert.Equal(1, hidden.ExitCode);
            Assert.Contains("audit FAILED: first mismatching index 4 ", hidden.Output, StringComparison.Ordinal);
            Assert.Contains("problem:", hidden.Output, StringComparison.Ordinal);

            Tamper(data, "UPDATE log_leaves SET content_hash = record_hash WHERE idx = 3");
            var tampered = CliRunner.Run("log", "audit", "--data", data);
            Assert.Equal(1, tampered.ExitCode);
            Assert.Contains("audit FAILED: first mismatching index 3 ", tampered.Output, StringComparison.Ordinal);
            var tamperedJson = CliRunner.Run("log", "audit", "--data", data, "--json");
            Assert.Equal(1, tamperedJson.ExitCode);
            using (var report = JsonDocument.Parse(tamperedJson.Output))
            {
                Assert.Equal("failed", report.RootElement.GetProperty("outcome").GetString());
                var first = report.RootElement.GetProperty("firstMismatch");
                Assert.Equal(3, first.GetProperty("index").GetInt64());
                Assert.Equal("leaf 3: its entry does not hash to its stored leaf hash", first.GetProperty("reason").GetString());
                Assert.True(report.RootElement.GetProperty("problems").GetArrayLength() >= 2);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static void Tamper(string data, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, NodeStoreFactory.DatabaseFile), Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}
