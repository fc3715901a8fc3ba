using System.Data.Common;
using Tradeproof.Storage.Sql;

namespace Tradeproof.Storage.Sqlite;

/// <summary>
/// The WAL checkpoint, moved off the writer: the writer connection's automatic checkpoint is off
/// (<c>wal_autocheckpoint = 0</c>), and every <see cref="CommitsPerCheckpoint"/>th commit a <c>PASSIVE</c> checkpoint
/// runs on a pooled connection beside it (the other core) unless one is running already. A checkpoint only copies committed pages from the WAL
/// into the database file, so durability is unchanged: each commit is fsynced to the WAL first (synchronous=FULL).
/// </summary>
/// <remarks>
/// Under steady writing a passive checkpoint never catches up with the last frame, and SQLite starts the WAL over
/// only after a checkpoint that did, so the WAL would grow without bound: when the last checkpoint saw
/// <c>highFrames</c> frames or more (<see cref="DefaultHighFrames"/>), the writer itself checkpoints after its commit while it still holds the
/// writer gate (nothing is appended meanwhile, and most pages are copied already), so that the next write starts the
/// WAL from the beginning; <c>journal_size_limit</c> then cuts the file back.
/// </remarks>
internal sealed class SqliteCheckpointer(SqlDialect dialect, long highFrames) : IAsyncDisposable
{
    /// <summary>WAL frames (4 KiB pages) from which the writer checkpoints its own commit: 64 MiB.</summary>
    public const long DefaultHighFrames = 16384;

    /// <summary>Commits the writer makes while one checkpoint runs beside it before it waits for that checkpoint.</summary>
    private const int MaxCommitsBeside = 64;

    /// <summary>Commits between two checkpoints beside the writer (pages rewritten by consecutive commits are copied once).</summary>
    private const int CommitsPerCheckpoint = 8;

    private Task? _running;
    private int _commitsSinceStart;
    private int _commitsBeside;
    private long _frames;

    /// <summary>After a commit on the writer, under the writer gate. Never throws: the commit is durable whatever a checkpoint does.</summary>
    public async ValueTask AfterCommitAsync(DbConnection writer)
    {
        try
        {
            await CheckpointAfterCommitAsync(writer).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The caller's write is committed: a failed checkpoint must not report it as failed (a later one copies the pages).
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async ValueTask CheckpointAfterCommitAsync(DbConnection writer)
    {
        if (Interlocked.Read(ref _frames) >= highFrames)
        {
            if (_running is not null)
            {
                await _running.ConfigureAwait(false);
            }

            _ = await PassiveAsync(writer).ConfigureAwait(false);
            Interlocked.Exchange(ref _frames, 0);
            return;
        }

        _commitsSinceStart++;
        if ((_running is null || _running.IsCompleted) && _commitsSinceStart >= CommitsPerCheckpoint)
        {
            _running = Task.Run(BesideAsync);
            _commitsBeside = 0;
            _commitsSinceStart = 0;
        }
        else if (_running is { IsCompleted: false } && ++_commitsBeside >= MaxCommitsBeside)
        {
            // The checkpoint beside is slow (a loaded disk): the writer waits for it rather than let the WAL run on unseen.
            await _running.ConfigureAwait(false);
        }
    }

    private async Task BesideAsync()
    {
        try
        {
            var connection = await dialect.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var frames = await PassiveAsync(connection).ConfigureAwait(false);
                if (frames >= 0)
                {
                    Interlocked.Exchange(ref _frames, frames);
                }
            }
        }
#pragma warning disable CA1031 // The commits are durable in the WAL; the next checkpoint copies them.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>A PASSIVE checkpoint: the frames in the WAL (-1 when it did not say).</summary>
    private static async ValueTask<long> PassiveAsync(DbConnection connection)
    {
        var rows = await connection.Command(null, "PRAGMA wal_checkpoint(PASSIVE)").ListAsync(r => r.GetInt64(1), CancellationToken.None).ConfigureAwait(false);
        return rows.Count == 1 ? rows[0] : -1;
    }

    public async ValueTask DisposeAsync()
    {
        if (_running is not null)
        {
            await _running.ConfigureAwait(false);
        }
    }
}
