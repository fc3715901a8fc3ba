using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tradeproof.Node.Tests;

/// <summary>
/// Traceability interoperability exchange (presentations/available, /submissions), the twin read API (search, state,
/// timeline, events) and the inbox (list, entry): answers, paging, and refusals (401, 403, 404 across tenants, 409, 422).
/// </summary>
public sealed class TraceabilityApiTests
{
    private const string Domain = "http://localhost:5080/organizations/cbp";

    private static async Task<string> ChallengeAsync(NodeTestHost node, string tenant, string token)
    {
        var (response, body) = await node.SendAsync(HttpMethod.Post, $"/organizations/{tenant}/challenges", token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return body.GetProperty("challenge").GetString()!;
    }

    private static async Task<(string Challenge, string Domain)> AvailableAsync(NodeTestHost node, string token, string? body = null)
    {
        var (response, answer) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations/available", token, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (answer.GetProperty("challenge").GetString()!, answer.GetProperty("domain").GetString()!);
    }

    [Fact]
    public async Task Available_answers_a_query_with_a_challenge_and_the_tenant_domain()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("cbp");
        var query = """{"query":[{"type":"QueryByExample","credentialQuery":[{"type":["VerifiableCredential","MillTestReportCredential"],"reason":"Entry 12345"}]}]}""";
        var (response, answer) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations/available", token, query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Domain, answer.GetProperty("domain").GetString());
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("challenge").GetString()));
        Assert.Equal("QueryByExample", answer.GetProperty("query")[0].GetProperty("type").GetString());

        var (empty, defaultAnswer) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations/available", token);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.NotEqual(answer.GetProperty("challenge").GetString(), defaultAnswer.GetProperty("challenge").GetString());
        Assert.Equal(JsonValueKind.Array, defaultAnswer.GetProperty("query").ValueKind);

        var (bad, _) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations/available", token, """{"query":"all"}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var (anonymous, _) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations/available", json: query);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_submission_signed_with_the_exchange_challenge_and_domain_is_stored_and_answered_with_its_verification()
    {
        await using var node = await NodeTestHost.StartAsync();
        using var steel = new SteelChain(node);
        var token = await node.TenantWithTokenAsync("cbp");
        var (challenge, domain) = await AvailableAsync(node, token);
        var presentation = steel.Present(challenge, domain, steel.MillTestReport());

        var (response, result) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations/submissions", token, presentation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(result.GetProperty("verified").GetBoolean());
        Assert.NotEmpty(result.GetProperty("checks").EnumerateArray());
        var id = JsonNode.Parse(presentation)!["id"]!.GetValue<string>();
        Assert.NotNull(await node.Services.Store.Presentations.GetAsync("cbp", id));

        var (repeat, _) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations/submissions", token, "{\"verifiablePresentation\":" + presentation + "}");
        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
    }

    [Fact]
    public async Task A_submission_with_another_domain_or_without_the_challenge_is_422_and_not_stored()
    {
        await using var node = await NodeTestHost.StartAsync();
        using var steel = new SteelChain(node);
        var token = await node.TenantWithTokenAsync("cbp");
        var (challenge, _) = await AvailableAsync(node, token);
        var otherDomain = steel.Present(challenge, "https://elsewhere.example", steel.MillTestReport());
        var (wrong, problem) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations/submissions", token, otherDomain);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Equal(422, problem.GetProperty("status").GetInt32());

        var unbound = steel.Present(null, null, steel.MillTestReport());
        var (missing, _) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations/submissions", token, unbound);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);

        var (notJson, _) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations/submissions", token, "[1,2]");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Empty(await node.Services.Store.Presentations.ListAsync("cbp"));
        Assert.Equal(0, await node.Services.Store.TwinEvents.GetVersionAsync("cbp", SteelChain.Coil));
    }

    [Fact]
    public async Task The_steel_chain_submitted_as_presentations_gives_a_twin_with_its_custody_chain_and_timeline()
    {
        await using var node = await NodeTestHost.StartAsync();
        using var steel = new SteelChain(node);
        var token = await node.TenantWithTokenAsync("cbp");

        // The importer presents the mill's, the exporter's and the carrier's documents; then the hand-over, in an exchange.
        var documents = steel.Present(await ChallengeAsync(node, "cbp", token), null, steel.MillTestReport(), steel.UsmcaCertificate(), steel.BillOfLading());
        Assert.Equal(HttpStatusCode.Accepted, (await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations", token, documents)).Response.StatusCode);
        var (challenge, domain) = await AvailableAsync(node, token);
        var handOver = steel.Present(steel.Carrier, challenge, domain, [steel.HandOver(steel.Carrier)]);
        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations/submissions", token, handOver)).Response.StatusCode);

        var (response, twin) = await node.SendAsync(HttpMethod.Get, "/organizations/cbp/twins/" + SteelChain.Coil, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SteelChain.Coil, twin.GetProperty("id").GetString());
        var what = twin.GetProperty("what");
        Assert.Equal(48250m, what.GetProperty("quantity").GetDecimal());
        Assert.Contains(what.GetProperty("origins").EnumerateArray(), o => o.GetProperty("kind").GetString() == "countryOfMeltAndPour" && o.GetProperty("country").GetString() == "MX");
        var who = twin.GetProperty("who");
        var custody = who.GetProperty("custodyChain").EnumerateArray().ToList();
        Assert.Equal([steel.Carrier.Did, steel.Importer.Did], custody.Select(t => t.GetProperty("to").GetProperty("id").GetString()));
        Assert.Equal(steel.Mill.Did, custody[0].GetProperty("from").GetProperty("id").GetString());
        Assert.Equal(steel.Importer.Did, who.GetProperty("custodian").GetProperty("id").GetString());
        Assert.Contains("USLRD", twin.GetProperty("where").GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.Empty(twin.GetProperty("issues").EnumerateArray());
        var total = twin.GetProperty("events").GetInt32();

        // The timeline: every event in business-time order, paged.
        var times = new List<DateTimeOffset>();
        int? offset = 0;
        while (offset is { } o)
        {
            var (page, body) = await node.SendAsync(HttpMethod.Get, $"/organizations/cbp/twins/{SteelChain.Coil}/timeline?offset={o}&limit=2", token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(total, body.GetProperty("total").GetInt32());
            times.AddRange(body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("time").GetDateTimeOffset()));
            offset = body.GetProperty("next").ValueKind == JsonValueKind.Null ? null : body.GetProperty("next").GetInt32();
        }

        Assert.Equal(total, times.Count);
        Assert.Equal(times.Order(), times);
        Assert.Contains(times, t => t == new DateTimeOffset(2026, 7, 4, 15, 0, 0, TimeSpan.Zero));

        // The stored stream: versions 1..n, dense, paged by version.
        var (events, stream) = await node.SendAsync(HttpMethod.Get, $"/organizations/cbp/twins/{SteelChain.Coil}/events?from=2&limit=3", token);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Equal([2L, 3L, 4L], stream.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal(5, stream.GetProperty("next").GetInt64());
        Assert.True(stream.GetProperty("version").GetInt64() >= total);
    }

    [Fact]
    public async Task Twin_search_by_subject_type_and_text_with_paging()
    {
        await using var node = await NodeTestHost.StartAsync();
        using var steel = new SteelChain(node);
        var token = await node.TenantWithTokenAsync("cbp");
        var documents = steel.Present(await ChallengeAsync(node, "cbp", token), null, steel.MillTestReport(), steel.BillOfLading());
        Assert.Equal(HttpStatusCode.Accepted, (await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations", token, documents)).Response.StatusCode);

        static List<string> Ids(JsonElement body) => [.. body.GetProperty("twins").EnumerateArray().Select(t => t.GetProperty("id").GetString()!)];

        var (all, everything) = await node.SendAsync(HttpMethod.Get, "/organizations/cbp/twins", token);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var allIds = Ids(everything);
        Assert.Contains(SteelChain.Coil, allIds);
        Assert.Contains(SteelChain.Heat, allIds);
        Assert.Equal(allIds.Order(StringComparer.Ordinal), allIds);

        var (_, bySubject) = await node.SendAsync(HttpMethod.Get, "/organizations/cbp/twins?subject=" + SteelChain.Heat, token);
        Assert.Contains(SteelChain.Heat, Ids(bySubject));
        Assert.Contains(SteelChain.Coil, Ids(bySubject));

        var (_, byType) = await node.SendAsync(HttpMethod.Get, "/organizations/cbp/twins?type=BillOfLadingCredential", token);
        Assert.Contains(SteelChain.Coil, Ids(byType));
        Assert.DoesNotContain(SteelChain.Heat, Ids(byType));
        var (_, byEventType) = await node.SendAsync(HttpMethod.Get, "/organizations/cbp/twins?type=custodyTransferred", token);
        Assert.Equal(Ids(byType).Where(id => id == SteelChain.Coil), Ids(byEventType).Where(id => id == SteelChain.Coil));

        var (_, byText) = await node.SendAsync(HttpMethod.Get, "/organizations/cbp/twins?q=hot-rolled%20STEEL", token);
        Assert.Contains(SteelChain.Coil, Ids(byText));
        var (_, nothing) = await node.SendAsync(HttpMethod.Get, "/organizations/cbp/twins?q=bananas", token);
        Assert.Empty(Ids(nothing));

        // Paging: one at a time, following next, gives the whole list.
        var paged = new List<string>();
        string? after = null;
        do
        {
            var (_, page) = await node.SendAsync(HttpMethod.Get, "/organizations/cbp/twins?limit=1" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)), token);
            paged.AddRange(Ids(page));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }
        while (after is not null && paged.Count <= allIds.Count);

        Assert.Equal(allIds, paged);
    }

    [Fact]
    public async Task Twin_and_inbox_reads_refuse_missing_tokens_scopes_other_tenants_unknown_ids_and_bad_paging()
    {
        await using var node = await NodeTestHost.StartAsync();
        using var steel = new SteelChain(node);
        var token = await node.TenantWithTokenAsync("cbp");
        var other = await node.TenantWithTokenAsync("acme");
        var client = await node.Administration.AddClientAsync("cbp", [Scopes.SubmitPresentations]);
        var narrow = await node.TokenAsync(client.ClientId, client.ClientSecret);
        var presentation = steel.Present(await ChallengeAsync(node, "cbp", token), null, steel.MillTestReport());
        var (_, receipt) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations", token, presentation);
        var presentationId = receipt.GetProperty("id").GetString()!;

        foreach (var path in new[] { "/organizations/cbp/twins", $"/organizations/cbp/twins/{SteelChain.Coil}", $"/organizations/cbp/twins/{SteelChain.Coil}/timeline", $"/organizations/cbp/twins/{SteelChain.Coil}/events", "/organizations/cbp/inbox", $"/organizations/cbp/inbox/{presentationId}" })
        {
            Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Get, path, token)).Response.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await node.SendAsync(HttpMethod.Get, path)).Response.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await node.SendAsync(HttpMethod.Get, path, narrow)).Response.StatusCode);
            var (foreign, problem) = await node.SendAsync(HttpMethod.Get, path, other);
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
            Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);
            Assert.Equal(404, problem.GetProperty("status").GetInt32());
        }

        // The other tenant's own view has no such twin or presentation either.
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Get, $"/organizations/acme/twins/{SteelChain.Coil}", other)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Get, $"/organizations/acme/inbox/{presentationId}", other)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Get, "/organizations/cbp/twins/NO-SUCH-COIL", token)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Get, "/organizations/cbp/twins/NO-SUCH-COIL/events", token)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Get, "/organizations/cbp/inbox/urn:uuid:00000000-0000-4000-8000-000000000000", token)).Response.StatusCode);

        foreach (var query in new[] { "/organizations/cbp/twins?limit=0", "/organizations/cbp/twins?limit=101", "/organizations/cbp/twins?limit=abc", "/organizations/cbp/twins?limit=1&limit=2",
                     $"/organizations/cbp/twins/{SteelChain.Coil}/events?from=0", $"/organizations/cbp/twins/{SteelChain.Coil}/timeline?offset=-1", "/organizations/cbp/inbox?after=-5", "/organizations/cbp/inbox?limit=1000" })
        {
            var (response, problem) = await node.SendAsync(HttpMethod.Get, query, token);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(400, problem.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task The_inbox_lists_presentations_in_arrival_order_and_shows_one_with_its_checks_and_credentials()
    {
        await using var node = await NodeTestHost.StartAsync();
        using var steel = new SteelChain(node);
        var token = await node.TenantWithTokenAsync("cbp");
        var mtr = steel.MillTestReport();
        var ids = new List<string>();
        foreach (var credentials in new[] { new[] { mtr }, [steel.BillOfLading()], [steel.UsmcaCertificate()] })
        {
            var (_, receipt) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations", token, steel.Present(await ChallengeAsync(node, "cbp", token), null, credentials));
            ids.Add(receipt.GetProperty("id").GetString()!);
        }

        var listed = new List<JsonElement>();
        long? after = 0;
        while (after is { } a)
        {
            var (response, page) = await node.SendAsync(HttpMethod.Get, $"/organizations/cbp/inbox?limit=2&after={a}", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(page.GetProperty("presentations").GetArrayLength() <= 2);
            listed.AddRange(page.GetProperty("presentations").EnumerateArray());
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
        }

        Assert.Equal(ids, listed.Select(p => p.GetProperty("id").GetString()));
        Assert.All(listed, p =>
        {
            Assert.Equal(steel.Importer.Did, p.GetProperty("holder").GetString());
            Assert.Equal("valid", p.GetProperty("outcome").GetString());
            Assert.True(p.GetProperty("verified").GetBoolean());
            Assert.Equal(1, p.GetProperty("credentials").GetInt32());
        });

        var (entryResponse, entry) = await node.SendAsync(HttpMethod.Get, "/organizations/cbp/inbox/" + Uri.EscapeDataString(ids[0]), token);
        Assert.Equal(HttpStatusCode.OK, entryResponse.StatusCode);
        Assert.Equal(ids[0], entry.GetProperty("id").GetString());
        Assert.True(entry.GetProperty("verification").GetProperty("verified").GetBoolean());
        Assert.NotEmpty(entry.GetProperty("verification").GetProperty("checks").EnumerateArray());
        var credential = Assert.Single(entry.GetProperty("credentials").EnumerateArray());
        Assert.Equal(JsonNode.Parse(mtr)!["id"]!.GetValue<string>(), credential.GetProperty("id").GetString());
        Assert.Equal(steel.Mill.Did, credential.GetProperty("issuer").GetString());
        Assert.True(credential.GetProperty("verification").GetProperty("verified").GetBoolean());
        Assert.Equal("MillTestReportCredential", credential.GetProperty("credential").GetProperty("type")[1].GetString());
        Assert.Equal(ids[0], entry.GetProperty("presentation").GetProperty("id").GetString());
    }
}
