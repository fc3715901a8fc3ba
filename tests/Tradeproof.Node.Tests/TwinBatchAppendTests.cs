using Tradeproof.Storage;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Node.Tests;

/// <summary>
/// The submission's twin appends in one store call (<see cref="TwinStreams.AppendAllAsync"/>) inside group commit:
/// members of one group sharing a twin append after one another (each reads the head its predecessor left), a member
/// that fails after appending is rolled back with its events and log leaves, and the shared twin's versions stay dense
/// (on both stores); concurrent units of work each appending in one call all land (SQLite, where the intake uses it).
/// </summary>
public sealed class TwinBatchAppendTests
{
    [Fact]
    public async Task Group_members_sharing_a_twin_append_densely_and_a_failing_one_leaves_nothing_on_sqlite()
    {
        await using var node = await NodeTestHost.StartAsync();
        await SharedTwinGroupAsync(node);
    }

    [PostgresFact]
    public async Task Group_members_sharing_a_twin_append_densely_and_a_failing_one_leaves_nothing_on_postgres()
    {
        await using var node = await NodePostgres.StartNodeAsync();
        await SharedTwinGroupAsync(node);
    }

    [Fact]
    public async Task Concurrent_submissions_of_shared_twins_each_in_its_own_unit_all_land_densely_on_sqlite()
    {
        await using var node = await NodeTestHost.StartAsync();
        await ConcurrentUnitsAsync(node);
    }

    private static readonly DateTimeOffset At = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    // Events of one "credential": each names the shared heat and the member's own lot (so each is in two streams).
    private static SortedDictionary<string, List<TwinEvent>> Events(string member, int count) =>
        TwinStreams.ByTwin(Enumerable.Range(0, count).Select(i => new TwinEvent(
            $"urn:uuid:{member}#{i}", TwinEventType.Described, ["HEAT-1", $"LOT-{member}"], At,
            new TwinEventSource(TwinEventSource.Credential, $"urn:uuid:{member}", "MillTestReportCredential", "did:example:mill", At),
            new TwinEventPayload { Description = $"{member} {i}" })));

    private static async Task SharedTwinGroupAsync(NodeTestHost node)
    {
        await node.TenantWithTokenAsync("acme");
        var store = node.Services.Store;
        var group = new GroupCommit(store);
        var sizeBefore = (await store.Log.GetTreeHeadAsync()).Size;

        // The first member holds its group open until the others are queued: they form the second group, in order.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = group.RunAsync(async (unit, ct) =>
        {
            started.SetResult();
            await release.Task;
            return await TwinStreams.AppendAllAsync(unit, "acme", Events("m0", 2), ct);
        });
        await started.Task;
        var second = group.RunAsync((unit, ct) => TwinStreams.AppendAllAsync(unit, "acme", Events("m1", 3), ct));
        var failing = group.RunAsync<IReadOnlyDictionary<string, long>>(async (unit, ct) =>
        {
            var versions = await TwinStreams.AppendAllAsync(unit, "acme", Events("bad", 2), ct);
            Assert.Equal(7, versions["HEAT-1"]);
            throw new InvalidOperationException("the member fails after appending");
        });
        var third = group.RunAsync((unit, ct) => TwinStreams.AppendAllAsync(unit, "acme", Events("m2", 1), ct));
        release.SetResult();

        Assert.Equal(new Dictionary<string, long> { ["HEAT-1"] = 2, ["LOT-m0"] = 2 }, await first);
        Assert.Equal(new Dictionary<string, long> { ["HEAT-1"] = 5, ["LOT-m1"] = 3 }, await second);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);

        // The third read the head the second left (5), not the failed member's rolled-back 7.
        Assert.Equal(new Dictionary<string, long> { ["HEAT-1"] = 6, ["LOT-m2"] = 1 }, await third);
        Assert.Equal(2, group.Groups);

        var heat = await store.TwinEvents.ReadStreamAsync("acme", "HEAT-1");
        Assert.Equal(Enumerable.Range(1, 6).Select(v => (long)v), heat.Select(e => e.Version));
        Assert.Equal(["urn:uuid:m0#0", "urn:uuid:m0#1", "urn:uuid:m1#0", "urn:uuid:m1#1", "urn:uuid:m1#2", "urn:uuid:m2#0"], heat.Select(e => e.EventId));
        Assert.Empty(await store.TwinEvents.ReadStreamAsync("acme", "LOT-bad"));
        Assert.Equal(["HEAT-1", "LOT-m1"], await store.TwinEvents.FindStreamsBySubjectAsync("acme", "LOT-m1"));
        Assert.Equal(["HEAT-1", "LOT-m0", "LOT-m1", "LOT-m2"], await store.TwinEvents.FindStreamsBySubjectAsync("acme", "HEAT-1"));
        Assert.Empty(await store.TwinEvents.FindStreamsBySubjectAsync("acme", "LOT-bad"));

        // One leaf per event and stream it is in (2 + 3 + 1 events, two streams each); none of the failed member's.
        Assert.Equal(sizeBefore + 12, (await store.Log.GetTreeHeadAsync()).Size);
        Assert.Single(await store.Log.FindLeavesAsync(Transparency.LogEntryKind.TwinEvent, "acme", Transparency.LogEntry.TwinEventRecordId("HEAT-1", 6)));
        Assert.Empty(await store.Log.FindLeavesAsync(Transparency.LogEntryKind.TwinEvent, "acme", Transparency.LogEntry.TwinEventRecordId("HEAT-1", 7)));
        var audit = await TransparencyLogAudit.RunAsync(store.Log, null);
        Assert.True(audit.Ok, string.Join("; ", audit.Problems));
    }

    private static async Task ConcurrentUnitsAsync(NodeTestHost node)
    {
        await node.TenantWithTokenAsync("acme");
        var store = node.Services.Store;

        // Twenty writers, each in its own unit of work, all at once: they take the writer lock in turn; every one lands.
        var writers = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await using var unit = await store.BeginAsync();
            var versions = await TwinStreams.AppendAllAsync(unit, "acme", Events($"w{i}", 2), CancellationToken.None);
            await unit.CommitAsync();
            return versions;
        })).ToArray();
        var results = await Task.WhenAll(writers);
        Assert.All(results, r => Assert.Equal(2, r.Count));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => 2L * i), results.Select(r => r["HEAT-1"]).Order());
        var heat = await store.TwinEvents.ReadStreamAsync("acme", "HEAT-1");
        Assert.Equal(Enumerable.Range(1, 40).Select(v => (long)v), heat.Select(e => e.Version));
        Assert.Equal(40, heat.Select(e => e.EventId).Distinct().Count());
        var audit = await TransparencyLogAudit.RunAsync(store.Log, null);
        Assert.True(audit.Ok, string.Join("; ", audit.Problems));
    }
}
