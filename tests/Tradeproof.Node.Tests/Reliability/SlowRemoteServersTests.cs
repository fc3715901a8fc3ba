using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;
using Tradeproof.Dids;
using Tradeproof.JsonLd;
using Tradeproof.Trade.Vocabulary;
using Xunit.Abstractions;

namespace Tradeproof.Node.Tests.Reliability;

/// <summary>
/// did:web and status list servers slow or down (issue #10): a node allowed to fetch from <c>localhost</c>
/// (<see cref="NodeOptions.LoopbackDidWebHosts"/>, through the guarded client: 5 s, 64 KiB for DID documents, 2 MiB for
/// status lists) verifies credentials whose issuer's did:web host, or whose status list server, stalls, stalls after
/// the status line, trickles bytes, sends a body without end, resets, answers garbage or 503, or is not listening.
/// All 16 verifications run at once: each ends (none is still running after 40 s) with 422 naming the check, never
/// valid: <c>verification-indeterminate</c> (could not check), also for did:web hosts that reset, answer garbage or do
/// not listen (once reported as notFound, hence invalid: a finding fixed, docs/reliability.md);
/// meanwhile a credential that needs no network verifies 200; afterwards the node holds no connection to the server.
/// </summary>
public sealed class SlowRemoteServersTests(ITestOutputHelper output) : IDisposable
{
    private readonly KeyPair _key = KeyPair.Generate(KeyType.Ed25519, SystemRandomSource.Instance);
    private readonly DataIntegrityEngine _engine = new(new DataIntegrityEngineOptions
    {
        Random = SystemRandomSource.Instance,
        Transforms = new ProofTransforms(new JsonLdOptions { SafeMode = true, DocumentLoader = TradeContext.DocumentLoader }),
    });

