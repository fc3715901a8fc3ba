using System.Security.Cryptography;
using Tradeproof.Storage.Tests.Postgres;

namespace Tradeproof.Node.Tests;

/// <summary>
/// A node test that needs PostgreSQL (the private cluster of <c>Tradeproof.Storage.Tests</c>' harness, linked into this
/// project): skipped with the reason when PostgreSQL is missing, except under <c>CI=true</c>, where it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when PostgreSQL cannot run here and this is not CI.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresCluster.UnavailableReason is { } reason && !PostgresCluster.InContinuousIntegration)
        {
            Skip = reason;
        }
    }
}

/// <summary>Fresh databases on the private cluster (started on first use, removed when the test process exits).</summary>
internal static class NodePostgres
{
    private static int s_databases;

    /// <summary>A new empty database; its connection string (a unix socket, no TCP).</summary>
    public static Task<string> CreateDatabaseAsync() =>
        PostgresCluster.CreateDatabaseAsync($"node_{Environment.ProcessId}_{Interlocked.Increment(ref s_databases)}");

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
