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
    /// Let SQLite sync the WAL inside every commit of the writer (<c>synchronous=FULL</c> on it), holding the write lock
    /// during the flush, instead of syncing it once the lock is released (<see cref="SqliteWalSync"/>, the default).
    /// Either way no write is acknowledged before it is durable; with this on, a commit is also invisible to other
    /// readers until it is durable, at the cost of the writer idling through every flush (fewer submissions per second).
    /// </summary>
    public bool SyncWalInCommit { get; init; }

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
