using Npgsql;
using Tradeproof.Storage.Postgres;
using Tradeproof.Storage.Tests.Support;

namespace Tradeproof.Storage.Tests.Postgres;

/// <summary>A database of its own on the private cluster for one test class.</summary>
public sealed class PostgresHarness : IStoreHarness
{
    private readonly Lazy<Task<string>> _connectionString = new(() => PostgresCluster.CreateUniqueDatabaseAsync("tradeproof"));

    /// <inheritdoc />
    public string Provider => "postgres";

    /// <inheritdoc />
    public string? UnavailableReason => PostgresCluster.UnavailableReason;

    /// <summary>The database's connection string (creating it on first use).</summary>
    public Task<string> ConnectionStringAsync() => _connectionString.Value;

    /// <inheritdoc />
    public async ValueTask<ITradeproofStore> OpenAsync(StoreOptionsSeed seed) =>
        await PostgresStore.OpenAsync(new PostgresStoreOptions
        {
            ConnectionString = await ConnectionStringAsync(),
            Time = seed.Time,
            Random = seed.Random,
            OperatorKey = seed.OperatorKey,
        });

    /// <inheritdoc />
    public async ValueTask<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        // Read to the end: a statement stopped after its first row may not have run its end-of-statement checks.
        await using var reader = await command.ExecuteReaderAsync();
        long? first = null;
        do
        {
            while (await reader.ReadAsync())
            {
                first ??= Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        while (await reader.NextResultAsync());

        return first ?? 0;
    }

    /// <inheritdoc />
    public async ValueTask<bool> FilesContainAsync(byte[] needle)
    {
        await using (var connection = new NpgsqlConnection(await ConnectionStringAsync()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CHECKPOINT";
            await command.ExecuteNonQueryAsync();
        }

        var data = await PostgresCluster.DataFolderAsync();
        return FileScan.AnyContains(Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories), needle);
    }
}
