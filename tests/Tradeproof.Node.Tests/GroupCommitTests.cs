using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Storage;

namespace Tradeproof.Node.Tests;

/// <summary>
/// Group commit (the submission write path on SQLite): pieces queued while a group is being written form the next
/// group and commit together; a repeated presentation id (in the same group or an earlier one) and a piece that throws
/// after writing fail alone, leaving nothing of theirs (no row, no log leaf), while the rest of the group commits. Run
/// on both stores (the mechanism is savepoints, which both have; the node uses it on SQLite only). Then the same over
/// HTTP: concurrent copies of the same submissions get one 202 each, the others 409 or 422, nothing half-written.
/// </summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task A_group_commits_together_and_a_duplicate_or_failing_member_fails_alone_on_sqlite()
    {
        await using var node = await NodeTestHost.StartAsync();
        await GroupAsync(node);
    }

    [PostgresFact]
    public async Task A_group_commits_together_and_a_duplicate_or_failing_member_fails_alone_on_postgres()
    {
        await using var node = await NodePostgres.StartNodeAsync();
        await GroupAsync(node);
    }

    [Fact]
    public async Task Concurrent_copies_of_submissions_store_each_once_on_sqlite()
    {
        await using var node = await NodeTestHost.StartAsync();
        Assert.True(GroupCommit.AppliesTo(node.Services.Store));
        await ConcurrentCopiesAsync(node);
    }

    [PostgresFact]
    public async Task Concurrent_copies_of_submissions_store_each_once_on_postgres()
    {
        await using var node = await NodePostgres.StartNodeAsync();
        Assert.False(GroupCommit.AppliesTo(node.Services.Store));
        await ConcurrentCopiesAsync(node);
    }

    [Fact]
    public async Task A_leader_answers_its_own_caller_once_its_piece_is_committed_while_others_are_still_queued()
    {
        await using var node = await NodeTestHost.StartAsync();
        await node.TenantWithTokenAsync("acme");
        var group = new GroupCommit(node.Services.Store);

        // The leader's piece holds its group open until a second piece is queued behind it; that second piece then blocks
        // until the leader's caller has its answer. A leader that drained the queue to the end before answering its own
        // caller would never answer (the second piece waits for that answer): the bounded wait below would fail.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var leaderAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var leader = group.RunAsync(async (unit, _) =>
        {
            started.SetResult();
            await release.Task;
            return await ReceiveAsync(unit, "urn:vp:leader");
        });
        await started.Task;
        var queued = group.RunAsync(async (unit, _) =>
        {
            await leaderAnswered.Task;
            return await ReceiveAsync(unit, "urn:vp:queued");
        });
        release.SetResult();

        Assert.Same(leader, await Task.WhenAny(leader, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.Equal("urn:vp:leader", await leader);
        leaderAnswered.SetResult();
        Assert.Equal("urn:vp:queued", await queued);
        Assert.NotNull(await node.Services.Store.Presentations.GetAsync("acme", "urn:vp:queued"));
    }

    [Fact]
    public async Task The_next_group_commits_while_the_last_ones_wal_sync_runs_and_no_caller_is_answered_before_its_sync()
    {
        var folder = Directory.CreateTempSubdirectory("tradeproof-groupsync-").FullName;
        var open = new ManualResetEventSlim(true);
        var syncing = new ManualResetEventSlim(false);
        var sync = new Storage.Sqlite.SqliteWalSync(() =>
        {
            syncing.Set();
            _ = open.Wait(TimeSpan.FromSeconds(30));
        });
        try
        {
            await using var store = await Storage.Sqlite.SqliteStore.OpenAsync(new Storage.Sqlite.SqliteStoreOptions
            {
                DatabasePath = Path.Combine(folder, "store.db"),
                Time = TimeProvider.System,
                Random = new CountingRandomSource(),
                OperatorKey = new OperatorKey(new byte[32]),
                SyncWalAfterCommit = true,
                WalSync = sync,
            });
            Assert.Equal(TenantCreateOutcome.Created, await store.Tenants.CreateAsync(new TenantRecord("acme", "Acme")));
            var group = new GroupCommit(store);
            open.Reset();
            syncing.Reset();

            // The first group is committed and its sync held: its caller has no answer yet...
            var committedBefore = sync.Current;
            var first = group.RunAsync((unit, _) => ReceiveAsync(unit, "urn:vp:first"));
            Assert.True(syncing.Wait(TimeSpan.FromSeconds(30)), "the first group's WAL sync never started");
            Assert.False(first.IsCompleted, "answered before its commit was synced");

            // ... while the next group commits (the writer did not wait for the disk): its commit is counted and the
            // writer is free again, though neither caller is answered. (A read would wait for the sync: not used here.)
            var second = group.RunAsync((unit, _) => ReceiveAsync(unit, "urn:vp:second"));
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (sync.Current < committedBefore + 2 || group.Groups < 2)
            {
                Assert.True(DateTime.UtcNow < deadline, "the second group did not commit while the first one's sync was held");
                await Task.Delay(10);
            }

            var writerFree = await store.BeginAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(first.IsCompleted || second.IsCompleted, "answered before the sync completed");
            var read = store.Presentations.GetAsync("acme", "urn:vp:second").AsTask();
            await Task.Delay(50);
            Assert.False(read.IsCompleted, "a read answered from a commit whose sync was still held");
            open.Set();
            Assert.Equal("urn:vp:first", await first.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal("urn:vp:second", await second.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.NotNull(await read.WaitAsync(TimeSpan.FromSeconds(30)));
            await writerFree.DisposeAsync();
            Assert.True(sync.Syncs >= 2);
        }
        finally
        {
            open.Set();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class DuplicateException(string id) : Exception($"'{id}' was received before.");

    private static async ValueTask<string> ReceiveAsync(IStoreTransaction unit, string id)
    {
        var outcome = await unit.Presentations.ReceiveAsync("acme", new PresentationRecord(id, Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\"}}")));
        return outcome == PresentationReceiveOutcome.Received ? id : throw new DuplicateException(id);
    }

    private static async Task GroupAsync(NodeTestHost node)
    {
        await node.TenantWithTokenAsync("acme");
        var store = node.Services.Store;
        var group = new GroupCommit(store);
        var sizeBefore = (await store.Log.GetTreeHeadAsync()).Size;

        // The first piece holds its group (of one) open until the others are queued: they form the second group.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = group.RunAsync(async (unit, _) =>
        {
            started.SetResult();
            await release.Task;
            return await ReceiveAsync(unit, "urn:vp:first");
        });
        await started.Task;

        var kept = Enumerable.Range(0, 5).Select(i => group.RunAsync((unit, _) => ReceiveAsync(unit, $"urn:vp:{i}"))).ToList();
        var repeatedInGroup = group.RunAsync((unit, _) => ReceiveAsync(unit, "urn:vp:2"));
        var repeatedFromEarlierGroup = group.RunAsync((unit, _) => ReceiveAsync(unit, "urn:vp:first"));
        var failing = group.RunAsync<string>(async (unit, _) =>
        {
            await ReceiveAsync(unit, "urn:vp:failing");
            Assert.Equal(CredentialSaveOutcome.Stored, await unit.Credentials.SaveAsync("acme", new CredentialRecord("urn:c:failing", CredentialDirection.Received, "application/vc", "{}"u8.ToArray())));
            throw new InvalidOperationException("the piece fails after writing");
        });
        var cancelled = group.RunAsync((unit, _) => ReceiveAsync(unit, "urn:vp:cancelled"), new CancellationToken(canceled: true));
        var last = group.RunAsync((unit, _) => ReceiveAsync(unit, "urn:vp:last"));
        release.SetResult();

        Assert.Equal("urn:vp:first", await first);
        Assert.Equal(["urn:vp:0", "urn:vp:1", "urn:vp:2", "urn:vp:3", "urn:vp:4"], await Task.WhenAll(kept));
        Assert.Equal("urn:vp:last", await last);
        await Assert.ThrowsAsync<DuplicateException>(() => repeatedInGroup);
        await Assert.ThrowsAsync<DuplicateException>(() => repeatedFromEarlierGroup);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(2, group.Groups);
        Assert.Equal(10, group.Pieces);

        Assert.Null(await store.Presentations.GetAsync("acme", "urn:vp:failing"));
        Assert.Null(await store.Presentations.GetAsync("acme", "urn:vp:cancelled"));
        Assert.Null(await store.Credentials.GetAsync("acme", "urn:c:failing"));
        Assert.Equal(7, (await store.Presentations.ListAsync("acme")).Count);

        // One log leaf per stored presentation, in the order the pieces ran, none for the failed ones.
        Assert.Equal(sizeBefore + 7, (await store.Log.GetTreeHeadAsync()).Size);
        var leaves = new List<long>();
        foreach (var id in new[] { "urn:vp:first", "urn:vp:0", "urn:vp:1", "urn:vp:2", "urn:vp:3", "urn:vp:4", "urn:vp:last" })
        {
            leaves.Add(Assert.Single(await store.Log.FindLeavesAsync(Transparency.LogEntryKind.Presentation, "acme", id)));
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => sizeBefore + i), leaves);
        Assert.Empty(await store.Log.FindLeavesAsync(Transparency.LogEntryKind.Presentation, "acme", "urn:vp:failing"));
        Assert.Empty(await store.Log.FindLeavesAsync(Transparency.LogEntryKind.Credential, "acme", "urn:c:failing"));
        var audit = await TransparencyLogAudit.RunAsync(store.Log, null);
        Assert.True(audit.Ok, string.Join("; ", audit.Problems));
    }

    private static async Task ConcurrentCopiesAsync(NodeTestHost node)
    {
        using var steel = new SteelChain(node);
        var token = await node.TenantWithTokenAsync("cbp");
        var mtr = steel.MillTestReport();
        var bodies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var (_, challenge) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/challenges", token);
            bodies.Add(steel.Present(challenge.GetProperty("challenge").GetString(), null, steel.HandOver(steel.Carrier), mtr));
        }

        // Three copies of each, all at once.
        var copies = bodies.SelectMany(b => Enumerable.Repeat(b, 3)).ToList();
        var answers = await Task.WhenAll(copies.Select(b => node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations", token, b)));
        foreach (var body in bodies)
        {
            var statuses = answers.Where((_, i) => copies[i] == body).Select(a => a.Response.StatusCode).ToList();
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Accepted));
            Assert.All(statuses.Where(s => s != HttpStatusCode.Accepted), s => Assert.Contains(s, new[] { HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity }));
        }

        var inbox = await node.Services.Store.Presentations.ListAsync("cbp");
        Assert.Equal(bodies.Select(b => JsonNode.Parse(b)!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal), inbox.Select(e => e.Presentation.Id).Order(StringComparer.Ordinal));
        foreach (var entry in inbox)
        {
            Assert.Single(await node.Services.Store.Log.FindLeavesAsync(Transparency.LogEntryKind.Presentation, "cbp", entry.Presentation.Id));
        }

        var stream = await node.Services.Store.TwinEvents.ReadStreamAsync("cbp", SteelChain.Coil);
        Assert.Equal(Enumerable.Range(1, stream.Count).Select(v => (long)v), stream.Select(e => e.Version));
        Assert.Equal(stream.Count, stream.Select(e => e.EventId).Distinct().Count());
        var audit = await TransparencyLogAudit.RunAsync(node.Services.Store.Log, null);
        Assert.True(audit.Ok, string.Join("; ", audit.Problems));
    }
}
