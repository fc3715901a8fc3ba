using System.Net;
using System.Text.Json;

namespace Tradeproof.Node.Tests;

/// <summary>did:web documents (no authentication) and OAuth 2.0 client credentials: 401, 403, cross-tenant 404.</summary>
public sealed class IdentityAndAuthTests
{
    [Fact]
    public async Task The_node_and_each_tenant_serve_their_did_web_documents()
    {
        await using var node = await NodeTestHost.StartAsync();
        var did = await node.Administration.AddTenantAsync("acme", "ACME Steel", publicVerification: false);
        Assert.Equal("did:web:localhost%3A5080:organizations:acme", did);

        var (nodeResponse, nodeDocument) = await node.SendAsync(HttpMethod.Get, "/.well-known/did.json");
        Assert.Equal(HttpStatusCode.OK, nodeResponse.StatusCode);
        Assert.Equal("did:web:localhost%3A5080", nodeDocument.GetProperty("id").GetString());

        var (response, document) = await node.SendAsync(HttpMethod.Get, "/organizations/acme/did.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/did+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(did, document.GetProperty("id").GetString());
        var methods = document.GetProperty("verificationMethod").EnumerateArray().ToList();
        Assert.Equal([did + "#key-1", did + "#key-2", did + "#key-3"], methods.Select(m => m.GetProperty("id").GetString()));
        Assert.StartsWith("z6Mk", methods[0].GetProperty("publicKeyMultibase").GetString());
        var service = Assert.Single(document.GetProperty("service").EnumerateArray());
        var type = service.GetProperty("type");
        Assert.Equal("TraceabilityAPI", type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Single().GetString() : type.GetString());
        Assert.Equal("http://localhost:5080/organizations/acme", service.GetProperty("serviceEndpoint").GetString());
    }

    [Fact]
    public async Task An_unknown_organisation_has_no_document()
    {
        await using var node = await NodeTestHost.StartAsync();
        var (response, _) = await node.SendAsync(HttpMethod.Get, "/organizations/nobody/did.json");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Tenant_keys_are_sealed_in_the_store()
    {
        await using var node = await NodeTestHost.StartAsync();
        var did = await node.Administration.AddTenantAsync("acme", null, false);
        var keys = await node.Services.Store.Keys.ListAsync("acme");
        Assert.Equal(["Ed25519", "P-256", "P-384"], keys.Select(k => k.Algorithm));
        Assert.All(keys, k => Assert.True(k.SecretKey.IsEmpty));
        Assert.All(keys, k => Assert.Equal(did, k.Controller));
        await Assert.ThrowsAsync<ArgumentException>(() => node.Administration.AddTenantAsync("acme", null, false).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => node.Administration.AddTenantAsync("Not_Valid", null, false).AsTask());
    }

    [Fact]
    public async Task A_wrong_secret_is_401_invalid_client()
    {
        await using var node = await NodeTestHost.StartAsync();
        await node.Administration.AddTenantAsync("acme", null, false);
        var client = await node.Administration.AddClientAsync("acme", [Scopes.IssueCredentials]);
        var form = $"grant_type=client_credentials&client_id={Uri.EscapeDataString(client.ClientId)}&client_secret=wrong";
        var (response, body) = await node.SendAsync(HttpMethod.Post, "/oauth/token", json: form, contentType: "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_scope_not_granted_is_invalid_scope_and_json_is_415()
    {
        await using var node = await NodeTestHost.StartAsync();
        await node.Administration.AddTenantAsync("acme", null, false);
        var client = await node.Administration.AddClientAsync("acme", [Scopes.VerifyCredentials]);
        var form = $"grant_type=client_credentials&client_id={Uri.EscapeDataString(client.ClientId)}&client_secret={Uri.EscapeDataString(client.ClientSecret)}&scope=issue:credentials";
        var (response, body) = await node.SendAsync(HttpMethod.Post, "/oauth/token", json: form, contentType: "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_scope", body.GetProperty("error").GetString());

        var (json, _) = await node.SendAsync(HttpMethod.Post, "/oauth/token", json: "{}");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
    }

    [Fact]
    public async Task A_foreign_audience_is_refused()
    {
        await using var node = await NodeTestHost.StartAsync();
        await node.Administration.AddTenantAsync("acme", null, false);
        var client = await node.Administration.AddClientAsync("acme", [Scopes.VerifyCredentials]);
        var form = $"grant_type=client_credentials&client_id={Uri.EscapeDataString(client.ClientId)}&client_secret={Uri.EscapeDataString(client.ClientSecret)}&audience=https://evil.example";
        var (response, body) = await node.SendAsync(HttpMethod.Post, "/oauth/token", json: form, contentType: "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_target", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task No_token_is_401_with_a_bearer_challenge()
    {
        await using var node = await NodeTestHost.StartAsync();
        await node.Administration.AddTenantAsync("acme", null, false);
        var (response, body) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", json: "{\"credential\":" + NodeTestHost.Credential() + "}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(401, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_forged_or_tampered_token_is_401()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var parts = token.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + (parts[2][0] == 'A' ? 'B' : 'A') + parts[2][1..];
        var (response, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", forged, "{\"credential\":" + NodeTestHost.Credential() + "}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_without_the_scope_is_403()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme", Scopes.VerifyCredentials);
        var (response, body) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", token, "{\"credential\":" + NodeTestHost.Credential() + "}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(Scopes.IssueCredentials, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_token_gets_404_never_their_data()
    {
        await using var node = await NodeTestHost.StartAsync();
        var acme = await node.TenantWithTokenAsync("acme");
        var beta = await node.TenantWithTokenAsync("beta");
        var (issued, body) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", acme, "{\"credential\":" + NodeTestHost.Credential() + "}");
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var id = body.GetProperty("verifiableCredential").GetProperty("id").GetString()!;

        var (own, _) = await node.SendAsync(HttpMethod.Get, "/organizations/acme/credentials/" + Uri.EscapeDataString(id), acme);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var (cross, _) = await node.SendAsync(HttpMethod.Get, "/organizations/acme/credentials/" + Uri.EscapeDataString(id), beta);
        Assert.Equal(HttpStatusCode.NotFound, cross.StatusCode);
        var (crossIssue, _) = await node.SendAsync(HttpMethod.Post, "/organizations/acme/credentials/issue", beta, "{\"credential\":" + NodeTestHost.Credential() + "}");
        Assert.Equal(HttpStatusCode.NotFound, crossIssue.StatusCode);
        var (ownPath, _) = await node.SendAsync(HttpMethod.Get, "/organizations/beta/credentials/" + Uri.EscapeDataString(id), beta);
        Assert.Equal(HttpStatusCode.NotFound, ownPath.StatusCode);
    }

    [Fact]
    public async Task Identifiers_resolve_percent_encoded_dids_of_this_node()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("acme");
        var (response, body) = await node.SendAsync(HttpMethod.Get, "/organizations/acme/identifiers/" + Uri.EscapeDataString("did:web:localhost%3A5080:organizations:acme"), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("did:web:localhost%3A5080:organizations:acme", body.GetProperty("didDocument").GetProperty("id").GetString());
        var (decodedPort, decoded) = await node.SendAsync(HttpMethod.Get, "/organizations/acme/identifiers/did:web:localhost%3A5080:organizations:acme", token);
        Assert.Equal(HttpStatusCode.OK, decodedPort.StatusCode);
        Assert.Equal("did:web:localhost%3A5080:organizations:acme", decoded.GetProperty("didDocument").GetProperty("id").GetString());
        var (unknown, _) = await node.SendAsync(HttpMethod.Get, "/organizations/acme/identifiers/" + Uri.EscapeDataString("did:web:localhost%3A5080:organizations:zed"), token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    internal static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
