namespace Tradeproof.Storage.Sqlite;

/// <summary>Options of the embedded SQLite store.</summary>
public sealed record SqliteStoreOptions : StoreOptions
{
    /// <summary>The database file (created when missing; its <c>-wal</c> and <c>-shm</c> files live beside it).</summary>
    public required string DatabasePath { get; init; }

    /// <summary>How long a writer waits for another process's write lock before failing (SQLite <c>busy_timeout</c>).</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Opens an existing file read-only (<c>tradeproof backup verify</c>): no WAL switch, no migrations, every write
    /// fails. The file must not be in WAL mode without its <c>-shm</c> (a backup made by <c>tradeproof backup</c> is not).
    /// </summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// Sync the writer's WAL once its commit has returned and the write lock is released (<see cref="SqliteWalSync"/>),
    /// so the next transaction runs during the flush, instead of letting SQLite sync it inside every commit
    /// (<c>synchronous=FULL</c>, the default, during which the single writer idles). Either way no write is acknowledged
    /// before it is durable, and no read answers before the commits it may have seen are durable (reads wait for the
    /// sync in flight).
    /// </summary>
    public bool SyncWalAfterCommit { get; init; }

    /// <summary>The default of <see cref="WriterCacheMiB"/>.</summary>
    public const int DefaultWriterCacheMiB = 64;

    /// <summary>
    /// The writer connection's page cache in MiB (SQLite <c>cache_size</c>; readers keep SQLite's default). The writer
    /// runs every write transaction, so what its B-trees touch stays here from one transaction to the next.
    /// </summary>
    public int WriterCacheMiB { get; init; } = DefaultWriterCacheMiB;

    /// <summary>Replaces the WAL sync (tests: a sync that can be held or made to fail).</summary>
    internal SqliteWalSync? WalSync { get; init; }

    /// <summary>WAL frames (pages) at which the writer checkpoints after its commit (<see cref="SqliteCheckpointer"/>; tests set it low).</summary>
    internal long WalHighFrames { get; init; } = SqliteCheckpointer.DefaultHighFrames;
}
