using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>
/// Group commit: concurrent writers queue their work, and one of them at a time (the leader) runs every queued piece in
/// ONE store unit of work and commits it once (one <c>synchronous=FULL</c> fsync on SQLite instead of one per writer).
/// Each writer's <see cref="RunAsync{T}"/> returns only after that commit is durable, so an acknowledged write is as
/// durable as one committed alone. When the store makes a commit durable after it (SQLite with
/// <c>SyncWalAfterCommit</c>; <see cref="IStoreTransaction.CommitBeforeDurableAsync"/>), the leader does not wait for the
/// disk: it runs the next group while the WAL sync of the previous one completes its members (refused members too). Each piece runs between a savepoint and its release: a piece that throws is rolled back to its savepoint
/// (its writes and its transparency log leaves undone) and its caller gets the exception, while the others commit.
/// If the database loses the whole transaction (a failed rollback to a savepoint, e.g. SQLite on disk full), the
/// other pieces are run again each in its own unit of work. If the commit itself fails, every piece of the group
/// gets that exception and nothing of the group is written.
/// </summary>
/// <remarks>
/// For SQLite, whose single writer makes every submission wait for the previous one's fsync anyway (see
/// <see cref="AppliesTo"/>); PostgreSQL locks rows and takes concurrent transactions, so its writers keep their own.
/// A piece must write only through the unit it is given, must not commit it, should not block for long (the group
/// waits for it), and must be safe to run again (after a lost transaction it runs once more, alone). It runs without its caller's cancellation once started (a cancelled caller that has not started is
/// skipped); the leader is whichever caller found no leader at work, until its own piece is committed; pieces still
/// queued then are drained by a successor on the thread pool, which stops when the queue is empty.
/// </remarks>
public sealed class GroupCommit
{
    /// <summary>The most pieces committed together (a longer queue is committed in several groups).</summary>
    public const int MaxGroupSize = 64;

    private const string Savepoint = "group_member";

    private static readonly ConditionalWeakTable<ITradeproofStore, GroupCommit> ByStore = [];

    private readonly ITradeproofStore _store;
    private readonly ConcurrentQueue<Member> _queue = new();
    private int _leader;
    private long _groups;
    private long _pieces;

