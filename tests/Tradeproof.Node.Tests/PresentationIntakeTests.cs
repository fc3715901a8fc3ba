using System.Net;
using System.Text.Json.Nodes;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Node.Tests;

/// <summary>
/// The submission pipeline: a verified TraceablePresentation lands in the inbox, its credentials in the store and its
/// twin events in the twins' streams in one unit of work; post-commit handlers run; repeats write nothing.
/// </summary>
public sealed class PresentationIntakeTests
{
    private static async Task<string> ChallengeAsync(NodeTestHost node, string tenant, string token)
    {
        var (response, body) = await node.SendAsync(HttpMethod.Post, $"/organizations/{tenant}/challenges", token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return body.GetProperty("challenge").GetString()!;
    }

    [Fact]
    public async Task A_submission_stores_presentation_credentials_and_twin_events_with_dense_versions()
    {
        await using var node = await NodeTestHost.StartAsync();
        using var steel = new SteelChain(node);
        var token = await node.TenantWithTokenAsync("cbp");
        var mtr = steel.MillTestReport();
        var presentation = steel.Present(await ChallengeAsync(node, "cbp", token), null, mtr, steel.BillOfLading());

        var (response, body) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations", token, presentation);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, body.GetProperty("credentials").GetInt32());
        var twins = body.GetProperty("twins").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains(SteelChain.Coil, twins);
        Assert.Contains(SteelChain.Heat, twins);

        var stored = await node.Services.Store.TwinEvents.ReadStreamAsync("cbp", SteelChain.Coil);
        Assert.NotEmpty(stored);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(v => (long)v), stored.Select(e => e.Version));
        Assert.All(stored, e => Assert.Contains(SteelChain.Coil, TwinEventJson.Parse(e.PayloadJson).SubjectIds));
        var mtrId = JsonNode.Parse(mtr)!["id"]!.GetValue<string>();
        Assert.Contains(stored, e => e.EventId.StartsWith(mtrId + "#", StringComparison.Ordinal));
        Assert.NotNull(await node.Services.Store.Credentials.GetAsync("cbp", mtrId));
    }

