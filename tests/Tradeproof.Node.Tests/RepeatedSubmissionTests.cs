using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Trade.Presentations;

namespace Tradeproof.Node.Tests;

/// <summary>
/// A repeated presentation id is 409 whatever else is wrong with the repeat (a spent challenge, a broken proof, another
/// domain) and spends nothing: the submission path finds duplicates in its unit of work and, for a presentation the
/// verification refuses, by a look-up then (no read ahead of every submission).
/// </summary>
public sealed class RepeatedSubmissionTests
{
    private const string Submit = "/organizations/cbp/presentations";

    [Fact]
    public async Task A_repeated_id_is_409_with_a_fresh_challenge_a_spent_one_or_a_broken_proof_and_spends_no_challenge()
    {
        await using var node = await NodeTestHost.StartAsync();
        using var steel = new SteelChain(node);
        var token = await node.TenantWithTokenAsync("cbp");
        var mtr = steel.MillTestReport();
        const string id = "urn:uuid:6f0c2d4e-2b7a-4a51-9f43-1c7d9e0b5a21";

        var first = Present(node, steel, id, await ChallengeAsync(node, token), mtr);
        var (accepted, _) = await node.SendAsync(HttpMethod.Post, Submit, token, first);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var inbox = await node.Services.Store.Presentations.GetAsync("cbp", id);
        Assert.NotNull(inbox);

        // The same bytes again: its challenge is spent, yet the answer is the conflict, not the verifier's refusal.
        await AssertConflictAsync(node, token, first, id);

        // The same id, other content, signed with a fresh challenge: 409, and that challenge is not spent by it.
        var fresh = await ChallengeAsync(node, token);
        await AssertConflictAsync(node, token, Present(node, steel, id, fresh, mtr, steel.BillOfLading()), id);

        // The same id with a broken proof: still 409 (not 422).
        var broken = Present(node, steel, id, await ChallengeAsync(node, token), mtr).Replace("\"proofValue\":\"z", "\"proofValue\":\"z2", StringComparison.Ordinal);
        Assert.Contains("\"proofValue\":\"z2", broken, StringComparison.Ordinal);
        await AssertConflictAsync(node, token, broken, id);

        // Nothing of the repeats was stored, and the fresh challenge still admits a new presentation.
        Assert.Equal(inbox!.Content.ToArray(), (await node.Services.Store.Presentations.GetAsync("cbp", id))!.Content.ToArray());
        var (other, body) = await node.SendAsync(HttpMethod.Post, Submit, token, steel.Present(fresh, null, steel.BillOfLading()));
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        Assert.NotEqual(id, body.GetProperty("id").GetString());

        // A new presentation that does not verify is still the verifier's 422.
        var (refused, problem) = await node.SendAsync(HttpMethod.Post, Submit, token, steel.Present(await ChallengeAsync(node, token), null, mtr).Replace("\"proofValue\":\"z", "\"proofValue\":\"z2", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.EndsWith("verification-failed", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    private static async Task AssertConflictAsync(NodeTestHost node, string token, string presentation, string id)
    {
        var (response, problem) = await node.SendAsync(HttpMethod.Post, Submit, token, presentation);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> ChallengeAsync(NodeTestHost node, string token)
    {
        var (response, body) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/challenges", token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return body.GetProperty("challenge").GetString()!;
    }

    // A presentation with a chosen id, signed by the importer with the challenge (as SteelChain.Present).
    private static string Present(NodeTestHost node, SteelChain steel, string id, string challenge, params byte[][] credentials)
    {
        var unsigned = new TraceablePresentationBuilder(node.Services.Random).Build(new TraceablePresentationContent
        {
            Holder = steel.Importer.Did,
            Definitions = ["urn:uuid:1f4a5b3e-8b1a-4b52-9a55-0a8f0e2f1c11"],
            Instances = ["urn:uuid:" + Guid.NewGuid().ToString()],
            Credentials = [.. credentials.Select(c => (ReadOnlyMemory<byte>)c)],
        });
        var json = JsonNode.Parse(unsigned)!.AsObject();
        json["id"] = id;
        var signed = new TraceablePresentationSigner(node.Services.Engine).Sign(Encoding.UTF8.GetBytes(json.ToJsonString()), steel.Importer.Key, new PresentationSigningOptions
        {
            VerificationMethod = steel.Importer.VerificationMethod,
            Challenge = challenge,
            Cryptosuite = "eddsa-jcs-2022",
        });
        return Encoding.UTF8.GetString(signed);
    }
}
