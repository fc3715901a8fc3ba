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

    /// <summary>WAL frames (pages) at which the writer checkpoints after its commit (<see cref="SqliteCheckpointer"/>; tests set it low).</summary>
    internal long WalHighFrames { get; init; } = SqliteCheckpointer.DefaultHighFrames;
}
