using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Tradeproof.Node.Tests;

/// <summary>A node in this process on a test server, over a fresh SQLite store in a temporary folder.</summary>
internal sealed class NodeTestHost : IAsyncDisposable
{
    private readonly string _folder;

    private NodeTestHost(string folder, WebApplication app)
    {
        _folder = folder;
        App = app;
        Client = app.GetTestClient();
        Services = app.Services.GetRequiredService<NodeServices>();
        Administration = new NodeAdministration(Services.Store, Services.Identity, Services.Random);
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public NodeServices Services { get; }

    public NodeAdministration Administration { get; }

    public static async Task<NodeTestHost> StartAsync(Func<NodeOptions, NodeOptions>? configure = null)
    {
        var folder = NewFolder("node");
        var options = new NodeOptions { DataDirectory = folder };
        options = configure?.Invoke(options) ?? options;
        var app = await TradeproofNode.BuildAsync(options, configure: b => b.WebHost.UseTestServer());
        await app.StartAsync();
        return new NodeTestHost(folder, app);
    }

    /// <summary>A tenant with a client holding <paramref name="scopes"/>, and a token for it.</summary>
    public async Task<string> TenantWithTokenAsync(string tenantId, params string[] scopes)
    {
        await Administration.AddTenantAsync(tenantId, null, publicVerification: false);
        var client = await Administration.AddClientAsync(tenantId, scopes.Length > 0 ? scopes : [.. Scopes.All]);
        return await TokenAsync(client.ClientId, client.ClientSecret);
    }

    public Task<string> TokenAsync(string clientId, string secret) => TokenAsync(Client, clientId, secret);

    /// <summary>A token from the node behind <paramref name="http"/> (client credentials grant; 200 expected).</summary>
    public static async Task<string> TokenAsync(HttpClient http, string clientId, string secret)
    {
        using var response = await http.PostAsync(new Uri("/oauth/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("access_token").GetString()!;
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpMethod method, string path, string? token = null, string? json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, body);
    }

    public static string Credential(string subjectName = "Steel coil 42") =>
        "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiableCredential\"],\"credentialSubject\":{\"id\":\"did:example:coil-42\",\"name\":\"" + subjectName + "\"}}";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await StopAsync(App, _folder);
    }

    /// <summary>A fresh temporary data folder for a node (<paramref name="kind"/> names it).</summary>
    internal static string NewFolder(string kind) => Path.Combine(Path.GetTempPath(), $"tradeproof-{kind}-" + Guid.NewGuid().ToString("N"));

    /// <summary>Stops and disposes a node, and deletes its data folder (SQLite's pooled connections closed first).</summary>
    internal static async Task StopAsync(WebApplication app, string folder)
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
