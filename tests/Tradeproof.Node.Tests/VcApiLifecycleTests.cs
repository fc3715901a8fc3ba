using System.Net;
using System.Text;
using System.Text.Json;
using Tradeproof.Cryptography;

namespace Tradeproof.Node.Tests;

/// <summary>
/// The rest of the VC-API: issuer identities (did:web keys of three types, did:key), the securing mechanism chosen by
/// <c>options</c>, status lists served by the node and <c>/credentials/status</c>, derive, prove, and the challenge
/// checked with its domain.
/// </summary>
public sealed class VcApiLifecycleTests
{
    private const string Issue = "/organizations/acme/credentials/issue";
    private const string Verify = "/organizations/acme/credentials/verify";

    internal static string IssueBody(string? options = null, string? credential = null) =>
        "{\"credential\":" + (credential ?? NodeTestHost.Credential()) + (options is null ? "" : ",\"options\":" + options) + "}";

    private static string VerifyBody(JsonElement vc) => "{\"verifiableCredential\":" + vc.GetRawText() + "}";

    [Fact]
    public async Task A_new_tenant_has_ed25519_p256_and_p384_keys_and_its_did_document_lists_every_did_web_key_and_did_key_identity()
    {
        await using var node = await NodeTestHost.StartAsync();
        await node.Administration.AddTenantAsync("acme", null, publicVerification: false);
        var added = await node.Administration.AddKeyAsync("acme", KeyType.P256, asDidKey: false);
        var didKey = await node.Administration.AddKeyAsync("acme", KeyType.P384, asDidKey: true);
        Assert.Equal("did:web:localhost%3A5080:organizations:acme#key-4", added.KeyId);
        Assert.StartsWith("did:key:z", didKey.Did);

        var (response, document) = await node.SendAsync(HttpMethod.Get, "/organizations/acme/did.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var methods = document.GetProperty("verificationMethod").EnumerateArray().Select(m => m.GetProperty("id").GetString()!.Split('#')[1]).ToList();
        Assert.Equal(["key-1", "key-2", "key-3", "key-4"], methods);
        Assert.Equal(4, document.GetProperty("assertionMethod").GetArrayLength());
        Assert.Equal([didKey.Did], document.GetProperty("alsoKnownAs").EnumerateArray().Select(e => e.GetString()));
        var types = (await TenantKeys.ListAsync(node.Services.Store, "acme", default)).Select(k => k.Type).ToList();
        Assert.Equal([KeyType.Ed25519, KeyType.P256, KeyType.P384, KeyType.P256, KeyType.P384], types);
        await Assert.ThrowsAsync<ArgumentException>(async () => await node.Administration.AddKeyAsync("nobody", KeyType.Ed25519, asDidKey: false));
    }

    [Theory]
    [InlineData("eddsa-rdfc-2022", "#key-1")]
    [InlineData("eddsa-jcs-2022", "#key-1")]
    [InlineData("ecdsa-rdfc-2019", "#key-2")]
    [InlineData("ecdsa-jcs-2019", "#key-2")]
    public async Task Each_cryptosuite_issues_with_a_fitting_did_web_key_and_verifies(string suite, string fragment)
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var (response, body) = await node.SendAsync(HttpMethod.Post, Issue, token, IssueBody("{\"cryptosuite\":\"" + suite + "\"}"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var proof = body.GetProperty("verifiableCredential").GetProperty("proof");
        Assert.Equal(suite, proof.GetProperty("cryptosuite").GetString());
        Assert.EndsWith(fragment, proof.GetProperty("verificationMethod").GetString());
        var (verified, _) = await node.SendAsync(HttpMethod.Post, Verify, token, VerifyBody(body.GetProperty("verifiableCredential")));
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }

    [Fact]
    public async Task A_p384_key_is_chosen_by_verification_method_and_a_did_key_identity_by_the_credentials_issuer()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var p384 = "did:web:localhost%3A5080:organizations:acme#key-3";
        var (response, body) = await node.SendAsync(HttpMethod.Post, Issue, token, IssueBody("{\"cryptosuite\":\"ecdsa-rdfc-2019\",\"verificationMethod\":\"" + p384 + "\"}"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(p384, body.GetProperty("verifiableCredential").GetProperty("proof").GetProperty("verificationMethod").GetString());
        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Post, Verify, token, VerifyBody(body.GetProperty("verifiableCredential")))).Response.StatusCode);

        var didKey = await node.Administration.AddKeyAsync("acme", KeyType.Ed25519, asDidKey: true);
        var credential = "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiableCredential\"],\"issuer\":\"" + didKey.Did + "\",\"credentialSubject\":{\"id\":\"did:example:coil-42\"}}";
        var (asKey, keyBody) = await node.SendAsync(HttpMethod.Post, Issue, token, IssueBody(null, credential));
        Assert.Equal(HttpStatusCode.Created, asKey.StatusCode);
        var vc = keyBody.GetProperty("verifiableCredential");
        Assert.Equal(didKey.KeyId, vc.GetProperty("proof").GetProperty("verificationMethod").GetString());
        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Post, Verify, token, VerifyBody(vc))).Response.StatusCode);

        // eddsa cannot sign with the P-384 key; a key of another organisation is not ours.
        var (mismatch, _) = await node.SendAsync(HttpMethod.Post, Issue, token, IssueBody("{\"verificationMethod\":\"" + p384 + "\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        await node.Administration.AddTenantAsync("beta", null, publicVerification: false);
        var (foreign, _) = await node.SendAsync(HttpMethod.Post, Issue, token, IssueBody("{\"verificationMethod\":\"did:web:localhost%3A5080:organizations:beta#key-1\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
    }

    [Fact]
    public async Task Vc_jwt_is_answered_as_an_enveloped_credential_that_verifies_and_is_stored_as_the_token()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var (response, body) = await node.SendAsync(HttpMethod.Post, Issue, token, IssueBody("{\"format\":\"vc+jwt\"}"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var envelope = body.GetProperty("verifiableCredential");
        Assert.Equal("EnvelopedVerifiableCredential", envelope.GetProperty("type").GetString());
        var dataUrl = envelope.GetProperty("id").GetString()!;
        Assert.StartsWith("data:application/vc+jwt,", dataUrl);
        var jwt = dataUrl["data:application/vc+jwt,".Length..];
        using var header = JsonDocument.Parse(Cryptography.Encoding.Base64UrlStrict.TryDecode(jwt.Split('.')[0])!);
        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        Assert.EndsWith("#key-2", header.RootElement.GetProperty("kid").GetString());

        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Post, Verify, token, VerifyBody(envelope))).Response.StatusCode);
        var stored = Assert.Single(await node.Services.Store.Credentials.ListAsync("acme", Storage.CredentialDirection.Issued));
        Assert.Equal("application/vc+jwt", stored.MediaType);
        Assert.Equal(jwt, Encoding.ASCII.GetString(stored.Content.Span));
        Assert.EndsWith(Uri.EscapeDataString(stored.Id), response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"cryptosuite\":\"rot13-2025\"}")]
    [InlineData("{\"cryptosuite\":7}")]
    [InlineData("{\"format\":\"mdoc\"}")]
    [InlineData("{\"securingMechanism\":\"vc+jwt\",\"cryptosuite\":\"eddsa-rdfc-2022\"}")]
    [InlineData("{\"format\":\"vc+jwt\",\"securingMechanism\":\"data-integrity\"}")]
    [InlineData("{\"frobnicate\":true}")]
    [InlineData("{\"mandatoryPointers\":[\"/issuer\"]}")]
    [InlineData("{\"cryptosuite\":\"ecdsa-sd-2023\",\"mandatoryPointers\":[\"issuer\"]}")]
    [InlineData("{\"credentialStatus\":{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"refresh\"}}")]
    [InlineData("{\"credentialStatus\":{\"type\":\"StatusList2021Entry\",\"statusPurpose\":\"revocation\"}}")]
    [InlineData("{\"credentialStatus\":[{\"statusPurpose\":\"revocation\"},{\"statusPurpose\":\"revocation\"}]}")]
    [InlineData("{\"verificationMethod\":\"did:example:someone#key-1\"}")]
    public async Task Unknown_or_conflicting_options_are_400_and_issue_nothing(string options)
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var (response, problem) = await node.SendAsync(HttpMethod.Post, Issue, token, IssueBody(options));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Empty(await node.Services.Store.Credentials.ListAsync("acme", Storage.CredentialDirection.Issued));
        Assert.Null(await node.Services.Store.StatusLists.GetAsync("acme", "revocation-1"));
    }

    [Fact]
    public async Task Ecdsa_sd_2023_with_mandatory_pointers_derives_a_selective_disclosure_that_verifies()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var credential = "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiableCredential\"],\"credentialSubject\":{\"id\":\"did:example:coil-42\",\"name\":\"Steel coil 42\",\"description\":\"21 t hot-rolled\"}}";
        var (issued, body) = await node.SendAsync(HttpMethod.Post, Issue, token, IssueBody("{\"cryptosuite\":\"ecdsa-sd-2023\",\"mandatoryPointers\":[\"/issuer\"]}", credential));
        Assert.True(issued.StatusCode == HttpStatusCode.Created, body.ToString());
        var vc = body.GetProperty("verifiableCredential").GetRawText();

        var (derived, derivedBody) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/derive", token,
            "{\"verifiableCredential\":" + vc + ",\"options\":{\"selectivePointers\":[\"/credentialSubject/name\"]}}");
        Assert.Equal(HttpStatusCode.Created, derived.StatusCode);
        var disclosed = derivedBody.GetProperty("verifiableCredential");
        Assert.Equal("Steel coil 42", disclosed.GetProperty("credentialSubject").GetProperty("name").GetString());
        Assert.False(disclosed.GetProperty("credentialSubject").TryGetProperty("description", out _));
        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Post, Verify, token, VerifyBody(disclosed))).Response.StatusCode);

        // Not an ecdsa-sd-2023 credential, a pointer to nothing, an unknown option: 400.
        var (_, plain) = await node.SendAsync(HttpMethod.Post, Issue, token, IssueBody());
        var (noBase, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/derive", token, "{\"verifiableCredential\":" + plain.GetProperty("verifiableCredential").GetRawText() + "}");
        Assert.Equal(HttpStatusCode.BadRequest, noBase.StatusCode);
        var (nothing, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/derive", token, "{\"verifiableCredential\":" + vc + ",\"options\":{\"selectivePointers\":[\"/credentialSubject/colour\"]}}");
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        var (unknown, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/derive", token, "{\"verifiableCredential\":" + vc + ",\"options\":{\"reveal\":[]}}");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Public_verification_is_switched_per_tenant_and_never_opens_issuing()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var (_, issued) = await node.SendAsync(HttpMethod.Post, Issue, token, IssueBody());
        var body = VerifyBody(issued.GetProperty("verifiableCredential"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.SendAsync(HttpMethod.Post, Verify, json: body)).Response.StatusCode);

        Assert.True((await node.Administration.SetPublicVerificationAsync("acme", on: true)).PublicVerification);
        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Post, Verify, json: body)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.SendAsync(HttpMethod.Post, Issue, json: IssueBody())).Response.StatusCode);
        var tampered = body.Replace("Steel coil 42", "Steel coil 43", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await node.SendAsync(HttpMethod.Post, Verify, json: tampered)).Response.StatusCode);

        await node.Administration.SetPublicVerificationAsync("acme", on: false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.SendAsync(HttpMethod.Post, Verify, json: body)).Response.StatusCode);
        await Assert.ThrowsAsync<ArgumentException>(async () => await node.Administration.SetPublicVerificationAsync("nobody", on: true));
    }
}
