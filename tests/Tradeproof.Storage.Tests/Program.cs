using Tradeproof.Storage.Tests.Sqlite;

namespace Tradeproof.Storage.Tests;

/// <summary>
/// The test assembly's entry point. The test runner does not use it; the SQLite kill test starts
/// <c>dotnet Tradeproof.Storage.Tests.dll kill-writer DB SEED</c> as the child process it kills.
/// </summary>
public static class Program
{
    /// <summary>Runs a helper mode, or does nothing.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args is ["kill-writer", var database, var seed])
        {
            return await KillWriter.RunAsync(database, int.Parse(seed, System.Globalization.CultureInfo.InvariantCulture));
        }

        if (args is ["log-writer", var connection, var tenant, var prefix, var count])
        {
            return await Contract.LogWriter.RunAsync(connection, tenant, prefix, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
        }

        await Console.Error.WriteLineAsync("usage: Tradeproof.Storage.Tests.dll kill-writer DATABASE SEED | log-writer CONNECTION TENANT PREFIX COUNT");
        return 2;
    }
}