    /// <summary>Creates a group committer over <paramref name="store"/> (use <see cref="For"/> to share one per store).</summary>
    public GroupCommit(ITradeproofStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>How many groups were committed (or failed at commit).</summary>
    public long Groups => Interlocked.Read(ref _groups);

    /// <summary>How many pieces ran in those groups (kept or rolled back).</summary>
    public long Pieces => Interlocked.Read(ref _pieces);

    /// <summary>Whether submissions to <paramref name="store"/> go through group commit: SQLite's single writer.</summary>
    public static bool AppliesTo(ITradeproofStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return string.Equals(store.Provider, "sqlite", StringComparison.Ordinal);
    }

    /// <summary>The group committer shared by every writer of <paramref name="store"/>.</summary>
    public static GroupCommit For(ITradeproofStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return ByStore.GetValue(store, s => new GroupCommit(s));
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the next group's unit of work and returns its result once the group committed.
    /// </summary>
    /// <param name="work">The writes (through the given unit only; it must not commit it).</param>
    /// <param name="cancellationToken">Cancels while the piece waits for its group; not once it runs.</param>
    /// <exception cref="OperationCanceledException">Cancelled before the piece ran (nothing was written).</exception>
    public async Task<T> RunAsync<T>(Func<IStoreTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var member = new Member<T>(work, cancellationToken);
        _queue.Enqueue(member);
        await DrainAsync(member).ConfigureAwait(false);
        return await member.Task.ConfigureAwait(false);
    }

    // Leader election: whoever finds no leader drains the queue group by group; a piece queued while the leader was
    // finishing is seen by the re-check after the leader stepped down. A caller leads only until its own piece is done:
    // under steady load the queue is never empty, and a leader draining it to the end would hold its own caller's
    // response for as long (single submissions answered seconds late while every other one flowed). What is still
    // queued then is drained by a successor on the thread pool, whose caller is nobody's request.
    private async Task DrainAsync(Member? own)
    {
        while (!_queue.IsEmpty && Interlocked.CompareExchange(ref _leader, 1, 0) == 0)
        {
            try
            {
                var group = new List<Member>(MaxGroupSize);
                while (Take(group))
                {
                    await CommitGroupAsync(group).ConfigureAwait(false);
                    group = new List<Member>(MaxGroupSize); // the last one's members are completed when their commit is durable
                    if (own is { IsSettled: true })
                    {
                        break;
                    }
                }
            }
            finally
            {
                // A full fence (not a plain release store): the queue is read after the step-down is visible, so a piece
                // whose caller saw a leader at work is seen here.
                _ = Interlocked.Exchange(ref _leader, 0);
            }

            if (own is { IsSettled: true })
            {
                if (!_queue.IsEmpty)
                {
                    _ = Task.Run(() => DrainAsync(null));
                }

                return;
            }
        }
    }

    private bool Take(List<Member> group)
    {
        while (group.Count < MaxGroupSize && _queue.TryDequeue(out var member))
        {
            if (member.CancellationToken.IsCancellationRequested)
            {
                member.Fail(new OperationCanceledException(member.CancellationToken));
                continue;
            }

            group.Add(member);
        }

        return group.Count > 0;
    }

    private async Task CommitGroupAsync(List<Member> group)
    {
        _ = Interlocked.Increment(ref _groups);
        _ = Interlocked.Add(ref _pieces, group.Count);
        var kept = new List<Member>(group.Count);
        var refused = new List<(Member Member, Exception Error)>();
        List<Member>? alone = null;
        var durable = Task.CompletedTask;
        try
        {
            await using var unit = await _store.BeginAsync(CancellationToken.None).ConfigureAwait(false);
            var savepoints = group.Count > 1;
            for (var i = 0; i < group.Count; i++)
            {
                var member = group[i];
                if (!savepoints)
                {
                    try
                    {
                        await member.RunAsync(unit).ConfigureAwait(false);
                        kept.Add(member);
                    }
#pragma warning disable CA1031 // The piece's failure is its caller's: handed over, the unit is not committed.
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        refused.Add((member, e));
                    }

                    continue;
                }

                await unit.SavepointAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
                try
                {
                    await member.RunAsync(unit).ConfigureAwait(false);
                    await unit.ReleaseSavepointAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
                    kept.Add(member);
                }
#pragma warning disable CA1031 // The piece's failure is its caller's: handed over, the rest of the group goes on.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    if (await TryRollBackToSavepointAsync(unit).ConfigureAwait(false))
                    {
                        refused.Add((member, e));
                        continue;
                    }

                    // The database lost the transaction: this piece fails, the others run again on their own.
                    refused.Add((member, e));
                    alone = [.. kept, .. group.Skip(i + 1)];
                    kept.Clear();
                    break;
                }
            }

            if (kept.Count > 0)
            {
                durable = await unit.CommitBeforeDurableAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Begin, a savepoint or the commit failed: nothing of the group was written; every caller is told.
        catch (Exception e)
#pragma warning restore CA1031
        {
            foreach (var member in group)
            {
                if (!refused.Exists(r => ReferenceEquals(r.Member, member)))
                {
                    member.Fail(e);
                }
            }

            kept.Clear();
            alone = null;
        }

        foreach (var member in kept)
        {
            member.Settle();
        }

        foreach (var (member, _) in refused)
        {
            member.Settle();
        }

        if (kept.Count > 0)
        {
            _ = CompleteWhenDurableAsync(durable, kept, refused);
        }
        else
        {
            // No commit: the unit's disposal waited until what its reads saw was durable (SqlUnitOfWork).
            foreach (var (member, error) in refused)
            {
                member.Fail(error);
            }
        }

        if (alone is not null)
        {
            foreach (var member in alone)
            {
                await RunAloneAsync(member).ConfigureAwait(false);
            }
        }
    }

    // The members' callers are answered only once the disk has their commit; a failed sync fails them all. The refused
    // ones too: their refusal (a repeated id's 409) may rest on an earlier group's commit, which this sync also covers.
    private static async Task CompleteWhenDurableAsync(Task durable, List<Member> members, List<(Member Member, Exception Error)> refused)
    {
        Exception? failure = null;
        try
        {
            await durable.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Handed to every caller of the group: its durability is unknown.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = e;
        }

        foreach (var member in members)
        {
            if (failure is null)
            {
                member.Complete();
            }
            else
            {
                member.Fail(failure);
            }
        }

        foreach (var (member, error) in refused)
        {
            member.Fail(error);
        }
    }

    private static async Task<bool> TryRollBackToSavepointAsync(IStoreTransaction unit)
    {
        try
        {
            await unit.RollbackToSavepointAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
            await unit.ReleaseSavepointAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is StoreException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task RunAloneAsync(Member member)
    {
        try
        {
            await using var unit = await _store.BeginAsync(CancellationToken.None).ConfigureAwait(false);
            await member.RunAsync(unit).ConfigureAwait(false);
            await unit.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Handed to the piece's caller.
        catch (Exception e)
#pragma warning restore CA1031
        {
            member.Fail(e);
            return;
        }

        member.Complete();
    }

    private abstract class Member(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        private volatile bool _committed;

        /// <summary>Settled (committed or refused, perhaps not answered yet), failed or skipped: its leader has nothing more to do for it.</summary>
        public bool IsSettled => _committed || IsDone;

        /// <summary>Committed, failed or skipped: its caller has its answer.</summary>
        public abstract bool IsDone { get; }

        /// <summary>Its group is committed (or it was refused); its answer follows once the commit is durable.</summary>
        public void Settle() => _committed = true;

        public abstract ValueTask RunAsync(IStoreTransaction unit);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class Member<T>(Func<IStoreTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken) : Member(cancellationToken)
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _done.Task;

        public override bool IsDone => _done.Task.IsCompleted;

        public override async ValueTask RunAsync(IStoreTransaction unit) => _result = await work(unit, CancellationToken.None).ConfigureAwait(false);

        public override void Complete() => _done.TrySetResult(_result!);

        public override void Fail(Exception exception) => _done.TrySetException(exception);
    }
}
