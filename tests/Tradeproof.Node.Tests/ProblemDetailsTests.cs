using System.Net;
using System.Text.Json;

namespace Tradeproof.Node.Tests;

/// <summary>Every error is an RFC 9457 problem (application/problem+json with type, title, status), routing's too.</summary>
public sealed class ProblemDetailsTests
{
    private static void AssertProblem(HttpResponseMessage response, JsonElement body, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("https://", body.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Health_and_readiness_answer()
    {
        await using var node = await NodeTestHost.StartAsync();
        var (health, _) = await node.SendAsync(HttpMethod.Get, "/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var (ready, body) = await node.SendAsync(HttpMethod.Get, "/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("sqlite", body.GetProperty("store").GetString());
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        await using var node = await NodeTestHost.StartAsync();
        var (response, body) = await node.SendAsync(HttpMethod.Get, "/no/such/thing");
        AssertProblem(response, body, HttpStatusCode.NotFound);
        Assert.Equal("/no/such/thing", body.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        await using var node = await NodeTestHost.StartAsync();
        var (response, body) = await node.SendAsync(HttpMethod.Get, "/oauth/token");
        AssertProblem(response, body, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_before_parsing_and_nothing_is_stored()
    {
        await using var node = await NodeTestHost.StartAsync(o => o with { MaxRequestBodyBytes = 2048 });
        var token = await node.TenantWithTokenAsync("acme");
        var big = "{\"credential\":" + NodeTestHost.Credential(new string('x', 4096)) + "}";
        var (response, body) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, big);
        AssertProblem(response, body, HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await node.Services.Store.Credentials.ListAsync("acme", Storage.CredentialDirection.Issued));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var (response, body) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, "credential=1", "text/plain");
        AssertProblem(response, body, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Json_deeper_than_the_limit_is_a_400_problem()
    {
        await using var node = await NodeTestHost.StartAsync(o => o with { MaxJsonDepth = 16 });
        var token = await node.TenantWithTokenAsync("acme");
        var deep = "{\"credential\":" + new string('[', 40) + new string(']', 40) + "}";
        var (response, body) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, deep);
        AssertProblem(response, body, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Duplicate_keys_are_a_400_problem()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var duplicate = "{\"credential\":" + NodeTestHost.Credential() + ",\"credential\":{}}";
        var (response, body) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, duplicate);
        AssertProblem(response, body, HttpStatusCode.BadRequest);
        Assert.Empty(await node.Services.Store.Credentials.ListAsync("acme", Storage.CredentialDirection.Issued));
    }

    [Fact]
    public async Task A_missing_credential_member_is_a_400_problem()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var (response, body) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, "{\"options\":{}}");
        AssertProblem(response, body, HttpStatusCode.BadRequest);
    }
}
