using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tradeproof.Transparency;

namespace Tradeproof.Node.Tests;

/// <summary>
/// Witnessing between two real nodes on loopback: each finds the other by its did:web, pushes its signed checkpoints
/// to the other with OAuth client credentials the other issued (scope <c>witness:log</c>), keeps the cosignature the
/// witness answers and shows it on <c>GET /log/checkpoint</c>; each keeps the latest checkpoint seen of the other.
/// Failure twins: a log whose tree was rewritten under it (a fork) is refused and the witness keeps what it had; a
/// push without a token, and a log nobody registered, are refused.
/// </summary>
public sealed class WitnessingTests
{
    private static string IssueBody(string name) => "{\"credential\":" + NodeTestHost.Credential(name) + "}";

    [Fact]
    public async Task Two_nodes_cross_witness_their_checkpoints_and_a_forked_log_is_refused()
    {
        await using var a = await LoopbackNode.StartAsync(o => o with { LogCheckpointInterval = TimeSpan.Zero });
        await using var b = await LoopbackNode.StartAsync(o => o with { LogCheckpointInterval = TimeSpan.Zero });
        var (opsA, opsB) = await PairAsync(a, b);
        var (_, partners) = await a.SendAsync(HttpMethod.Get, "/log/partners", opsA);
        var partnerB = partners.GetProperty("partners").EnumerateArray().Single();
        Assert.Equal(b.Services.Identity.NodeDid, partnerB.GetProperty("did").GetString());
        Assert.Equal(b.BaseUrl.Authority + "/log", partnerB.GetProperty("origin").GetString());
        var aAtB = await b.Administration.AddClientAsync("ops", [Scopes.WitnessLog]);
        foreach (var node in new[] { a, b })
        {
            await node.Administration.AddTenantAsync("acme", "Acme", publicVerification: false);
        }

        // Partner secrets are sealed in the store: the plain secret is nowhere in the database file.
        Assert.Equal(HttpStatusCode.OK, (await a.SendAsync(HttpMethod.Post, "/log/partners", opsA, $$"""{ "did": "{{b.Services.Identity.NodeDid}}", "clientId": "{{aAtB.ClientId}}", "clientSecret": "{{aAtB.ClientSecret}}" }""")).Status);
        Assert.DoesNotContain(aAtB.ClientSecret, await ReadAllAsync(a.DatabaseFile), StringComparison.Ordinal);

        var acmeA = await a.TokenAsync("acme", Scopes.IssueCredentials);
        var acmeB = await b.TokenAsync("acme", Scopes.IssueCredentials);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await a.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acmeA, IssueBody("coil A" + i))).Status);
            Assert.Equal(HttpStatusCode.Created, (await b.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acmeB, IssueBody("coil B" + i))).Status);
        }

        // A checkpoint on each: pushed at once, co-signed by the other, shown with its witness.
        var aLog = await LogCheckpoints.VerifierAsync(a.Services, CancellationToken.None);
        var bLog = await LogCheckpoints.VerifierAsync(b.Services, CancellationToken.None);
        var aWitness = new NoteVerifier(a.BaseUrl.Authority + "/witness", NoteSignatureType.Cosignature, aLog.PublicKey);
        var bWitness = new NoteVerifier(b.BaseUrl.Authority + "/witness", NoteSignatureType.Cosignature, bLog.PublicKey);
        var first = await SignAsync(a, opsA);
        await SignAsync(b, opsB);
        var cosignedA = await CosignedAsync(a, first.Size, aLog, bWitness);
        await CosignedAsync(b, (await b.Services.Store.Log.GetLatestCheckpointAsync())!.Size, bLog, aWitness);
        Assert.Contains(b.BaseUrl.Authority + "/witness", cosignedA, StringComparison.Ordinal);

        // Both keep the latest checkpoint seen of the other.
        Assert.Equal(first.Size, (await b.Services.Store.Log.GetPartnerCheckpointAsync(a.BaseUrl.Authority + "/log"))!.Size);
        Assert.NotNull(await a.Services.Store.Log.GetPartnerCheckpointAsync(b.BaseUrl.Authority + "/log"));

        // A grows: the next checkpoint is proved consistent from the one B holds and co-signed again.
        await a.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acmeA, IssueBody("coil A9"));
        var second = await SignAsync(a, opsA);
        Assert.True(second.Size > first.Size);
        await CosignedAsync(a, second.Size, aLog, bWitness);
        Assert.Equal(second.Size, (await b.Services.Store.Log.GetPartnerCheckpointAsync(a.BaseUrl.Authority + "/log"))!.Size);

        // A's tree is rewritten under it (one hash of the log's right edge changed in the database): the next
        // checkpoint does not extend the one B witnessed. B refuses it as a fork and keeps what it had; A records the refusal.
        await using (var connection = new SqliteConnection("Data Source=" + a.DatabaseFile))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE log_state SET edge = CAST(zeroblob(32) AS BLOB) || substr(edge, 33) WHERE id = 1";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await a.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acmeA, IssueBody("coil A10"));
        var forked = await SignAsync(a, opsA);
        JsonElement push = default;
        for (var i = 0; i < 400; i++)
        {
            var (_, list) = await a.SendAsync(HttpMethod.Get, "/log/partners", opsA);
            var entry = list.GetProperty("partners").EnumerateArray().Single();
            if (entry.TryGetProperty("push", out push) && push.GetProperty("refused").GetBoolean())
            {
                break;
            }

            await Task.Delay(25);
        }

        Assert.True(push.ValueKind == JsonValueKind.Object && push.GetProperty("refused").GetBoolean(), "A never recorded B's refusal: " + push);
        Assert.Contains("log-fork", push.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(second.Size, (await b.Services.Store.Log.GetPartnerCheckpointAsync(a.BaseUrl.Authority + "/log"))!.Size);
        Assert.Empty(await a.Services.Store.Log.ListCosignaturesAsync(forked.Size));
        var (_, seenByB) = await b.SendAsync(HttpMethod.Get, "/log/partners", opsB);
        Assert.Equal(second.Size, seenByB.GetProperty("partners")[0].GetProperty("witnessed").GetProperty("size").GetInt64());

        // A push without a token, and a log nobody registered.
        var note = (await a.Services.Store.Log.GetLatestCheckpointAsync())!.Note;
        var (noToken, _) = await b.SendAsync(HttpMethod.Post, "/log/witness", null, JsonSerializer.Serialize(new { checkpoint = note, oldSize = second.Size, proof = Array.Empty<string>() }));
        Assert.Equal(HttpStatusCode.Unauthorized, noToken);
        await using var stranger = await LoopbackNode.StartAsync(o => o with { LogCheckpointInterval = TimeSpan.Zero });
        var strangerNote = (await LogCheckpoints.SignAsync(stranger.Services, CancellationToken.None)).Note;
        var (unknown, problem) = await b.SendAsync(HttpMethod.Post, "/log/witness", null, JsonSerializer.Serialize(new { checkpoint = strangerNote }));
        Assert.Equal(HttpStatusCode.Forbidden, unknown);
        Assert.EndsWith("/unknown-log", problem.GetProperty("type").GetString(), StringComparison.Ordinal);

        // A partner whose DID does not resolve to a node is refused when registered.
        var (unresolved, _) = await a.SendAsync(HttpMethod.Post, "/log/partners", opsA, """{ "did": "did:web:localhost%3A1" }""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unresolved);
        var (notDidWeb, _) = await a.SendAsync(HttpMethod.Post, "/log/partners", opsA, """{ "did": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK" }""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notDidWeb);
    }

    [Fact]
    public async Task Push_state_is_kept_in_the_store_so_a_restarted_witnessing_service_neither_repeats_nor_forgets()
    {
        await using var a = await LoopbackNode.StartAsync(o => o with { LogCheckpointInterval = TimeSpan.Zero });
        await using var b = await LoopbackNode.StartAsync(o => o with { LogCheckpointInterval = TimeSpan.Zero });
        var (opsA, _) = await PairAsync(a, b);
        var bDid = b.Services.Identity.NodeDid;
        await a.Administration.AddTenantAsync("acme", "Acme", publicVerification: false);
        var acme = await a.TokenAsync("acme", Scopes.IssueCredentials);
        Assert.Equal(HttpStatusCode.Created, (await a.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acme, IssueBody("coil R1"))).Status);
        var first = await SignAsync(a, opsA);
        var aLog = await LogCheckpoints.VerifierAsync(a.Services, CancellationToken.None);
        var bWitness = new NoteVerifier(b.BaseUrl.Authority + "/witness", NoteSignatureType.Cosignature, (await LogCheckpoints.VerifierAsync(b.Services, CancellationToken.None)).PublicKey);
        await CosignedAsync(a, first.Size, aLog, bWitness);

        // What B holds of A's log is in A's store (and shown by GET /log/partners from there).
        var pushed = await WaitForAsync(a, bDid, s => s.WitnessedSize == first.Size && s.LastError is null);
        Assert.Equal(0, pushed.Failures);
        var (_, partners) = await a.SendAsync(HttpMethod.Get, "/log/partners", opsA);
        Assert.Equal(first.Size, partners.GetProperty("partners")[0].GetProperty("push").GetProperty("cosignedSize").GetInt64());

        // A restart: A's witnessing service stops, a new one runs over the same store, with B gone. Nothing to push (B
        // cosigned the latest): no attempt, so no failure recorded.
        Assert.True(LogCheckpoints.Witnessing.TryGetValue(a.Services, out var running));
        await running.StopAsync(CancellationToken.None);
        await b.App.StopAsync();
        using var restarted = new LogWitnessing(a.Services, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Assert.Null(await restarted.RunOnceAsync(CancellationToken.None));
        Assert.Equal(pushed with { UpdatedAt = default }, (await a.Services.Store.Witnessing.GetAsync(bDid))! with { UpdatedAt = default });

        // A grows while B is down: the push fails and the backoff is kept in the store...
        Assert.Equal(HttpStatusCode.Created, (await a.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acme, IssueBody("coil R2"))).Status);
        var second = await SignAsync(a, opsA);
        Assert.NotNull(await restarted.RunOnceAsync(CancellationToken.None));
        var failed = (await a.Services.Store.Witnessing.GetAsync(bDid))!;
        Assert.Equal((1, first.Size), (failed.Failures, failed.WitnessedSize!.Value));
        Assert.False(string.IsNullOrEmpty(failed.LastError));

        // ... so another restart, told the next attempt is an hour away, waits for it instead of starting over.
        var later = a.Services.Time.GetUtcNow().AddHours(1);
        await a.Services.Store.Witnessing.SaveAsync(failed with { Failures = 6, NextAttemptAt = later });
        using var again = new LogWitnessing(a.Services, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Assert.Equal(later.ToUnixTimeMilliseconds(), (await again.RunOnceAsync(CancellationToken.None))!.Value.ToUnixTimeMilliseconds());
        var kept = (await a.Services.Store.Witnessing.GetAsync(bDid))!;
        Assert.Equal((6, first.Size), (kept.Failures, kept.WitnessedSize!.Value));
        Assert.True(second.Size > first.Size);

        // Removing the partner forgets its push state.
        Assert.Equal(HttpStatusCode.NoContent, (await a.SendAsync(HttpMethod.Delete, "/log/partners?did=" + Uri.EscapeDataString(bDid), opsA)).Status);
        Assert.Null(await a.Services.Store.Witnessing.GetAsync(bDid));
    }

    private static async Task<Storage.WitnessPushRecord> WaitForAsync(LoopbackNode node, string partner, Func<Storage.WitnessPushRecord, bool> done)
    {
        Storage.WitnessPushRecord? state = null;
        for (var i = 0; i < 400; i++)
        {
            state = await node.Services.Store.Witnessing.GetAsync(partner);
            if (state is not null && done(state))
            {
                return state;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"The push state of {partner} never got there: {state}");
        return state!;
    }

    /// <summary>
    /// Makes two nodes cross-witness: on each an <c>ops</c> organisation with an operator token (<c>operate:log</c>) and
    /// a witness client (<c>witness:log</c>) for the other node, registered there by did:web through <c>POST /log/partners</c>.
    /// </summary>
    internal static async Task<(string OpsA, string OpsB)> PairAsync(LoopbackNode a, LoopbackNode b)
    {
        foreach (var node in new[] { a, b })
        {
            await node.Administration.AddTenantAsync("ops", "Operator", publicVerification: false);
        }

        var opsA = await a.TokenAsync("ops", Scopes.OperateLog);
        var opsB = await b.TokenAsync("ops", Scopes.OperateLog);
        var aAtB = await b.Administration.AddClientAsync("ops", [Scopes.WitnessLog]);
        var bAtA = await a.Administration.AddClientAsync("ops", [Scopes.WitnessLog]);
        foreach (var (node, token, partner, client) in new[] { (a, opsA, b, aAtB), (b, opsB, a, bAtA) })
        {
            var (status, body) = await node.SendAsync(HttpMethod.Post, "/log/partners", token,
                $$"""{ "did": "{{partner.Services.Identity.NodeDid}}", "clientId": "{{client.ClientId}}", "clientSecret": "{{client.ClientSecret}}" }""");
            Assert.True(status == HttpStatusCode.OK, body.ToString());
        }

        return (opsA, opsB);
    }

    private static async Task<Checkpoint> SignAsync(LoopbackNode node, string token)
    {
        var (status, note) = await node.SendTextAsync(HttpMethod.Post, "/log/checkpoint", token);
        Assert.Equal(HttpStatusCode.Created, status);
        return Checkpoint.Parse(SignedNote.Parse(note).Text);
    }

    // Polls GET /log/checkpoint until the checkpoint of `size` carries the witness's cosignature; checks both signatures.
    internal static async Task<string> CosignedAsync(LoopbackNode node, long size, NoteVerifier log, NoteVerifier witness)
    {
        var note = string.Empty;
        for (var i = 0; i < 400; i++)
        {
            (_, note) = await node.SendTextAsync(HttpMethod.Get, "/log/checkpoint", null);
            var signed = SignedNote.Parse(note);
            if (Checkpoint.Parse(signed.Text).Size == size && signed.Signatures.Count == 2)
            {
                Assert.Equal(2, signed.Verify(log, witness).Count);
                return note;
            }

            await Task.Delay(25);
        }

        Assert.Fail($"The checkpoint of {size} leaves was not co-signed: {note}");
        return note;
    }

    private static async Task<string> ReadAllAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        var text = await reader.ReadToEndAsync();
        var wal = file + "-wal";
        return File.Exists(wal) ? text + await File.ReadAllTextAsync(wal, System.Text.Encoding.Latin1) : text;
    }
}
