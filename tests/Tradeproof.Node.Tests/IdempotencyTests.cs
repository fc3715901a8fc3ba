using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Tradeproof.Node.Tests;

/// <summary><c>Idempotency-Key</c> on <c>POST /credentials/issue</c>: one effect per key, the response replayed byte for byte, 422 for another body.</summary>
public sealed class IdempotencyTests
{
    private const string Issue = "/organizations/acme/credentials/issue";

    private static async Task<(HttpStatusCode Status, byte[] Body, HttpResponseMessage Response)> PostAsync(NodeTestHost node, string token, string body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Issue, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(Idempotency.HeaderName, key);
        }

        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await node.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response);
    }

    [Fact]
    public async Task The_same_key_and_body_issue_once_and_replay_the_stored_response_byte_for_byte()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var body = VcApiLifecycleTests.IssueBody("{\"credentialStatus\":{\"statusPurpose\":\"revocation\"}}");
        var first = await PostAsync(node, token, body, "order-7781-issue");
        var second = await PostAsync(node, token, body, "order-7781-issue");
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal(first.Body, second.Body);
        Assert.False(first.Response.Headers.Contains(Idempotency.ReplayedHeaderName));
        Assert.Equal("true", second.Response.Headers.GetValues(Idempotency.ReplayedHeaderName).Single());
        Assert.Single(await node.Services.Store.Credentials.ListAsync("acme", Storage.CredentialDirection.Issued));
        Assert.Equal(1, (await node.Services.Store.StatusLists.GetAsync("acme", "revocation-1"))!.AllocatedCount);

        // Another body under the same key: 422, nothing issued. Without a key, or with a new one: a new credential.
        var other = await PostAsync(node, token, VcApiLifecycleTests.IssueBody("{\"cryptosuite\":\"ecdsa-rdfc-2019\"}"), "order-7781-issue");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        Assert.Contains("idempotency-key-reused", Encoding.UTF8.GetString(other.Body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(node, token, body, null)).Status);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(node, token, body, "order-7782-issue")).Status);
        Assert.Equal(3, (await node.Services.Store.Credentials.ListAsync("acme", Storage.CredentialDirection.Issued)).Count);
    }

    [Fact]
    public async Task A_status_change_under_a_key_is_replayed_and_a_different_change_under_it_is_422()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var (_, issued) = await node.SendAsync(HttpMethod.Post, Issue, token, VcApiLifecycleTests.IssueBody("{\"credentialStatus\":{\"statusPurpose\":\"suspension\"}}"));
        var id = issued.GetProperty("verifiableCredential").GetProperty("id").GetString()!;
        string Body(bool on) => "{\"credentialId\":\"" + id + "\",\"credentialStatus\":{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"suspension\"},\"status\":" + (on ? "true" : "false") + "}";

        async Task<(HttpStatusCode Status, byte[] Body, bool Replayed)> StatusAsync(string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/organizations/acme/credentials/status", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.TryAddWithoutValidation(Idempotency.HeaderName, "suspend-42");
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await node.Client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Headers.Contains(Idempotency.ReplayedHeaderName));
        }

        var first = await StatusAsync(Body(true));
        var again = await StatusAsync(Body(true));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.Body, again.Body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await StatusAsync(Body(false))).Status);
        var list = await node.Services.Store.StatusLists.GetAsync("acme", "suspension-1");
        Assert.Equal(0x80, list!.Bitstring.Span[0]);
    }

    [Fact]
    public async Task Concurrent_duplicates_have_one_effect_and_all_get_the_same_response()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var body = VcApiLifecycleTests.IssueBody();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(node, token, body, "burst-1")));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        Assert.All(results, r => Assert.Equal(results[0].Body, r.Body));
        Assert.Single(await node.Services.Store.Credentials.ListAsync("acme", Storage.CredentialDirection.Issued));
    }

    [Fact]
    public async Task A_refused_request_stores_nothing_under_its_key_and_malformed_keys_are_400()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var bad = await PostAsync(node, token, VcApiLifecycleTests.IssueBody("{\"cryptosuite\":\"rot13\"}"), "retry-me");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(node, token, VcApiLifecycleTests.IssueBody(), "retry-me")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(node, token, VcApiLifecycleTests.IssueBody(), new string('k', 256))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(node, token, VcApiLifecycleTests.IssueBody(), "with space")).Status);

        // Keys are per tenant: beta's "retry-me" is its own.
        var beta = await node.TenantWithTokenAsync("beta");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/organizations/beta/credentials/issue", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", beta);
        request.Headers.TryAddWithoutValidation(Idempotency.HeaderName, "retry-me");
        request.Content = new StringContent(VcApiLifecycleTests.IssueBody(), Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Created, (await node.Client.SendAsync(request)).StatusCode);
    }
}
