using Microsoft.Data.Sqlite;
using Tradeproof.Storage.Sqlite;
using Tradeproof.Storage.Tests.Support;

namespace Tradeproof.Storage.Tests.Sqlite;

/// <summary>A database file of its own in a temp folder for one test class.</summary>
public sealed class SqliteHarness : IStoreHarness, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tradeproof-sqlite-").FullName;

    /// <summary>The database file.</summary>
    public string DatabasePath => Path.Combine(_folder, "store.db");

    /// <inheritdoc />
    public string Provider => "sqlite";

    /// <inheritdoc />
    public string? UnavailableReason => null;

    /// <inheritdoc />
    public async ValueTask<ITradeproofStore> OpenAsync(StoreOptionsSeed seed) =>
        await SqliteStore.OpenAsync(new SqliteStoreOptions { DatabasePath = DatabasePath, Time = seed.Time, Random = seed.Random, OperatorKey = seed.OperatorKey });

    /// <inheritdoc />
    public async ValueTask<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false, ForeignKeys = true }.ToString());
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
    public ValueTask<bool> FilesContainAsync(byte[] needle) =>
        ValueTask.FromResult(FileScan.AnyContains(Directory.EnumerateFiles(_folder), needle));

    /// <inheritdoc />
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
