using System.Net;
using System.Text.Json.Nodes;
using Tradeproof.Transparency;

namespace Tradeproof.Node.Tests.Reliability;

/// <summary>
/// 50 concurrent appenders on one twin over HTTP (issue #10): 50 TraceablePresentations sent at once, each with a
/// custody hand-over of its own naming the same coil, so 50 intakes race to append to one twin stream (the intake
/// retries on a version conflict; each conflict means another intake committed, so it retries at most
/// <see cref="TwinStreams.MaxAppendAttempts"/> times). All 50 are accepted (202) at the first request; the coil's stream
/// is 1..n with one event per version and no event twice, every hand-over's events in it; every version has exactly one transparency-log leaf. SQLite and PostgreSQL.
/// </summary>
public sealed class ConcurrentAppendersHttpTests
{
    private const int Appenders = 50;

    [Fact]
    public async Task Fifty_concurrent_submissions_on_one_twin_all_land_with_one_event_per_version_on_sqlite()
    {
        await using var node = await NodeTestHost.StartAsync();
        await RaceAsync(node);
    }

    [PostgresFact]
    public async Task Fifty_concurrent_submissions_on_one_twin_all_land_with_one_event_per_version_on_postgres()
    {
        await using var node = await NodePostgres.StartNodeAsync();
        await RaceAsync(node);
    }

    private static async Task RaceAsync(NodeTestHost node)
    {
        using var steel = new SteelChain(node);
        var token = await node.TenantWithTokenAsync("cbp");
        var presentations = new List<(string Body, string HandOverId)>();
        for (var i = 0; i < Appenders; i++)
        {
            var (_, challenge) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/challenges", token);
            var handOver = steel.HandOver(steel.Carrier);
            presentations.Add((steel.Present(challenge.GetProperty("challenge").GetString(), null, handOver), JsonNode.Parse(handOver)!["id"]!.GetValue<string>()));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = presentations.Select(p => Task.Run(async () =>
        {
            await start.Task;
            return await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations", token, p.Body);
        })).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(racers);
        Assert.All(answers, a => Assert.True(a.Response.StatusCode == HttpStatusCode.Accepted, a.Body.ToString()));

        var stream = await node.Services.Store.TwinEvents.ReadStreamAsync("cbp", SteelChain.Coil);
        Assert.Equal(Enumerable.Range(1, stream.Count).Select(v => (long)v), stream.Select(e => e.Version));
        Assert.Equal(stream.Count, stream.Select(e => e.EventId).Distinct(StringComparer.Ordinal).Count());
        foreach (var (_, handOverId) in presentations)
        {
            Assert.Contains(stream, e => e.EventId.StartsWith(handOverId + "#", StringComparison.Ordinal));
        }

        foreach (var e in stream)
        {
            var leaves = await node.Services.Store.Log.FindLeavesAsync(LogEntryKind.TwinEvent, "cbp", LogEntry.TwinEventRecordId(SteelChain.Coil, e.Version));
            Assert.True(leaves.Count == 1, $"version {e.Version} has {leaves.Count} log leaves");
        }

        Assert.Equal(Appenders, (await node.Services.Store.Presentations.ListAsync("cbp", 0, 500)).Count);
    }
}
