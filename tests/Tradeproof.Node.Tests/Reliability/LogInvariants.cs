using Microsoft.Data.Sqlite;
using Tradeproof.Cryptography;
using Tradeproof.Storage;

namespace Tradeproof.Node.Tests.Reliability;

/// <summary>
/// What must hold of a node's SQLite store after any fault: the transparency log has one leaf per stored credential,
/// presentation and twin event (each written in the same transaction as its record), indexes 0..n-1 without a gap,
/// the state row's size equal to the leaf count, and <see cref="TransparencyLogAudit"/> recomputing the tree finds
/// nothing. Read behind the store's back (read-only), then through a store opened on the folder.
/// </summary>
internal static class LogInvariants
{
    /// <summary>Asserts the invariants of the store in <paramref name="dataDirectory"/>; the number of leaves.</summary>
    public static async Task<long> CheckAsync(string dataDirectory, string context)
    {
        long writes, leaves, first, last, size;
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, NodeStoreFactory.DatabaseFile), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT COUNT(*) FROM credentials) + (SELECT COUNT(*) FROM presentations) + (SELECT COUNT(*) FROM twin_events), COUNT(*), COALESCE(MIN(idx), 0), COALESCE(MAX(idx), -1), (SELECT size FROM log_state) FROM log_leaves";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            (writes, leaves, first, last, size) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
        }

        Assert.True(leaves == writes, $"{context}: {leaves} log leaves for {writes} stored writes");
        Assert.True(first == 0 && last == leaves - 1 && size == leaves, $"{context}: log leaves {first}..{last} ({leaves}), state size {size}");
        await using var store = await NodeStoreFactory.OpenAsync(new NodeOptions { DataDirectory = dataDirectory }, TimeProvider.System, SystemRandomSource.Instance);
        var audit = await TransparencyLogAudit.RunAsync(store.Log, null);
        Assert.True(audit.Ok && audit.Leaves == leaves, $"{context}: the log audit read {audit.Leaves} leaves and found: {string.Join("; ", audit.Problems)}");
        return leaves;
    }
}
