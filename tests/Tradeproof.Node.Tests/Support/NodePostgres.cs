using System.Security.Cryptography;

namespace Tradeproof.Node.Tests;

/// <summary>Fresh databases on the private cluster (started on first use, removed when the test process exits).</summary>
internal static class NodePostgres
{
    /// <summary>A new empty database; its connection string (a unix socket, no TCP).</summary>
    public static Task<string> CreateDatabaseAsync() => PostgresCluster.CreateUniqueDatabaseAsync("node");

    /// <summary>A new operator key (base64 of 32 bytes): PostgreSQL nodes need one in configuration.</summary>
    public static string NewOperatorKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>An in-process node on a fresh PostgreSQL database.</summary>
    public static async Task<NodeTestHost> StartNodeAsync()
    {
        var connection = await CreateDatabaseAsync();
        var key = NewOperatorKey();
        return await NodeTestHost.StartAsync(o => o with { PostgresConnectionString = connection, OperatorKey = key });
    }
}
