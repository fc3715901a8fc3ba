using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Cryptography;

namespace Tradeproof.Node.Tests;

/// <summary>
/// Scale-out: two real <c>tradeproof serve</c> processes on ONE PostgreSQL database, started at the same moment on an
/// empty database (migrations and the node's keys raced), serve the same tenants consistently: tokens of either work
/// on both, a credential issued on A is read byte for byte and verified on B, a challenge is consumed once across both,
/// a presentation id received by A is 409 on B.
/// </summary>
public sealed class ScaleOutTests
{
    [PostgresFact]
    public async Task Two_node_processes_on_one_postgres_database_serve_the_same_tenants_consistently()
    {
        var connection = await NodePostgres.CreateDatabaseAsync();
        var environment = new Dictionary<string, string> { ["TRADEPROOF__NODE__OPERATORKEY"] = NodePostgres.NewOperatorKey() };
        string[] arguments = ["--postgres", connection, "--public-url", "http://localhost:5080"];

        // Both start at once on the empty database: one migrates and makes the node keys, the other finds them.
        var starting = new[] { NodeProcess.StartAsync(arguments, environment), NodeProcess.StartAsync(arguments, environment) };
        await Task.WhenAll(starting.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        await using var a = await starting[0];
        await using var b = await starting[1];

        // The tenants are added behind the running processes' backs, by the CLI on the same database.
        var acme = await ClientAsync("acme", arguments, environment);
        var beta = await ClientAsync("beta", arguments, environment);

        // Tokens: one from each process; each works on the other (one node key in the database).
        var acmeFromA = await a.TokenAsync(acme.Id, acme.Secret);
        var acmeFromB = await b.TokenAsync(acme.Id, acme.Secret);
        var betaFromB = await b.TokenAsync(beta.Id, beta.Secret);

        var (issued, issuedBody) = await a.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acmeFromB, "{\"credential\":" + NodeTestHost.Credential() + "}");
        Assert.True(issued == 201, issuedBody + a.Errors);
        using var issuedJson = JsonDocument.Parse(issuedBody);
        var vc = issuedJson.RootElement.GetProperty("verifiableCredential");
        var credentialId = vc.GetProperty("id").GetString()!;

        // Read on B: the bytes A stored; verify on B (the tenant's did:web document comes from the shared store).
        var (read, readBody) = await b.SendAsync(HttpMethod.Get, "/organizations/acme/credentials/" + Uri.EscapeDataString(credentialId), acmeFromA);
        Assert.Equal(200, read);
        Assert.Equal(vc.GetRawText(), readBody);
        var (verified, verifiedBody) = await b.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/verify", acmeFromA, "{\"verifiableCredential\":" + vc.GetRawText() + "}");
        Assert.True(verified == 200, verifiedBody);
        var (tampered, _) = await b.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/verify", acmeFromA, "{\"verifiableCredential\":" + vc.GetRawText().Replace("Steel coil 42", "Steel coil 9", StringComparison.Ordinal) + "}");
        Assert.Equal(422, tampered);

        // Cross-tenant stays 404 on both processes.
        Assert.Equal(404, (await a.SendAsync(HttpMethod.Get, "/organizations/acme/credentials/" + Uri.EscapeDataString(credentialId), betaFromB)).Status);
        Assert.Equal(404, (await b.SendAsync(HttpMethod.Get, "/organizations/acme/credentials/" + Uri.EscapeDataString(credentialId), betaFromB)).Status);

        // Challenges issued by A, each verified on A and B at the same moment: exactly one of the two is 200.
        using var holder = new HolderPresentations();
        for (var i = 0; i < 6; i++)
        {
            var challenge = await ChallengeAsync(a, "acme", acmeFromA);
            var body = "{\"verifiablePresentation\":" + holder.Sign([vc.GetRawText()], challenge) + ",\"options\":{\"challenge\":\"" + challenge + "\"}}";
            var answers = await Task.WhenAll(
                a.SendAsync(HttpMethod.Post, "/organizations/acme/presentations/verify", acmeFromA, body),
                b.SendAsync(HttpMethod.Post, "/organizations/acme/presentations/verify", acmeFromB, body));
            Assert.True(answers.Count(x => x.Status == 200) == 1 && answers.Count(x => x.Status == 422) == 1, $"round {i}: {answers[0].Status} {answers[1].Status}");
        }

        // A presentation received by A (challenge issued by B): repeated on B, 409; it is in the shared inbox once.
        var inboxChallenge = await ChallengeAsync(b, "beta", betaFromB);
        var presentation = holder.Sign([vc.GetRawText()], inboxChallenge);
        var presentationId = JsonNode.Parse(presentation)!["id"]!.GetValue<string>();
        var betaFromA = await a.TokenAsync(beta.Id, beta.Secret);
        var (received, receivedBody) = await a.SendAsync(HttpMethod.Post, "/organizations/beta/presentations", betaFromA, presentation);
        Assert.True(received == 202, receivedBody);
        var (again, againBody) = await b.SendAsync(HttpMethod.Post, "/organizations/beta/presentations", betaFromB, presentation);
        Assert.True(again == 409, againBody);
        Assert.Equal(409, (await a.SendAsync(HttpMethod.Post, "/organizations/beta/presentations", betaFromA, presentation)).Status);

        // Concurrent submissions of one new presentation on both: one 202, the other refused (409, or 422 when its
        // check ran before the other's commit and then found the challenge spent); never two inbox entries.
        var raceChallenge = await ChallengeAsync(a, "beta", betaFromA);
        var race = holder.Sign([vc.GetRawText()], raceChallenge);
        var raced = await Task.WhenAll(
            a.SendAsync(HttpMethod.Post, "/organizations/beta/presentations", betaFromA, race),
            b.SendAsync(HttpMethod.Post, "/organizations/beta/presentations", betaFromB, race));
        Assert.Equal(1, raced.Count(x => x.Status == 202));
        Assert.Contains(raced, x => x.Status is 409 or 422);

        await using var store = await Storage.Postgres.PostgresStore.OpenAsync(new Storage.Postgres.PostgresStoreOptions
        {
            ConnectionString = connection,
            OperatorKey = Storage.OperatorKey.FromBase64(environment["TRADEPROOF__NODE__OPERATORKEY"]),
            Time = TimeProvider.System,
            Random = SystemRandomSource.Instance,
        });
        Assert.Equal(2, (await store.Keys.ListAsync(NodeIdentity.NodeTenantId)).Count);
        var inbox = await store.Presentations.ListAsync("beta");
        Assert.Equal(2, inbox.Count);
        Assert.Single(inbox, p => p.Presentation.Id == presentationId);
    }

    private static async Task<(string Id, string Secret)> ClientAsync(string tenant, string[] storeArguments, Dictionary<string, string> environment)
    {
        string[] common = [.. storeArguments.Where(x => x != "--urls")];
        await NodeProcess.RunAsync(["tenant", "add", tenant, .. common], environment);
        using var json = JsonDocument.Parse(await NodeProcess.RunAsync(["client", "add", "--tenant", tenant, "--scopes", string.Join(' ', Scopes.All), .. common], environment));
        return (json.RootElement.GetProperty("client_id").GetString()!, json.RootElement.GetProperty("client_secret").GetString()!);
    }

    private static async Task<string> ChallengeAsync(NodeProcess node, string tenant, string token)
    {
        var (status, body) = await node.SendAsync(HttpMethod.Post, $"/organizations/{tenant}/challenges", token);
        Assert.True(status == 201, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("challenge").GetString()!;
    }
}
