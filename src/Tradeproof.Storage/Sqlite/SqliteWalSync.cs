using System.Runtime.InteropServices;

namespace Tradeproof.Storage.Sqlite;

/// <summary>
/// The WAL sync that makes the writer's commits durable, run AFTER the writer is free for the next transaction.
/// </summary>
/// <remarks>
/// <para>
/// With <c>synchronous=FULL</c>, SQLite syncs the WAL inside every commit, holding the write lock meanwhile, so the
/// single writer sits idle for the disk's flush of each group. SQLite documents FULL in WAL mode as NORMAL plus exactly
/// that one extra WAL sync after each commit (https://www.sqlite.org/pragma.html#pragma_synchronous; NORMAL already syncs
/// the WAL before each checkpoint and the database after it). The writer connection therefore runs with NORMAL, and
/// this class does the extra sync itself, once the commit has returned and the write lock is released: the next
/// transaction's statements run while the disk flushes the previous one. Nobody is told a write succeeded before a
/// sync that STARTED after its commit has completed, so an acknowledged write is as durable as with FULL.
/// </para>
/// <para>
/// Syncs are coalesced: one runs at a time, and it covers every commit made before it started (a sync of a file
/// flushes everything written to it). What differs from FULL: a committed transaction is visible to this node's
/// readers a few milliseconds before it is durable (its writer has not been answered yet). A failed sync leaves the
/// durability of what was written unknown (the kernel may have dropped the dirty pages), so the store stops taking
/// writes until it is reopened, as PostgreSQL stops on a failed fsync.
/// </para>
/// </remarks>
internal sealed class SqliteWalSync
{
    private readonly Action _sync;
    private readonly Lock _lock = new();
    private List<TaskCompletionSource> _waiting = [];
    private long _committed;
    private long _synced;
    private bool _running;
    private Task _loop = Task.CompletedTask;
    private Exception? _failure;

    /// <param name="sync">Flushes the WAL file to disk (blocking); throws if the disk refused.</param>
    public SqliteWalSync(Action sync)
    {
        _sync = sync;
    }

    /// <summary>Syncs the WAL file at <paramref name="walPath"/> (opened for each sync: the file can be replaced when every connection closed).</summary>
    public static SqliteWalSync ForFile(string walPath) => new(() => SyncFile(walPath));

    /// <summary>How many syncs ran (tests, benchmarks).</summary>
    public long Syncs { get; private set; }

    /// <summary>The sync failure that stopped the store's writes, if one did.</summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>
    /// Records a commit of the writer, called under the writer gate just BEFORE the commit statement (a reader that sees
    /// the commit then counts it in <see cref="Current"/>; a commit that fails leaves a ticket a sync covers anyway).
    /// </summary>
    public long Committed() => Interlocked.Increment(ref _committed);

    /// <summary>Every commit made or being made so far: a read waits until this is durable before it answers.</summary>
    public long Current => Interlocked.Read(ref _committed);

    /// <summary>
    /// Completes when the commit of <paramref name="ticket"/> is durable: a sync that started after it has completed.
    /// Call it after releasing the writer gate.
    /// </summary>
    /// <exception cref="StoreException">A WAL sync failed (this one or an earlier one): durability unknown.</exception>
    public Task DurableAsync(long ticket)
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            return Task.FromException(Failed(failure));
        }

        if (Interlocked.Read(ref _synced) >= ticket)
        {
            return Task.CompletedTask;
        }

        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiting.Add(waiter);
            if (!_running)
            {
                _running = true;
                _loop = Task.Run(Loop);
            }
        }

        return waiter.Task;
    }

    /// <summary>Waits until no sync is pending (disposal).</summary>
    public Task IdleAsync()
    {
        lock (_lock)
        {
            return _loop;
        }
    }

    /// <summary>Throws when a sync failed: the store takes no more writes.</summary>
    public void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw Failed(failure);
        }
    }

    private void Loop()
    {
        while (true)
        {
            List<TaskCompletionSource> batch;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _running = false;
                    return;
                }

                batch = _waiting;
                _waiting = [];
            }

            // Every waiter of the batch registered after its commit, so the commits counted now include theirs; the sync
            // below starts after this read and covers them all.
            var covers = Interlocked.Read(ref _committed);
            try
            {
                _sync();
                Syncs++;
                Interlocked.Exchange(ref _synced, covers);
            }
#pragma warning disable CA1031 // Handed to every waiter, and the store stops taking writes.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _ = Interlocked.CompareExchange(ref _failure, e, null);
            }

            foreach (var waiter in batch)
            {
                if (Volatile.Read(ref _failure) is { } failure)
                {
                    waiter.TrySetException(Failed(failure));
                }
                else
                {
                    waiter.TrySetResult();
                }
            }
        }
    }

    private static StoreException Failed(Exception failure) =>
        new(StoreErrorKind.Unavailable, "The database's write-ahead log could not be synced to disk, so whether the last writes are durable is unknown; the store takes no more writes until the node is restarted: " + failure.Message, failure);

    // The WAL exists while any connection is open; when it does not, the last connection to close checkpointed it into
    // the database file and synced that (SQLite deletes the WAL only then), so there is nothing left to sync.
    private static void SyncFile(string walPath)
    {
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return;
        }

        using (handle)
        {
            if (OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD())
            {
                // fdatasync, as SQLite's own WAL sync on these systems: the data and the size, not the times.
                if (FDataSync(handle.DangerousGetHandle().ToInt32()) != 0)
                {
                    throw new IOException($"fdatasync of '{walPath}' failed (errno {Marshal.GetLastPInvokeError()}).");
                }

                return;
            }

            using var stream = new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0);
            stream.Flush(flushToDisk: true);
        }
    }

    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
#pragma warning disable SYSLIB1054 // A one-int call: no marshalling for a source generator to save.
    private static extern int FDataSync(int fd);
#pragma warning restore SYSLIB1054
}