    [Fact]
    public async Task Slow_or_dead_did_web_and_status_list_servers_give_bounded_could_not_check_answers()
    {
        await using var server = new HostileServer();
        var closed = HostileServer.ClosedPort();
        await using var node = await NodeTestHost.StartAsync(o => o with { LoopbackDidWebHosts = ["localhost"] });
        var token = await node.TenantWithTokenAsync("acme");

        var cases = new List<(string Name, string Credential, string Check)>();
        foreach (var behaviour in HostileServer.Behaviours)
        {
            cases.Add(($"did:web {behaviour}", DidWebCredential($"did:web:localhost%3A{server.Port}:{behaviour}"), "resolve-verification-method"));
            cases.Add(($"status list {behaviour}", StatusCredential($"http://localhost:{server.Port}/{behaviour}/status/1"), "status"));
        }

        cases.Add(("did:web down", DidWebCredential($"did:web:localhost%3A{closed}:down"), "resolve-verification-method"));
        cases.Add(("status list down", StatusCredential($"http://localhost:{closed}/down/status/1"), "status"));

        var running = cases.Select(c => Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            var (response, body) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/verify", token, "{\"verifiableCredential\":" + c.Credential + "}").WaitAsync(TimeSpan.FromSeconds(40));
            return (c.Name, c.Check, response.StatusCode, Body: body, clock.Elapsed);
        })).ToList();

        // The node keeps serving while every one of those waits on the network.
        var (plain, plainBody) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/verify", token, "{\"verifiableCredential\":" + PlainCredential() + "}");
        Assert.True(plain.StatusCode == HttpStatusCode.OK, plainBody.ToString());
        Assert.True(running.Any(t => !t.IsCompleted), "every hostile verification had ended before the plain one: the test shows nothing");

        var results = await Task.WhenAll(running);
        foreach (var (name, _, status, body, elapsed) in results)
        {
            output.WriteLine($"{name}: {(int)status} after {elapsed.TotalMilliseconds:F0} ms: {body.GetProperty("type")} {body.GetProperty("detail")} {(body.TryGetProperty("problems", out var problems) ? problems.ToString() : "")}");
        }

        foreach (var (name, check, status, body, _) in results)
        {
            Assert.True(status == HttpStatusCode.UnprocessableEntity, $"{name}: {(int)status} {body}");
            // An unreachable host (reset, not HTTP, nothing listening) is DID Resolution internalError: could not check.
            Assert.Equal(ApiProblem.TypeBase + "verification-indeterminate", body.GetProperty("type").GetString());
            Assert.Equal($"The check '{check}' did not pass.", body.GetProperty("detail").GetString());
        }

        // Every connection the node opened was closed by the node (its timeout, its size cap) or by the server.
        for (var wait = 0; server.OpenConnections > 0 && wait < 100; wait++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, server.OpenConnections);
    }

    [Fact]
    public async Task A_submission_whose_credential_cannot_be_checked_now_is_503_with_retry_after_and_stores_nothing()
    {
        var closed = HostileServer.ClosedPort();
        await using var node = await NodeTestHost.StartAsync(o => o with { LoopbackDidWebHosts = ["localhost"] });
        using var steel = new SteelChain(node);
        var token = await node.TenantWithTokenAsync("cbp");
        var (_, challenge) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/challenges", token);
        var unreachable = Encoding.UTF8.GetBytes(DidWebCredential($"did:web:localhost%3A{closed}:down"));
        var body = steel.Present(challenge.GetProperty("challenge").GetString(), null, steel.MillTestReport(), unreachable);

        var (response, problem) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations", token, body);

        // Nothing failed, the issuer's DID could not be resolved: the sender is told to try again later, not refused.
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode} {problem}");
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Equal(ApiProblem.TypeBase + "verification-indeterminate", problem.GetProperty("type").GetString());
        Assert.Empty(await node.Services.Store.Presentations.ListAsync("cbp"));

        // A credential that fails outright (its signature broken) is refused with 422 as before.
        var (_, second) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/challenges", token);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(steel.MillTestReport()).Replace("\"credentialSubject\":{", "\"credentialSubject\":{\"note\":\"x\",", StringComparison.Ordinal));
        var (refused, refusal) = await node.SendAsync(HttpMethod.Post, "/organizations/cbp/presentations", token, steel.Present(second.GetProperty("challenge").GetString(), null, tampered, unreachable));
        Assert.True(refused.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)refused.StatusCode} {refusal}");
        Assert.Null(refused.Headers.RetryAfter);
        Assert.Empty(await node.Services.Store.Presentations.ListAsync("cbp"));
    }

    public void Dispose() => _key.Dispose();

    private string DidWebCredential(string did) => Sign(new JsonObject
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
        ["id"] = "urn:uuid:" + Guid.NewGuid(),
        ["type"] = new JsonArray("VerifiableCredential"),
        ["issuer"] = did,
        ["validFrom"] = "2026-01-01T00:00:00Z",
        ["credentialSubject"] = new JsonObject { ["id"] = "did:example:coil-42", ["name"] = "Steel coil 42" },
    }, did + "#key-1");

    private string StatusCredential(string listUrl)
    {
        var credential = KeyCredential();
        credential["credentialStatus"] = new JsonObject
        {
            ["id"] = listUrl + "#5",
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = "revocation",
            ["statusListIndex"] = "5",
            ["statusListCredential"] = listUrl,
        };
        return Sign(credential, DidKeyMethod());
    }

    private string PlainCredential() => Sign(KeyCredential(), DidKeyMethod());

    private JsonObject KeyCredential() => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
        ["id"] = "urn:uuid:" + Guid.NewGuid(),
        ["type"] = new JsonArray("VerifiableCredential"),
        ["issuer"] = DidKey.Create(_key.PublicKey).ToString(),
        ["validFrom"] = "2026-01-01T00:00:00Z",
        ["credentialSubject"] = new JsonObject { ["id"] = "did:example:coil-42", ["name"] = "Steel coil 42" },
    };

    private string DidKeyMethod() => DidKey.Create(_key.PublicKey) + "#" + _key.PublicKey.ToMultibase();

    private string Sign(JsonObject credential, string verificationMethod) =>
        Encoding.UTF8.GetString(_engine.AddProof(
            Encoding.UTF8.GetBytes(credential.ToJsonString()),
            new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = verificationMethod, Created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) },
            _key));
}
