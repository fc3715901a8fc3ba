using System.Net;
using System.Text;
using System.Text.Json;
using Tradeproof.Storage;
using Tradeproof.Trade.Presentations;

namespace Tradeproof.Node.Tests;

/// <summary>
/// The customs single window across two in-process nodes on real loopback ports (Kestrel, did:web resolved over HTTP
/// through the loopback allowlist): a broker's node files the steel entry with CBP's node; CBP verifies, checks the
/// trust registry, runs the rules and delivers a signed provisional message into the broker's inbox. Failure twin: a
/// forged mill (not in the registry) is refused at verification (CBP's verifier consults its registry): 422 with the
/// registry's reason, nothing stored; once the registry allows that mill, the same documents are accepted.
/// </summary>
public sealed class CustomsNodeTests
{
    [Fact]
    public async Task The_steel_entry_gets_a_provisional_message_in_the_brokers_inbox_and_a_forged_mill_is_refused_at_verification()
    {
        await using var brokerNode = await LoopbackNode.StartAsync();
        await using var cbpNode = await LoopbackNode.StartAsync();
        using var steel = new SteelChain(cbpNode.Services);

        // The broker on its node; CBP on its own, with a customs profile and a trust registry.
        await brokerNode.Administration.AddTenantAsync("broker", "Border Brokerage Inc.", publicVerification: false);
        var brokerDid = brokerNode.Services.Identity.TenantDid("broker");
        await cbpNode.Administration.AddTenantAsync("cbp", "U.S. Customs and Border Protection", publicVerification: false);
        var cbp = await cbpNode.TokenAsync("cbp", Scopes.ManageCustoms, Scopes.ReadCustoms, Scopes.SubmitPresentations, Scopes.VerifyPresentations);
        Assert.Equal(HttpStatusCode.OK, (await cbpNode.SendAsync(HttpMethod.Put, "/organizations/cbp/customs/profile", cbp, """{ "role": "customs", "name": "U.S. Customs and Border Protection", "country": "US" }""")).Status);
        foreach (var (party, type) in new[] { (steel.Mill, "MillTestReportCredential"), (steel.Exporter, "USMCACertificationOfOrigin"), (steel.Carrier, "BillOfLadingCredential") })
        {
            var (status, body) = await cbpNode.SendAsync(HttpMethod.Post, "/organizations/cbp/customs/registry/allow", cbp, $$"""{ "issuer": "{{party.Did}}", "credentialTypes": ["{{type}}"] }""");
            Assert.True(status == HttpStatusCode.OK, body.ToString());
        }

        var (registryStatus, registry) = await cbpNode.SendAsync(HttpMethod.Get, "/organizations/cbp/customs/registry", cbp);
        Assert.Equal(HttpStatusCode.OK, registryStatus);
        Assert.Equal(3, registry.GetProperty("version").GetInt64());
        Assert.True(registry.TryGetProperty("proof", out _));

        // CBP may deliver into the broker's inbox: a client the broker's node issued to CBP.
        var forCbp = await brokerNode.Administration.AddClientAsync("broker", [Scopes.SubmitPresentations, Scopes.VerifyPresentations]);
        Assert.Equal(HttpStatusCode.OK, (await cbpNode.SendAsync(HttpMethod.Post, "/organizations/cbp/customs/partners", cbp, $$"""{ "did": "{{brokerDid}}", "clientId": "{{forCbp.ClientId}}", "clientSecret": "{{forCbp.ClientSecret}}" }""")).Status);

        // The broker files the entry (a presentation signed with its did:web key and CBP's challenge).
        var filing = await FileAsync(brokerNode, cbpNode, cbp, brokerDid, steel.MillTestReport(), steel.UsmcaCertificate(), steel.BillOfLading());
        var message = await DeliveredAsync(cbpNode, cbp, filing);
        Assert.Equal("may-proceed", message.GetProperty("status").GetString());
        var delivered = await brokerNode.Services.Store.Presentations.GetAsync("broker", message.GetProperty("id").GetString()!);
        Assert.NotNull(delivered);
        var (filingStatus, decision) = await cbpNode.SendAsync(HttpMethod.Get, "/organizations/cbp/customs/filings/" + Uri.EscapeDataString(filing), cbp);
        Assert.Equal(HttpStatusCode.OK, filingStatus);
        Assert.Equal("may-proceed", decision.GetProperty("decision").GetProperty("status").GetString());

        // A second filing on the warm node is delivered too.
        var warm = await FileAsync(brokerNode, cbpNode, cbp, brokerDid, steel.MillTestReport(), steel.BillOfLading());
        _ = await DeliveredAsync(cbpNode, cbp, warm);

        // The decision is on the coil's twin.
        var twin = await cbpNode.Services.Store.TwinEvents.ReadStreamAsync("cbp", SteelChain.Coil);
        Assert.Contains(twin, e => e.PayloadJson.Contains("\"customsDecision\"", StringComparison.Ordinal) || e.PayloadJson.Contains("may-proceed", StringComparison.Ordinal));

        // Failure twin: a mill key that is not in the registry. CBP's verifier consults the registry: the credential
        // fails its issuer-binding check with the registry's reason, the filing is refused (422) and nothing is kept.
        using var forgedChain = new SteelChain(brokerNode.Services);
        var inboxBefore = (await cbpNode.Services.Store.Presentations.ListAsync("cbp")).Count;
        var (refused, problem) = await SubmitAsAsync(brokerNode, "broker", cbpNode, "cbp", cbp, forgedChain.MillTestReport(), steel.BillOfLading());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.EndsWith("/verification-failed", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        var untrusted = problem.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("title").GetString() == "Issuer not trusted for this credential type");
        Assert.Contains($"does not allow {forgedChain.Mill.Did} to issue MillTestReportCredential", untrusted.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var millChecks = problem.GetProperty("verification").GetProperty("credentials")[0].GetProperty("checks").EnumerateArray();
        Assert.Equal("failed", millChecks.Single(c => c.GetProperty("name").GetString() == "issuer-binding").GetProperty("outcome").GetString());
        Assert.Equal(inboxBefore, (await cbpNode.Services.Store.Presentations.ListAsync("cbp")).Count);

        // The same documents once the registry allows that mill: the edit counts from the next verification (accepted;
        // the decision has no registry or verification reason: the two mills on one coil are the rules' business).
        var (allowed, _) = await cbpNode.SendAsync(HttpMethod.Post, "/organizations/cbp/customs/registry/allow", cbp, $$"""{ "issuer": "{{forgedChain.Mill.Did}}", "credentialTypes": ["MillTestReportCredential"] }""");
        Assert.Equal(HttpStatusCode.OK, allowed);
        var accepted = await FileAsync(brokerNode, cbpNode, cbp, brokerDid, forgedChain.MillTestReport(), steel.BillOfLading());
        var acceptedMessage = await DeliveredAsync(cbpNode, cbp, accepted);
        var acceptedReasons = acceptedMessage.GetProperty("credentials")[0].GetProperty("credentialSubject").GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.DoesNotContain("issuer-not-trusted", acceptedReasons);
        Assert.DoesNotContain("credential-not-verified", acceptedReasons);

        // ... and denied again: refused again.
        var (denied, _) = await cbpNode.SendAsync(HttpMethod.Post, "/organizations/cbp/customs/registry/deny", cbp, $$"""{ "issuer": "{{forgedChain.Mill.Did}}", "note": "test" }""");
        Assert.Equal(HttpStatusCode.OK, denied);
        var (again, againProblem) = await SubmitAsAsync(brokerNode, "broker", cbpNode, "cbp", cbp, forgedChain.MillTestReport(), steel.BillOfLading());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again);
        Assert.Contains("denies", againProblem.GetProperty("problems").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filing_routed_to_an_agency_is_held_and_the_agencys_release_makes_it_proceed()
    {
        await using var brokerNode = await LoopbackNode.StartAsync();
        await using var cbpNode = await LoopbackNode.StartAsync();
        using var steel = new SteelChain(cbpNode.Services);
        await brokerNode.Administration.AddTenantAsync("broker", "Border Brokerage Inc.", publicVerification: false);
        var brokerDid = brokerNode.Services.Identity.TenantDid("broker");
        await cbpNode.Administration.AddTenantAsync("cbp", "U.S. Customs and Border Protection", publicVerification: false);
        await cbpNode.Administration.AddTenantAsync("ita", "International Trade Administration", publicVerification: false);
        var cbpDid = cbpNode.Services.Identity.TenantDid("cbp");
        var itaDid = cbpNode.Services.Identity.TenantDid("ita");
        var cbp = await cbpNode.TokenAsync("cbp", Scopes.ManageCustoms, Scopes.ReadCustoms, Scopes.SubmitPresentations, Scopes.VerifyPresentations);
        var ita = await cbpNode.TokenAsync("ita", Scopes.ManageCustoms, Scopes.ReadCustoms);
        Assert.Equal(HttpStatusCode.OK, (await cbpNode.SendAsync(HttpMethod.Put, "/organizations/cbp/customs/profile", cbp, """{ "role": "customs", "name": "CBP" }""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await cbpNode.SendAsync(HttpMethod.Put, "/organizations/ita/customs/profile", ita, """{ "role": "agency", "name": "ITA", "agency": "DOC-ITA" }""")).Status);
        foreach (var (party, type) in new[] { (steel.Mill, "MillTestReportCredential"), (steel.Carrier, "BillOfLadingCredential"), (steel.Exporter, "USMCACertificationOfOrigin") })
        {
            Assert.Equal(HttpStatusCode.OK, (await cbpNode.SendAsync(HttpMethod.Post, "/organizations/cbp/customs/registry/allow", cbp, $$"""{ "issuer": "{{party.Did}}", "credentialTypes": ["{{type}}"] }""")).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await cbpNode.SendAsync(HttpMethod.Put, "/organizations/cbp/customs/routes", cbp, $$"""{ "routes": [ { "agency": "DOC-ITA", "node": "{{itaDid}}", "hsChapters": ["72"], "hold": true } ] }""")).Status);
        var (badRoutes, _) = await cbpNode.SendAsync(HttpMethod.Put, "/organizations/cbp/customs/routes", cbp, """{ "routes": [ { "agency": "X", "node": "nope", "hsChapters": ["72"] } ] }""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badRoutes);

        // Who may deliver where: CBP into the broker's and ITA's inboxes, ITA into CBP's.
        var forCbp = await brokerNode.Administration.AddClientAsync("broker", [Scopes.SubmitPresentations, Scopes.VerifyPresentations]);
        await cbpNode.SendAsync(HttpMethod.Post, "/organizations/cbp/customs/partners", cbp, $$"""{ "did": "{{brokerDid}}", "clientId": "{{forCbp.ClientId}}", "clientSecret": "{{forCbp.ClientSecret}}" }""");
        var itaInbox = await cbpNode.Administration.AddClientAsync("ita", [Scopes.SubmitPresentations, Scopes.VerifyPresentations]);
        await cbpNode.SendAsync(HttpMethod.Post, "/organizations/cbp/customs/partners", cbp, $$"""{ "did": "{{itaDid}}", "clientId": "{{itaInbox.ClientId}}", "clientSecret": "{{itaInbox.ClientSecret}}" }""");
        var cbpInbox = await cbpNode.Administration.AddClientAsync("cbp", [Scopes.SubmitPresentations, Scopes.VerifyPresentations]);
        await cbpNode.SendAsync(HttpMethod.Post, "/organizations/ita/customs/partners", ita, $$"""{ "did": "{{cbpDid}}", "clientId": "{{cbpInbox.ClientId}}", "clientSecret": "{{cbpInbox.ClientSecret}}" }""");

        var filing = await FileAsync(brokerNode, cbpNode, cbp, brokerDid, steel.MillTestReport(), steel.UsmcaCertificate(), steel.BillOfLading());
        var held = await DeliveredAsync(cbpNode, cbp, filing);
        Assert.Equal("hold-for-agency-review", held.GetProperty("status").GetString());
        Assert.Equal("DOC-ITA", held.GetProperty("credentials")[0].GetProperty("credentialSubject").GetProperty("reviewingAgency").GetString());

        // The agency verifies on its own and answers; CBP turns the hold into may-proceed and tells the broker.
        for (var i = 0; i < 1200; i++)
        {
            var (_, list) = await cbpNode.SendAsync(HttpMethod.Get, "/organizations/cbp/customs/messages?kind=provisional-message&filing=" + Uri.EscapeDataString(filing), cbp);
            var messages = list.GetProperty("messages").EnumerateArray().ToList();
            if (messages.Any(m => m.GetProperty("status").GetString() == "may-proceed" && m.GetProperty("state").GetString() == OutboxStates.Delivered))
            {
                var (_, decision) = await cbpNode.SendAsync(HttpMethod.Get, "/organizations/cbp/customs/filings/" + Uri.EscapeDataString(filing), cbp);
                Assert.Equal("may-proceed", decision.GetProperty("decision").GetProperty("status").GetString());
                Assert.True(decision.GetProperty("decision").GetProperty("agencies")[0].GetProperty("released").GetBoolean());
                var (_, answers) = await cbpNode.SendAsync(HttpMethod.Get, "/organizations/ita/customs/messages?kind=pga-status", ita);
                Assert.Equal("O7", answers.GetProperty("messages")[0].GetProperty("status").GetString());
                return;
            }

            await Task.Delay(10);
        }

        var (_, all) = await cbpNode.SendAsync(HttpMethod.Get, "/organizations/cbp/customs/messages", cbp);
        var (_, agencyOut) = await cbpNode.SendAsync(HttpMethod.Get, "/organizations/ita/customs/messages", ita);
        Assert.Fail("the hold was not released: " + all + " / agency: " + agencyOut);
    }

    private static Task<string> FileAsync(LoopbackNode brokerNode, LoopbackNode cbpNode, string cbpToken, string brokerDid, params byte[][] credentials)
    {
        Assert.Equal(brokerNode.Services.Identity.TenantDid("broker"), brokerDid);
        return FileAsAsync(brokerNode, "broker", cbpNode, "cbp", cbpToken, credentials);
    }

    /// <summary>The filer (a tenant of <paramref name="brokerNode"/>) files a us-cbp-entry presentation with a customs tenant, signed with the filer's did:web key and the customs' challenge; the presentation id.</summary>
    internal static async Task<string> FileAsAsync(LoopbackNode brokerNode, string filer, LoopbackNode cbpNode, string customs, string cbpToken, params byte[][] credentials)
    {
        var (submitted, body) = await SubmitAsAsync(brokerNode, filer, cbpNode, customs, cbpToken, credentials);
        Assert.True(submitted == HttpStatusCode.Accepted, body.ToString());
        return body.GetProperty("id").GetString()!;
    }

    /// <summary>As <see cref="FileAsAsync"/>: the customs node's answer, whatever it is.</summary>
    internal static async Task<(HttpStatusCode Status, JsonElement Body)> SubmitAsAsync(LoopbackNode brokerNode, string filer, LoopbackNode cbpNode, string customs, string cbpToken, params byte[][] credentials)
    {
        var brokerDid = brokerNode.Services.Identity.TenantDid(filer);
        var (status, challenge) = await cbpNode.SendAsync(HttpMethod.Post, $"/organizations/{customs}/challenges", cbpToken, "{}");
        Assert.Equal(HttpStatusCode.Created, status);
        var unsigned = new TraceablePresentationBuilder(brokerNode.Services.Random).Build(new TraceablePresentationContent
        {
            Holder = brokerDid,
            Definitions = ["https://w3id.org/traceability#us-cbp-entry"],
            Instances = ["urn:uuid:" + Guid.NewGuid()],
            Credentials = [.. credentials.Select(c => (ReadOnlyMemory<byte>)c)],
        });
        var method = brokerDid + "#" + TenantKeys.Ed25519Fragment;
        using var key = (await TenantKeys.GetPairAsync(brokerNode.Services.Store, filer, method, CancellationToken.None))!;
        var signed = new TraceablePresentationSigner(brokerNode.Services.Engine).Sign(unsigned, key, new PresentationSigningOptions
        {
            VerificationMethod = method,
            Cryptosuite = "eddsa-jcs-2022",
            Challenge = challenge.GetProperty("challenge").GetString(),
        });
        return await cbpNode.SendAsync(HttpMethod.Post, $"/organizations/{customs}/presentations", cbpToken, Encoding.UTF8.GetString(signed));
    }

    /// <summary>Waits for the delivered provisional message of a customs tenant (default <c>cbp</c>) about a filing.</summary>
    internal static async Task<JsonElement> DeliveredAsync(LoopbackNode cbpNode, string token, string filing, string customs = "cbp")
    {
        for (var i = 0; i < 1200; i++)
        {
            var (status, body) = await cbpNode.SendAsync(HttpMethod.Get, $"/organizations/{customs}/customs/messages?kind=provisional-message&filing=" + Uri.EscapeDataString(filing), token);
            Assert.Equal(HttpStatusCode.OK, status);
            var messages = body.GetProperty("messages").EnumerateArray().ToList();
            if (messages.Count > 0 && messages[0].GetProperty("state").GetString() == OutboxStates.Delivered)
            {
                return messages[0];
            }

            if (messages.Count > 0 && messages[0].GetProperty("state").GetString() == OutboxStates.Failed)
            {
                Assert.Fail("delivery failed: " + messages[0].GetProperty("lastError").GetString());
            }

            await Task.Delay(5);
        }

        var (_, last) = await cbpNode.SendAsync(HttpMethod.Get, $"/organizations/{customs}/customs/messages", token);
        Assert.Fail("no provisional message delivered: " + last);
        return default;
    }
}
