using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Cryptography;
using Tradeproof.Dids;
using Tradeproof.Trade.Presentations;

namespace Tradeproof.Node.Tests;

/// <summary>VC-API over HTTP: issue (201), verify (200 only when valid, 422 otherwise), challenges, the inbox (409).</summary>
public sealed class VcApiTests
{
    private static string IssueBody(string? options = null) => "{\"credential\":" + NodeTestHost.Credential() + (options is null ? "" : ",\"options\":" + options) + "}";

    [Fact]
    public async Task Issue_without_options_signs_with_eddsa_rdfc_2022_as_the_tenant_and_stores_it()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var (response, body) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, IssueBody());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var vc = body.GetProperty("verifiableCredential");
        Assert.Equal("did:web:localhost%3A5080:organizations:acme", vc.GetProperty("issuer").GetString());
        Assert.StartsWith("urn:uuid:", vc.GetProperty("id").GetString());
        Assert.Equal("eddsa-rdfc-2022", vc.GetProperty("proof").GetProperty("cryptosuite").GetString());
        Assert.Equal("did:web:localhost%3A5080:organizations:acme#key-1", vc.GetProperty("proof").GetProperty("verificationMethod").GetString());
        var stored = await node.Services.Store.Credentials.GetAsync("acme", vc.GetProperty("id").GetString()!);
        Assert.NotNull(stored);
        Assert.Equal(Storage.CredentialDirection.Issued, stored.Direction);
    }

    [Fact]
    public async Task Issue_with_ecdsa_uses_the_p256_key_and_verifies()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var (response, body) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, IssueBody("{\"cryptosuite\":\"ecdsa-rdfc-2019\"}"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var vc = body.GetProperty("verifiableCredential");
        Assert.EndsWith("#key-2", vc.GetProperty("proof").GetProperty("verificationMethod").GetString());
        var (verified, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/verify", token, "{\"verifiableCredential\":" + vc.GetRawText() + "}");
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }

    [Fact]
    public async Task Issue_refuses_an_unknown_suite_and_a_foreign_issuer()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var (suite, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, IssueBody("{\"cryptosuite\":\"rot13-2025\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, suite.StatusCode);
        var foreign = "{\"credential\":{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiableCredential\"],\"issuer\":\"did:example:someone-else\",\"credentialSubject\":{\"id\":\"did:example:1\"}}}";
        var (issuer, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, foreign);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, issuer.StatusCode);
        Assert.Empty(await node.Services.Store.Credentials.ListAsync("acme", Storage.CredentialDirection.Issued));
    }

    [Fact]
    public async Task Verify_is_200_for_a_valid_credential_and_422_with_the_problems_for_a_tampered_one()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var (_, issued) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, IssueBody());
        var vc = issued.GetProperty("verifiableCredential").GetRawText();

        var (ok, result) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/verify", token, "{\"verifiableCredential\":" + vc + "}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True(result.GetProperty("verified").GetBoolean());
        Assert.Contains(result.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "transform-and-verify" && c.GetProperty("outcome").GetString() == "passed");

        var tampered = vc.Replace("Steel coil 42", "Steel coil 43", StringComparison.Ordinal);
        var (bad, problem) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/verify", token, "{\"verifiableCredential\":" + tampered + "}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.False(problem.GetProperty("verification").GetProperty("verified").GetBoolean());
        Assert.NotEmpty(problem.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task Public_verification_needs_no_token_only_when_the_tenant_opened_it()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        await node.Administration.AddTenantAsync("open", null, publicVerification: true);
        var (_, issued) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, IssueBody());
        var body = "{\"verifiableCredential\":" + issued.GetProperty("verifiableCredential").GetRawText() + "}";
        var (open, _) = await node.SendAsync(HttpMethod.Post, "/organizations/open/credentials/verify", json: body);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        var (closed, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/verify", json: body);
        Assert.Equal(HttpStatusCode.Unauthorized, closed.StatusCode);
    }

    [Fact]
    public async Task A_presentation_signed_with_our_challenge_enters_the_inbox_once_then_409()
    {
        await using var node = await NodeTestHost.StartAsync();
        var acme = await node.TenantWithTokenAsync("acme");
        var beta = await node.TenantWithTokenAsync("beta");
        var (_, issued) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acme, IssueBody());
        var credential = Encoding.UTF8.GetBytes(issued.GetProperty("verifiableCredential").GetRawText());

        var (challengeResponse, challenge) = await node.SendAsync(HttpMethod.Post, "/organizations/beta/challenges", beta);
        Assert.Equal(HttpStatusCode.Created, challengeResponse.StatusCode);
        var presentation = SignPresentation(node, credential, challenge.GetProperty("challenge").GetString()!);

        var (accepted, receipt) = await node.SendAsync(HttpMethod.Post, "/organizations/beta/presentations", beta, presentation);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var presentationId = receipt.GetProperty("id").GetString()!;
        Assert.NotNull(await node.Services.Store.Presentations.GetAsync("beta", presentationId));
        Assert.NotNull(await node.Services.Store.Credentials.GetAsync("beta", issued.GetProperty("verifiableCredential").GetProperty("id").GetString()!));

        var (repeat, conflict) = await node.SendAsync(HttpMethod.Post, "/organizations/beta/presentations", beta, presentation);
        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
        Assert.Equal(409, conflict.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_presentation_with_a_challenge_we_never_issued_is_422_and_not_stored()
    {
        await using var node = await NodeTestHost.StartAsync();
        var acme = await node.TenantWithTokenAsync("acme");
        var beta = await node.TenantWithTokenAsync("beta");
        var (_, issued) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acme, IssueBody());
        var presentation = SignPresentation(node, Encoding.UTF8.GetBytes(issued.GetProperty("verifiableCredential").GetRawText()), "made-up-challenge");
        var (response, _) = await node.SendAsync(HttpMethod.Post, "/organizations/beta/presentations", beta, presentation);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var id = JsonNode.Parse(presentation)!["id"]!.GetValue<string>();
        Assert.Null(await node.Services.Store.Presentations.GetAsync("beta", id));
    }

    [Fact]
    public async Task Presentations_verify_consumes_our_challenge_once()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var (_, issued) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, IssueBody());
        var (_, challenge) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/challenges", token);
        var value = challenge.GetProperty("challenge").GetString()!;
        var presentation = SignPresentation(node, Encoding.UTF8.GetBytes(issued.GetProperty("verifiableCredential").GetRawText()), value);
        var body = "{\"verifiablePresentation\":" + presentation + ",\"options\":{\"challenge\":\"" + value + "\"}}";

        var (first, result) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/presentations/verify", token, body);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(result.GetProperty("verified").GetBoolean());
        var (replay, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/presentations/verify", token, body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, replay.StatusCode);
    }

    private static string SignPresentation(NodeTestHost node, byte[] credential, string challenge)
    {
        using var holder = KeyPair.Generate(KeyType.Ed25519, node.Services.Random);
        var did = DidKey.Create(holder.PublicKey).ToString();
        var unsigned = new TraceablePresentationBuilder(node.Services.Random).Build(new TraceablePresentationContent
        {
            Holder = did,
            Definitions = ["urn:uuid:1f4a5b3e-8b1a-4b52-9a55-0a8f0e2f1c11"],
            Instances = ["urn:uuid:" + Guid.NewGuid().ToString()],
            Credentials = [credential],
        });
        var signed = new TraceablePresentationSigner(node.Services.Engine).Sign(unsigned, holder, new PresentationSigningOptions
        {
            VerificationMethod = did + "#" + holder.PublicKey.ToMultibase(),
            Challenge = challenge,
        });
        return Encoding.UTF8.GetString(signed);
    }
}
