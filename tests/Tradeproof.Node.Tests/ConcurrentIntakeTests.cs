using System.Net;
using System.Text.Json.Nodes;

namespace Tradeproof.Node.Tests;

/// <summary>
/// Concurrent submissions whose credentials name the same twin, on SQLite and on PostgreSQL (where appenders race for
/// the same stream version and the intake retries): every submission lands, the twin's versions stay dense and every
/// event is in the stream once.
/// </summary>
public sealed class ConcurrentIntakeTests
{
    private const int Submissions = 8;

    [Fact]
    public async Task Concurrent_submissions_naming_one_twin_all_land_on_sqlite()
    {
        await using var node = await NodeTestHost.StartAsync();
        await SubmitConcurrentlyAsync(node);
    }

    [PostgresFact]
    public async Task Concurrent_submissions_naming_one_twin_all_land_on_postgres()
    {
        await using var node = await NodePostgres.StartNodeAsync();
        await SubmitConcurrentlyAsync(node);
    }

    private static async Task SubmitConcurrentlyAsync(NodeTestHost node)
    {
        using var steel = new SteelChain(node);
        var token = await node.TenantWithTokenAsync("cbp");

        // Each presentation carries a hand-over of its own (its own credential id), all naming the coil, plus a mill test
        // report shared by all (stored and projected once).
        var mtr = steel.MillTestReport();
        var presentations = new List<(string Body, string HandOverId)>();
        for (var i = 0; i < Submissions; i++)
        {
            var (_, challenge) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/challenges", token);
            var handOver = steel.HandOver(steel.Carrier);
            presentations.Add((steel.Present(challenge.GetProperty("challenge").GetString(), null, handOver, mtr), JsonNode.Parse(handOver)!["id"]!.GetValue<string>()));
        }

        var answers = await Task.WhenAll(presentations.Select(p => node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations", token, p.Body)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Response.StatusCode));

        var stored = await node.Services.Store.TwinEvents.ReadStreamAsync("cbp", SteelChain.Coil);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(v => (long)v), stored.Select(e => e.Version));
        Assert.Equal(stored.Count, stored.Select(e => e.EventId).Distinct().Count());
        foreach (var (_, handOverId) in presentations)
        {
            Assert.Contains(stored, e => e.EventId.StartsWith(handOverId + "#", StringComparison.Ordinal));
        }

        var mtrId = JsonNode.Parse(mtr)!["id"]!.GetValue<string>();
        Assert.Contains(stored, e => e.EventId.StartsWith(mtrId + "#", StringComparison.Ordinal));
        Assert.Equal(Submissions, (await node.Services.Store.Presentations.ListAsync("cbp")).Count);
    }
}
