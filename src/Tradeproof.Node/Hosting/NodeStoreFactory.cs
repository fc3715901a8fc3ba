using Tradeproof.Cryptography;
using Tradeproof.Storage;
using Tradeproof.Storage.Postgres;
using Tradeproof.Storage.Sqlite;

namespace Tradeproof.Node;

/// <summary>Opens the node's store (SQLite in the data folder by default, PostgreSQL when configured), applying migrations.</summary>
public static class NodeStoreFactory
{
    /// <summary>The file name of the generated operator key in the data folder.</summary>
    public const string OperatorKeyFile = "operator.key";

    /// <summary>The SQLite database file name in the data folder.</summary>
    public const string DatabaseFile = "tradeproof.db";

    /// <summary>Opens the store.</summary>
    /// <exception cref="NodeConfigurationException">No operator key for PostgreSQL, or a malformed one.</exception>
    /// <exception cref="StoreException">The database cannot be opened or migrated.</exception>
    public static async ValueTask<ITradeproofStore> OpenAsync(NodeOptions options, TimeProvider time, IRandomSource random, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = ReadOperatorKey(options, random);
        if (options.PostgresConnectionString is { } connection)
        {
            return await PostgresStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connection, OperatorKey = key, Time = time, Random = random }, cancellationToken).ConfigureAwait(false);
        }

        Directory.CreateDirectory(options.DataDirectory);
        return await SqliteStore.OpenAsync(new SqliteStoreOptions
        {
            DatabasePath = Path.Combine(options.DataDirectory, DatabaseFile),
            SyncWalAfterCommit = options.SqliteSyncWalAfterCommit,
            WriterCacheMiB = options.SqliteWriterCacheMiB,
            OperatorKey = key,
            Time = time,
            Random = random,
        }, cancellationToken).ConfigureAwait(false);
    }

    private static OperatorKey ReadOperatorKey(NodeOptions options, IRandomSource random)
    {
        try
        {
            if (options.OperatorKey is { } configured)
            {
                return Storage.OperatorKey.FromBase64(configured);
            }

            if (options.PostgresConnectionString is not null)
            {
                throw new NodeConfigurationException("PostgreSQL needs the operator key in configuration (Node:OperatorKey or TRADEPROOF__NODE__OPERATORKEY): it is never stored in the database.");
            }

            Directory.CreateDirectory(options.DataDirectory);
            var path = Path.Combine(options.DataDirectory, OperatorKeyFile);
            if (File.Exists(path))
            {
                return Storage.OperatorKey.FromBase64(File.ReadAllText(path));
            }

            var bytes = new byte[Storage.OperatorKey.Length];
            random.Fill(bytes);
            var text = Convert.ToBase64String(bytes);
            var temporary = path + ".tmp";
            var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, fileOptions))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
            return new OperatorKey(bytes);
        }
        catch (ArgumentException e)
        {
            throw new NodeConfigurationException("The operator key is not base64 of 32 bytes: " + e.Message, e);
        }
    }
}
