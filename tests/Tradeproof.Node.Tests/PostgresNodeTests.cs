using System.Net;
using System.Text.Json.Nodes;
using Tradeproof.Storage;

namespace Tradeproof.Node.Tests;

/// <summary>
/// The node's key paths on PostgreSQL (a fresh database on the tests' private cluster per test): tokens and their
/// refusals, issue and the stored original bytes, verify, challenges consumed once, the presentation inbox and 409.
/// </summary>
public sealed class PostgresNodeTests
{
    private static string IssueBody(string name = "Steel coil 42") => "{\"credential\":" + NodeTestHost.Credential(name) + "}";

    [PostgresFact]
    public async Task The_store_is_postgres_and_ready()
    {
        await using var node = await NodePostgres.StartNodeAsync();
        Assert.Equal("postgres", node.Services.Store.Provider);
        var (ready, body) = await node.SendAsync(HttpMethod.Get, "/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("postgres", body.GetProperty("store").GetString());
        // The node's own keys were made once at start.
        Assert.Equal(2, (await node.Services.Store.Keys.ListAsync(NodeIdentity.NodeTenantId)).Count);
    }

    [PostgresFact]
    public async Task Tokens_are_issued_and_refused_as_on_sqlite()
    {
        await using var node = await NodePostgres.StartNodeAsync();
        var acme = await node.TenantWithTokenAsync("acme", Scopes.IssueCredentials);
        var beta = await node.TenantWithTokenAsync("beta");

        var (none, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", json: IssueBody());
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        var (forged, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acme[..^4] + "AAAA", IssueBody());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var (scope, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/verify", acme, "{\"verifiableCredential\":{}}");
        Assert.Equal(HttpStatusCode.Forbidden, scope.StatusCode);
        var (cross, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", beta, IssueBody());
        Assert.Equal(HttpStatusCode.NotFound, cross.StatusCode);
        Assert.Empty(await node.Services.Store.Credentials.ListAsync("acme", CredentialDirection.Issued));
        var (ok, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acme, IssueBody());
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    [PostgresFact]
    public async Task Issue_stores_the_original_bytes_and_verify_is_200_or_422()
    {
        await using var node = await NodePostgres.StartNodeAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var (created, issued) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, IssueBody());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var vc = issued.GetProperty("verifiableCredential");
        var id = vc.GetProperty("id").GetString()!;
        var stored = await node.Services.Store.Credentials.GetAsync("acme", id);
        Assert.NotNull(stored);
        Assert.Equal(CredentialDirection.Issued, stored.Direction);

        using var read = await node.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri("/organizations/acme/credentials/" + Uri.EscapeDataString(id), UriKind.Relative))
        {
            Headers = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token) },
        });
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(stored.Content.ToArray(), await read.Content.ReadAsByteArrayAsync());

        var (ok, result) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/verify", token, "{\"verifiableCredential\":" + vc.GetRawText() + "}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True(result.GetProperty("verified").GetBoolean());
        var tampered = vc.GetRawText().Replace("Steel coil 42", "Steel coil 43", StringComparison.Ordinal);
        var (bad, problem) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/verify", token, "{\"verifiableCredential\":" + tampered + "}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.False(problem.GetProperty("verification").GetProperty("verified").GetBoolean());
    }

    [PostgresFact]
    public async Task A_challenge_is_consumed_once_even_by_concurrent_verifications()
    {
        await using var node = await NodePostgres.StartNodeAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var (_, issued) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, IssueBody());
        var (challengeResponse, challenge) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/challenges", token);
        Assert.Equal(HttpStatusCode.Created, challengeResponse.StatusCode);
        var value = challenge.GetProperty("challenge").GetString()!;
        using var holder = new HolderPresentations();
        var presentation = holder.Sign([issued.GetProperty("verifiableCredential").GetRawText()], value);
        var body = "{\"verifiablePresentation\":" + presentation + ",\"options\":{\"challenge\":\"" + value + "\"}}";

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => node.SendAsync(HttpMethod.Post, "/organizations/acme/presentations/verify", token, body)));
        Assert.Equal(1, answers.Count(a => a.Response.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, answers.Count(a => a.Response.StatusCode == HttpStatusCode.UnprocessableEntity));
    }

    [PostgresFact]
    public async Task A_presentation_enters_the_inbox_once_with_its_credentials_then_409()
    {
        await using var node = await NodePostgres.StartNodeAsync();
        var acme = await node.TenantWithTokenAsync("acme");
        var beta = await node.TenantWithTokenAsync("beta");
        var (_, issued) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acme, IssueBody());
        var (_, challenge) = await node.SendAsync(HttpMethod.Post, "/organizations/beta/challenges", beta);
        using var holder = new HolderPresentations();
        var presentation = holder.Sign([issued.GetProperty("verifiableCredential").GetRawText()], challenge.GetProperty("challenge").GetString()!);
        var id = JsonNode.Parse(presentation)!["id"]!.GetValue<string>();

        var (accepted, receipt) = await node.SendAsync(HttpMethod.Post, "/organizations/beta/presentations", beta, presentation);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(id, receipt.GetProperty("id").GetString());
        Assert.NotNull(await node.Services.Store.Presentations.GetAsync("beta", id));
        Assert.NotNull(await node.Services.Store.Credentials.GetAsync("beta", issued.GetProperty("verifiableCredential").GetProperty("id").GetString()!));
        Assert.Null(await node.Services.Store.Presentations.GetAsync("acme", id));

        var (repeat, _) = await node.SendAsync(HttpMethod.Post, "/organizations/beta/presentations", beta, presentation);
        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);

        var (unknown, _) = await node.SendAsync(HttpMethod.Post, "/organizations/beta/presentations", beta, holder.Sign([issued.GetProperty("verifiableCredential").GetRawText()], "never-issued"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
    }
}
