using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Cryptography;
using Tradeproof.Transparency;

namespace Tradeproof.Node.Tests;

/// <summary>Behaviour: the transparency log over HTTP (checkpoints, proofs, entries, witnessing, the write response header).</summary>
public class LogEndpointTests
{
    private static string IssueBody(string name = "Steel coil 42") => "{\"credential\":" + NodeTestHost.Credential(name) + "}";

    private static Task<NodeTestHost> StartAsync(int port, params string[] partners) =>
        NodeTestHost.StartAsync(o => o with { PublicUrl = new Uri($"http://localhost:{port}"), LogCheckpointInterval = TimeSpan.Zero, LogPartners = partners });

    private static async Task<(HttpStatusCode Status, string Text)> GetTextAsync(NodeTestHost node, string path, HttpMethod? method = null, string? token = null, string? json = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await node.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static byte[][] Hashes(JsonElement body, string name) => [.. body.GetProperty(name).EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!))];

    /// <summary>The node's log key as a client finds it: <c>#key-1</c> of the node's DID document.</summary>
    private static async Task<NoteVerifier> LogVerifierFromDidDocumentAsync(NodeTestHost node, string origin)
    {
        var (_, document) = await node.SendAsync(HttpMethod.Get, "/.well-known/did.json");
        var method = document.GetProperty("verificationMethod").EnumerateArray().First(m => m.GetProperty("id").GetString()!.EndsWith("#key-1", StringComparison.Ordinal));
        return new NoteVerifier(origin, NoteSignatureType.Ed25519, PublicKey.FromMultibase(method.GetProperty("publicKeyMultibase").GetString()!));
    }

    [Fact]
    public async Task Writes_carry_their_leaf_index_and_prove_against_a_signed_checkpoint()
    {
        await using var node = await StartAsync(5091);
        var acme = await node.TenantWithTokenAsync("acme");
        var (issuedResponse, issued) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acme, IssueBody());
        Assert.Equal(HttpStatusCode.Created, issuedResponse.StatusCode);
        var credentialId = issued.GetProperty("verifiableCredential").GetProperty("id").GetString()!;
        var index = long.Parse(Assert.Single(issuedResponse.Headers.GetValues(LogEndpoints.LogIndexHeader)), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([index], await node.Services.Store.Log.FindLeavesAsync(LogEntryKind.Credential, "acme", credentialId));

        var (_, challenge) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/challenges", acme);
        using var holder = new HolderPresentations();
        var presentation = holder.Sign([issued.GetProperty("verifiableCredential").GetRawText()], challenge.GetProperty("challenge").GetString()!);
        var (accepted, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/presentations", acme, presentation);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var presentationIndex = long.Parse(Assert.Single(accepted.Headers.GetValues(LogEndpoints.LogIndexHeader)), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(presentationIndex > index);

        var (created, note) = await GetTextAsync(node, "/log/checkpoint");
        Assert.Equal(HttpStatusCode.OK, created);
        var verifier = await LogVerifierFromDidDocumentAsync(node, "localhost:5091/log");
        var (_, checkpoint) = Checkpoint.ParseAndVerify(note, verifier);
        Assert.True(checkpoint.Size > presentationIndex);

        var (proofResponse, proof) = await node.SendAsync(HttpMethod.Get, $"/log/proofs/inclusion?index={presentationIndex}&size={checkpoint.Size}");
        Assert.Equal(HttpStatusCode.OK, proofResponse.StatusCode);
        var leafHash = Convert.FromBase64String(proof.GetProperty("leafHash").GetString()!);
        Assert.True(MerkleVerification.VerifyInclusion(presentationIndex, checkpoint.Size, Hashes(proof, "proof"), leafHash, checkpoint.RootHash));

        var (byHash, hashProof) = await node.SendAsync(HttpMethod.Get, $"/log/proofs/inclusion?hash={Uri.EscapeDataString(Convert.ToBase64String(leafHash))}");
        Assert.Equal(HttpStatusCode.OK, byHash.StatusCode);
        Assert.Equal(presentationIndex, hashProof.GetProperty("index").GetInt64());

        // The entry behind the leaf: hashes only, and its data hashes to the leaf hash.
        var (_, entries) = await node.SendAsync(HttpMethod.Get, $"/log/entries?start={presentationIndex}&end={presentationIndex + 1}");
        var entry = Assert.Single(entries.GetProperty("entries").EnumerateArray().ToList());
        Assert.Equal("presentation", entry.GetProperty("kind").GetString());
        Assert.Equal(leafHash, MerkleHash.Leaf(Convert.FromBase64String(entry.GetProperty("data").GetString()!)));
        Assert.DoesNotContain("Steel", entries.GetRawText(), StringComparison.Ordinal);

        // The log grows; an operator signs a new checkpoint; the two are consistent.
        await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acme, IssueBody("Steel coil 43"));
        var operatorToken = await node.TenantWithTokenAsync("ops", Scopes.OperateLog);
        var (signed, secondNote) = await GetTextAsync(node, "/log/checkpoint", HttpMethod.Post, operatorToken);
        Assert.Equal(HttpStatusCode.Created, signed);
        var (_, second) = Checkpoint.ParseAndVerify(secondNote, verifier);
        Assert.True(second.Size > checkpoint.Size);
        var (_, consistency) = await node.SendAsync(HttpMethod.Get, $"/log/proofs/consistency?from={checkpoint.Size}&to={second.Size}");
        Assert.True(MerkleVerification.VerifyConsistency(checkpoint.Size, second.Size, Hashes(consistency, "proof"), checkpoint.RootHash, second.RootHash));
    }

    [Fact]
    public async Task Bad_requests_are_problems()
    {
        await using var node = await StartAsync(5092);
        var acme = await node.TenantWithTokenAsync("acme", Scopes.IssueCredentials);
        await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acme, IssueBody());

        foreach (var path in new[] { "/log/proofs/inclusion", "/log/proofs/inclusion?index=-1", "/log/proofs/inclusion?index=5&size=2", "/log/proofs/inclusion?index=0&size=999",
                     "/log/proofs/inclusion?hash=zz", "/log/proofs/consistency", "/log/proofs/consistency?from=3&to=1", "/log/entries?start=5&end=1", "/log/entries?start=x" })
        {
            var (status, text) = await GetTextAsync(node, path);
            Assert.True(status == HttpStatusCode.BadRequest, path + ": " + text);
            Assert.Equal(400, JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32());
        }

        var (unknownHash, _) = await node.SendAsync(HttpMethod.Get, "/log/proofs/inclusion?hash=" + Convert.ToHexString(new byte[32]));
        Assert.Equal(HttpStatusCode.NotFound, unknownHash.StatusCode);

        var (noToken, _) = await node.SendAsync(HttpMethod.Post, "/log/checkpoint");
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        var (noScope, _) = await node.SendAsync(HttpMethod.Post, "/log/checkpoint", acme);
        Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);

        for (var i = 0; i < 3; i++)
        {
            await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acme, IssueBody("coil " + i));
        }

        var (page, entries) = await node.SendAsync(HttpMethod.Get, "/log/entries?start=0&end=100000");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(4, entries.GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task A_partner_checkpoint_is_cosigned_when_consistent_and_a_fork_is_refused()
    {
        await using var partner = await StartAsync(5093);
        var partnerVerifier = await LogCheckpoints.VerifierAsync(partner.Services, CancellationToken.None);
        await using var witness = await StartAsync(5094, partnerVerifier.ToVkey());
        var acme = await partner.TenantWithTokenAsync("acme");
        await partner.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acme, IssueBody());
        var first = (await LogCheckpoints.SignAsync(partner.Services, CancellationToken.None)).Note;

        var (status, line) = await GetTextAsync(witness, "/log/witness", HttpMethod.Post, json: Witness(first, []));
        Assert.Equal(HttpStatusCode.OK, status);
        var witnessVerifier = new NoteVerifier("localhost:5094/witness", NoteSignatureType.Cosignature, await witness.Services.NodePublicKeyAsync(CancellationToken.None));
        var cosigned = SignedNote.Parse(first + line);
        Assert.Equal(2, cosigned.Verify(partnerVerifier, witnessVerifier).Count);
        Assert.Equal(Checkpoint.Parse(cosigned.Text).Size, (await witness.Services.Store.Log.GetPartnerCheckpointAsync("localhost:5093/log"))!.Size);

        // The partner grows: consistent, cosigned again.
        var firstSize = Checkpoint.Parse(cosigned.Text).Size;
        for (var i = 0; i < 5; i++)
        {
            await partner.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acme, IssueBody("coil " + i));
        }

        var second = (await LogCheckpoints.SignAsync(partner.Services, CancellationToken.None)).Note;
        var secondSize = Checkpoint.Parse(SignedNote.Parse(second).Text).Size;
        var (_, consistency) = await partner.SendAsync(HttpMethod.Get, $"/log/proofs/consistency?from={firstSize}&to={secondSize}");
        var proof = consistency.GetProperty("proof").EnumerateArray().Select(h => h.GetString()!).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await GetTextAsync(witness, "/log/witness", HttpMethod.Post, json: Witness(second, proof))).Status);

        // A fork: the partner's key signs a bigger tree that does not extend the witnessed one.
        string forked;
        using (var key = (await TenantKeys.GetPairAsync(partner.Services.Store, NodeIdentity.NodeTenantId, partner.Services.Identity.NodeDid + "#key-1", CancellationToken.None))!)
        {
            forked = new Checkpoint("localhost:5093/log", secondSize + 1, new byte[32]).Sign(new NoteSigner("localhost:5093/log", NoteSignatureType.Ed25519, key)).ToString();
        }

        var (forkResponse, fork) = await witness.SendAsync(HttpMethod.Post, "/log/witness", json: Witness(forked, proof));
        Assert.Equal(HttpStatusCode.Conflict, forkResponse.StatusCode);
        Assert.EndsWith("/log-fork", fork.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(secondSize, fork.GetProperty("witnessedSize").GetInt64());
        Assert.Equal(secondSize, (await witness.Services.Store.Log.GetPartnerCheckpointAsync("localhost:5093/log"))!.Size);

        // A log we do not witness, a forged signature, malformed input.
        var (own, _) = await witness.SendAsync(HttpMethod.Post, "/log/witness", json: Witness((await LogCheckpoints.SignAsync(witness.Services, CancellationToken.None)).Note, []));
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        var tampered = second.Replace("\n" + secondSize + "\n", "\n" + (secondSize + 1) + "\n", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await witness.SendAsync(HttpMethod.Post, "/log/witness", json: Witness(tampered, proof))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await witness.SendAsync(HttpMethod.Post, "/log/witness", json: Witness("not a note", []))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await witness.SendAsync(HttpMethod.Post, "/log/witness", json: "{\"checkpoint\":1}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await witness.SendAsync(HttpMethod.Post, "/log/witness", json: Witness(second, ["AAAA"]))).Response.StatusCode);
    }

    [Fact]
    public async Task Checkpoints_are_signed_on_a_schedule()
    {
        await using var node = await NodeTestHost.StartAsync(o => o with { PublicUrl = new Uri("http://localhost:5095"), LogCheckpointInterval = TimeSpan.FromMilliseconds(100) });
        var acme = await node.TenantWithTokenAsync("acme");
        await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acme, IssueBody());
        var size = (await node.Services.Store.Log.GetTreeHeadAsync()).Size;
        for (var i = 0; i < 200 && (await node.Services.Store.Log.GetLatestCheckpointAsync())?.Size != size; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(size, (await node.Services.Store.Log.GetLatestCheckpointAsync())?.Size);
    }

    private static string Witness(string note, string[] proof) =>
        new JsonObject { ["checkpoint"] = note, ["proof"] = new JsonArray([.. proof.Select(p => (JsonNode)JsonValue.Create(p))]) }.ToJsonString();
}
