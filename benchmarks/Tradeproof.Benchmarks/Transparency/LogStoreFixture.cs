using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using Tradeproof.Cryptography;
using Tradeproof.Storage;
using Tradeproof.Storage.Sqlite;
using Tradeproof.Transparency;

namespace Tradeproof.Benchmarks.Transparency;

/// <summary>
/// A SQLite store whose transparency log holds <see cref="Size"/> leaves, built once (appends of 10,000 leaves per
/// transaction) in a folder under the temp directory and reused by later runs while its tree head is that size.
/// </summary>
internal static class LogStoreFixture
{
    public const long Size = 1_000_000;
    private const int Batch = 10_000;

    public static string Folder => Path.Combine(Path.GetTempPath(), "tradeproof-bench-log-1m");

    public static ITradeproofStore Open(string folder) =>
        SqliteStore.OpenAsync(new SqliteStoreOptions
        {
            DatabasePath = Path.Combine(folder, "log.db"),
            Time = TimeProvider.System,
            Random = SystemRandomSource.Instance,
            OperatorKey = new OperatorKey(new byte[32]),
        }).AsTask().GetAwaiter().GetResult();

    /// <summary>Opens the 1,000,000-leaf store, building it first when it is missing or of another size.</summary>
    public static async Task<ITradeproofStore> OpenMillionAsync(TextWriter? progress = null)
    {
        Directory.CreateDirectory(Folder);
        var store = Open(Folder);
        var size = (await store.Log.GetTreeHeadAsync()).Size;
        if (size == Size)
        {
            return store;
        }

        await store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        Directory.CreateDirectory(Folder);
        store = Open(Folder);
        var watch = Stopwatch.StartNew();
        for (long start = 0; start < Size; start += Batch)
        {
            var entries = new LogEntry[Batch];
            for (var i = 0; i < Batch; i++)
            {
                entries[i] = Entry(start + i);
            }

            await store.Log.AppendAsync(entries);
        }

        progress?.WriteLine($"built {Size:N0} leaves in {watch.Elapsed.TotalSeconds:F1} s ({Size / Batch} transactions of {Batch:N0}) in {Folder}");
        return store;
    }

    /// <summary>A credential leaf for write <paramref name="n"/> (hashes of the counter; times one second apart).</summary>
    public static LogEntry Entry(long n)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, n);
        var record = SHA256.HashData(counter);
        return new LogEntry(LogEntryKind.Credential, TenantHash, record, SHA256.HashData(record), 1_790_000_000_000 + (n * 1000));
    }

    private static readonly byte[] TenantHash = LogEntry.HashId("bench");
}
