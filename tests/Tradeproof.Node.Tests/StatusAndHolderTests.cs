using System.Net;
using System.Text.Json;
using Tradeproof.Storage;

namespace Tradeproof.Node.Tests;

/// <summary>
/// Status lists served by the node and <c>POST /credentials/status</c> end to end (verify then says revoked or
/// suspended, from the store, without network), <c>POST /presentations/prove</c>, and the challenge checked with its
/// domain.
/// </summary>
public sealed class StatusAndHolderTests
{
    private const string Issue = "/organizations/acme/credentials/issue";
    private const string Verify = "/organizations/acme/credentials/verify";
    private const string Status = "/organizations/acme/credentials/status";

    private static string StatusBody(string id, string purpose, bool status) =>
        "{\"credentialId\":\"" + id + "\",\"credentialStatus\":{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"" + purpose + "\"},\"status\":" + (status ? "true" : "false") + "}";

    private static async Task<JsonElement> IssueWithStatusAsync(NodeTestHost node, string token, string purposes = "{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"revocation\"}", string extra = "")
    {
        var (response, body) = await node.SendAsync(HttpMethod.Post, Issue, token, VcApiLifecycleTests.IssueBody("{\"credentialStatus\":" + purposes + extra + "}"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return body.GetProperty("verifiableCredential");
    }

    [Fact]
    public async Task Revoking_an_issued_credential_makes_verify_say_revoked_and_the_list_is_served_signed_without_a_token()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var vc = await IssueWithStatusAsync(node, token);
        var entry = vc.GetProperty("credentialStatus");
        Assert.Equal("BitstringStatusListEntry", entry.GetProperty("type").GetString());
        Assert.Equal("http://localhost:5080/organizations/acme/status-lists/revocation-1", entry.GetProperty("statusListCredential").GetString());
        var verifyBody = "{\"verifiableCredential\":" + vc.GetRawText() + "}";

        var (valid, result) = await node.SendAsync(HttpMethod.Post, Verify, token, verifyBody);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Contains(result.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "status" && c.GetProperty("outcome").GetString() == "passed");

        var (list, listBody) = await node.SendAsync(HttpMethod.Get, "/organizations/acme/status-lists/revocation-1");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("BitstringStatusListCredential", listBody.GetProperty("type").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("did:web:localhost%3A5080:organizations:acme", listBody.GetProperty("issuer").GetString());
        Assert.Equal(TenantStatusLists.TtlMilliseconds, listBody.GetProperty("credentialSubject").GetProperty("ttl").GetInt64());
        Assert.Equal("eddsa-rdfc-2022", listBody.GetProperty("proof").GetProperty("cryptosuite").GetString());

        var (revoked, answer) = await node.SendAsync(HttpMethod.Post, Status, token, StatusBody(vc.GetProperty("id").GetString()!, "revocation", true));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.True(answer.GetProperty("status").GetBoolean());
        Assert.Equal(entry.GetProperty("statusListIndex").GetString(), answer.GetProperty("credentialStatus").GetProperty("statusListIndex").GetString());

        var (invalid, problem) = await node.SendAsync(HttpMethod.Post, Verify, token, verifyBody);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Contains(problem.GetProperty("verification").GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "status" && c.GetProperty("outcome").GetString() == "failed");

        // The list was regenerated with the bit set; a revocation is permanent.
        var (_, after) = await node.SendAsync(HttpMethod.Get, "/organizations/acme/status-lists/revocation-1");
        Assert.NotEqual(listBody.GetProperty("credentialSubject").GetProperty("encodedList").GetString(), after.GetProperty("credentialSubject").GetProperty("encodedList").GetString());
        var (byId, sameList) = await node.SendAsync(HttpMethod.Get, "/organizations/acme/credentials/" + Uri.EscapeDataString(entry.GetProperty("statusListCredential").GetString()!), token);
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal(after.GetRawText(), sameList.GetRawText());
        var beta = await node.TenantWithTokenAsync("beta");
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Get, "/organizations/beta/credentials/" + Uri.EscapeDataString(entry.GetProperty("statusListCredential").GetString()!), beta)).Response.StatusCode);
        var (undo, _) = await node.SendAsync(HttpMethod.Post, Status, token, StatusBody(vc.GetProperty("id").GetString()!, "revocation", false));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, undo.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Get, "/organizations/acme/status-lists/revocation-9")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Get, "/organizations/nobody/status-lists/revocation-1")).Response.StatusCode);
    }

    [Fact]
    public async Task Suspension_is_reversible_also_for_a_vc_jwt_and_a_did_key_issuer()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var didKey = await node.Administration.AddKeyAsync("acme", Cryptography.KeyType.P256, asDidKey: true);
        var credential = "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiableCredential\"],\"issuer\":\"" + didKey.Did + "\",\"credentialSubject\":{\"id\":\"did:example:coil-42\"}}";
        var (response, body) = await node.SendAsync(HttpMethod.Post, Issue, token, VcApiLifecycleTests.IssueBody("{\"format\":\"vc+jwt\",\"credentialStatus\":[{\"statusPurpose\":\"suspension\"}]}", credential));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var envelope = body.GetProperty("verifiableCredential");
        var verifyBody = "{\"verifiableCredential\":" + envelope.GetRawText() + "}";
        var id = Assert.Single(await node.Services.Store.Credentials.ListAsync("acme", CredentialDirection.Issued)).Id;

        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Post, Verify, token, verifyBody)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Post, Status, token, StatusBody(id, "suspension", true))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await node.SendAsync(HttpMethod.Post, Verify, token, verifyBody)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Post, Status, token, StatusBody(id, "suspension", false))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Post, Verify, token, verifyBody)).Response.StatusCode);
    }

    [Fact]
    public async Task Status_indexes_are_never_reused_and_a_failed_issuance_spends_none()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var first = await IssueWithStatusAsync(node, token);
        var undefinedTerm = "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiableCredential\",\"NoSuchType\"],\"credentialSubject\":{\"id\":\"did:example:1\"}}";
        var (failed, _) = await node.SendAsync(HttpMethod.Post, Issue, token, VcApiLifecycleTests.IssueBody("{\"credentialStatus\":{\"statusPurpose\":\"revocation\"}}", undefinedTerm));
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        var second = await IssueWithStatusAsync(node, token);
        Assert.Equal("0", first.GetProperty("credentialStatus").GetProperty("statusListIndex").GetString());
        Assert.Equal("1", second.GetProperty("credentialStatus").GetProperty("statusListIndex").GetString());
        Assert.Equal(2, (await node.Services.Store.StatusLists.GetAsync("acme", "revocation-1"))!.AllocatedCount);
    }

    [Fact]
    public async Task Status_requests_are_refused_with_problems_and_change_nothing()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var beta = await node.TenantWithTokenAsync("beta");
        var reader = await node.Administration.AddClientAsync("acme", [Scopes.ReadCredentials]);
        var readOnly = await node.TokenAsync(reader.ClientId, reader.ClientSecret);
        var vc = await IssueWithStatusAsync(node, token);
        var id = vc.GetProperty("id").GetString()!;
        var (_, plain) = await node.SendAsync(HttpMethod.Post, Issue, token, VcApiLifecycleTests.IssueBody());

        Assert.Equal(HttpStatusCode.Unauthorized, (await node.SendAsync(HttpMethod.Post, Status, json: StatusBody(id, "revocation", true))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Post, Status, beta, StatusBody(id, "revocation", true))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Post, "/organizations/beta/credentials/status", beta, StatusBody(id, "revocation", true))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await node.SendAsync(HttpMethod.Post, Status, readOnly, StatusBody(id, "revocation", true))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Post, Status, token, StatusBody("urn:uuid:00000000-0000-4000-8000-000000000000", "revocation", true))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await node.SendAsync(HttpMethod.Post, Status, token, StatusBody(id, "suspension", true))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await node.SendAsync(HttpMethod.Post, Status, token, StatusBody(plain.GetProperty("verifiableCredential").GetProperty("id").GetString()!, "revocation", true))).Response.StatusCode);
        foreach (var bad in new[]
        {
            "[]",
            "{\"credentialId\":\"" + id + "\",\"status\":true}",
            "{\"credentialId\":\"" + id + "\",\"credentialStatus\":{\"statusPurpose\":\"revocation\"},\"status\":\"yes\"}",
            "{\"credentialId\":\"" + id + "\",\"credentialStatus\":{\"statusPurpose\":\"message\"},\"status\":true}",
            "{\"credentialId\":\"" + id + "\",\"credentialStatus\":{\"type\":7,\"statusPurpose\":\"revocation\"},\"status\":true}",
            "{\"credentialId\":\"" + id + "\",\"credentialStatus\":{\"statusPurpose\":\"revocation\"},\"status\":true,\"extra\":1}",
        })
        {
            var (response, problem) = await node.SendAsync(HttpMethod.Post, Status, token, bad);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, bad + " → " + response.StatusCode);
            Assert.Equal(400, problem.GetProperty("status").GetInt32());
        }

        var list = await node.Services.Store.StatusLists.GetAsync("acme", "revocation-1");
        Assert.All(list!.Bitstring.ToArray(), b => Assert.Equal(0, b));
        var (final, finalBody) = await node.SendAsync(HttpMethod.Post, Verify, token, "{\"verifiableCredential\":" + vc.GetRawText() + "}");
        Assert.True(final.StatusCode == HttpStatusCode.OK, finalBody.ToString());
    }

    [Fact]
    public async Task Prove_signs_with_the_challenge_and_domain_and_the_challenge_is_consumed_only_for_its_domain()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var (_, issued) = await node.SendAsync(HttpMethod.Post, Issue, token, VcApiLifecycleTests.IssueBody());
        var (_, challengeBody) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/challenges", token, "{\"domain\":\"https://customs.example.gov\"}");
        var challenge = challengeBody.GetProperty("challenge").GetString()!;
        var presentation = "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiablePresentation\"],\"verifiableCredential\":[" + issued.GetProperty("verifiableCredential").GetRawText() + "]}";

        async Task<JsonElement> ProveAsync(string domain, string format = "")
        {
            var (proved, body) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/presentations/prove", token,
                "{\"presentation\":" + presentation + ",\"options\":{\"challenge\":\"" + challenge + "\",\"domain\":\"" + domain + "\"" + format + "}}");
            Assert.Equal(HttpStatusCode.Created, proved.StatusCode);
            return body.GetProperty("verifiablePresentation");
        }

        string VerifyBody(JsonElement vp, string domain) =>
            "{\"verifiablePresentation\":" + vp.GetRawText() + ",\"options\":{\"challenge\":\"" + challenge + "\",\"domain\":\"" + domain + "\"}}";

        // Signed for another domain: refused, and the challenge is not spent.
        var elsewhere = await ProveAsync("https://elsewhere.example");
        Assert.Equal("did:web:localhost%3A5080:organizations:acme", elsewhere.GetProperty("holder").GetString());
        Assert.Equal("authentication", elsewhere.GetProperty("proof").GetProperty("proofPurpose").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await node.SendAsync(HttpMethod.Post, "/organizations/acme/presentations/verify", token, VerifyBody(elsewhere, "https://elsewhere.example"))).Response.StatusCode);

        var vp = await ProveAsync("https://customs.example.gov");
        Assert.Equal(challenge, vp.GetProperty("proof").GetProperty("challenge").GetString());
        var (ok, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/presentations/verify", token, VerifyBody(vp, "https://customs.example.gov"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await node.SendAsync(HttpMethod.Post, "/organizations/acme/presentations/verify", token, VerifyBody(vp, "https://customs.example.gov"))).Response.StatusCode);

        // A VP-JWT carries the challenge as nonce and the domain as aud.
        var (_, second) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/challenges", token, "{\"domain\":\"https://customs.example.gov\"}");
        challenge = second.GetProperty("challenge").GetString()!;
        var jwt = await ProveAsync("https://customs.example.gov", ",\"format\":\"vp+jwt\"");
        Assert.Equal("EnvelopedVerifiablePresentation", jwt.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Post, "/organizations/acme/presentations/verify", token, VerifyBody(jwt, "https://customs.example.gov"))).Response.StatusCode);

        // Bad input: a proof already, a foreign holder, an unknown option, no token.
        var (signedAlready, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/presentations/prove", token, "{\"presentation\":" + vp.GetRawText() + "}");
        Assert.Equal(HttpStatusCode.BadRequest, signedAlready.StatusCode);
        var foreignHolder = presentation.Replace("\"type\"", "\"holder\":\"did:example:someone\",\"type\"", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await node.SendAsync(HttpMethod.Post, "/organizations/acme/presentations/prove", token, "{\"presentation\":" + foreignHolder + "}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await node.SendAsync(HttpMethod.Post, "/organizations/acme/presentations/prove", token, "{\"presentation\":" + presentation + ",\"options\":{\"proofPurpose\":\"assertionMethod\"}}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.SendAsync(HttpMethod.Post, "/organizations/acme/presentations/prove", json: "{\"presentation\":" + presentation + "}")).Response.StatusCode);
        var beta = await node.TenantWithTokenAsync("beta");
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Post, "/organizations/acme/presentations/prove", beta, "{\"presentation\":" + presentation + "}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/derive", beta, "{\"verifiableCredential\":{}}")).Response.StatusCode);
        var verifier = await node.Administration.AddClientAsync("acme", [Scopes.VerifyPresentations]);
        var verifyOnly = await node.TokenAsync(verifier.ClientId, verifier.ClientSecret);
        Assert.Equal(HttpStatusCode.Forbidden, (await node.SendAsync(HttpMethod.Post, "/organizations/acme/presentations/prove", verifyOnly, "{\"presentation\":" + presentation + "}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/derive", verifyOnly, "{\"verifiableCredential\":{}}")).Response.StatusCode);
    }

    [Fact]
    public async Task The_store_consumes_a_challenge_only_with_the_domain_it_was_issued_for()
    {
        await using var node = await NodeTestHost.StartAsync();
        await node.Administration.AddTenantAsync("acme", null, publicVerification: false);
        var challenges = node.Services.Store.Challenges;
        var expires = node.Services.Time.GetUtcNow().AddMinutes(5);
        Assert.True(await challenges.IssueAsync("acme", "bound", expires, "https://customs.example.gov"));
        Assert.True(await challenges.IssueAsync("acme", "free", expires));
        Assert.Equal(ChallengeOutcome.DomainMismatch, await challenges.ConsumeAsync("acme", "bound", "https://elsewhere.example"));
        Assert.Equal(ChallengeOutcome.DomainMismatch, await challenges.ConsumeAsync("acme", "bound", null));
        Assert.Equal(ChallengeOutcome.Consumed, await challenges.ConsumeAsync("acme", "bound", "https://customs.example.gov"));
        Assert.Equal(ChallengeOutcome.AlreadyConsumed, await challenges.ConsumeAsync("acme", "bound", "https://customs.example.gov"));
        Assert.Equal(ChallengeOutcome.Consumed, await challenges.ConsumeAsync("acme", "free", "https://anywhere.example"));
        Assert.Equal(ChallengeOutcome.Unknown, await challenges.ConsumeAsync("acme", "never", "https://customs.example.gov"));
    }
}