    [Fact]
    public async Task The_same_credential_in_a_second_presentation_adds_no_events_and_a_repeated_presentation_writes_nothing()
    {
        await using var node = await NodeTestHost.StartAsync();
        using var steel = new SteelChain(node);
        var token = await node.TenantWithTokenAsync("cbp");
        var mtr = steel.MillTestReport();
        var first = steel.Present(await ChallengeAsync(node, "cbp", token), null, mtr);
        Assert.Equal(HttpStatusCode.Accepted, (await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations", token, first)).Response.StatusCode);
        var version = await node.Services.Store.TwinEvents.GetVersionAsync("cbp", SteelChain.Coil);
        Assert.True(version > 0);

        var second = steel.Present(await ChallengeAsync(node, "cbp", token), null, mtr, steel.BillOfLading());
        Assert.Equal(HttpStatusCode.Accepted, (await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations", token, second)).Response.StatusCode);
        var events = await node.Services.Store.TwinEvents.ReadStreamAsync("cbp", SteelChain.Coil);
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
        var afterSecond = events.Count;
        Assert.True(afterSecond > version);

        var (repeat, _) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations", token, second);
        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
        Assert.Equal(afterSecond, await node.Services.Store.TwinEvents.GetVersionAsync("cbp", SteelChain.Coil));
    }

    [Fact]
    public async Task Handlers_run_after_the_commit_in_order_and_a_failing_handler_does_not_undo_the_submission()
    {
        await using var node = await NodeTestHost.StartAsync();
        using var steel = new SteelChain(node);
        var token = await node.TenantWithTokenAsync("cbp");
        var seen = new List<string>();
        node.Services.AddPresentationReceivedHandler(new Recording("failing", seen, node, fail: true));
        node.Services.AddPresentationReceivedHandler(new Recording("second", seen, node, fail: false));
        var presentation = steel.Present(await ChallengeAsync(node, "cbp", token), null, steel.MillTestReport());

        var (response, body) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations", token, presentation);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal(["failing:cbp:" + id + ":committed", "second:cbp:" + id + ":committed"], seen);
    }

    [Fact]
    public async Task An_invalid_presentation_leaves_inbox_credentials_and_twins_unchanged()
    {
        await using var node = await NodeTestHost.StartAsync();
        using var steel = new SteelChain(node);
        var token = await node.TenantWithTokenAsync("cbp");
        var mtr = steel.MillTestReport();
        var tampered = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(mtr).Replace("48250", "58250", StringComparison.Ordinal));
        var presentation = steel.Present(await ChallengeAsync(node, "cbp", token), null, tampered);

        var (response, body) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations", token, presentation);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.NotEmpty(body.GetProperty("problems").EnumerateArray());
        Assert.Equal(0, await node.Services.Store.TwinEvents.GetVersionAsync("cbp", SteelChain.Coil));
        Assert.Empty(await node.Services.Store.Presentations.ListAsync("cbp"));
        Assert.Empty(await node.Services.Store.Credentials.ListAsync("cbp", Storage.CredentialDirection.Received));
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_first_202_and_refuses_another_body_under_the_same_key()
    {
        await using var node = await NodeTestHost.StartAsync();
        using var steel = new SteelChain(node);
        var token = await node.TenantWithTokenAsync("cbp");
        var calls = new List<string>();
        node.Services.AddPresentationReceivedHandler(new Recording("h", calls, node, fail: false));
        var presentation = steel.Present(await ChallengeAsync(node, "cbp", token), null, steel.MillTestReport());

        var (first, firstBody, firstReplayed) = await PostWithKeyAsync(node, token, "key-1", presentation);
        Assert.Equal(HttpStatusCode.Accepted, first);
        Assert.False(firstReplayed);
        var version = await node.Services.Store.TwinEvents.GetVersionAsync("cbp", SteelChain.Coil);
        Assert.True(version > 0);

        var (again, againBody, replayed) = await PostWithKeyAsync(node, token, "key-1", presentation);
        Assert.Equal(HttpStatusCode.Accepted, again);
        Assert.True(replayed);
        Assert.Equal(firstBody, againBody);
        Assert.Equal(version, await node.Services.Store.TwinEvents.GetVersionAsync("cbp", SteelChain.Coil));
        Assert.Single(calls);

        var other = steel.Present(await ChallengeAsync(node, "cbp", token), null, steel.BillOfLading());
        var (mismatch, _, _) = await PostWithKeyAsync(node, token, "key-1", other);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mismatch);
        var (withoutKey, _) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations", token, presentation);
        Assert.Equal(HttpStatusCode.Conflict, withoutKey.StatusCode);
        var (newKeySameId, _, _) = await PostWithKeyAsync(node, token, "key-2", presentation);
        Assert.Equal(HttpStatusCode.Conflict, newKeySameId);
        Assert.Single(await node.Services.Store.Presentations.ListAsync("cbp"));
    }

    private static async Task<(HttpStatusCode Status, string Body, bool Replayed)> PostWithKeyAsync(NodeTestHost node, string token, string key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/organizations/cbp/presentations", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await node.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true"));
    }

    private sealed class Recording(string name, List<string> seen, NodeTestHost node, bool fail) : IPresentationReceivedHandler
    {
        public async ValueTask OnPresentationReceivedAsync(PresentationReceived received, CancellationToken cancellationToken)
        {
            // Committed: the inbox answers from outside the unit of work.
            var stored = await node.Services.Store.Presentations.GetAsync(received.TenantId, received.Presentation.Id, cancellationToken);
            Assert.Contains(SteelChain.Coil, received.TwinIds);
            Assert.NotEmpty(received.Events);
            seen.Add($"{name}:{received.TenantId}:{received.Presentation.Id}:{(stored is null ? "missing" : "committed")}");
            if (fail)
            {
                throw new InvalidOperationException("handler failure");
            }
        }
    }
}
