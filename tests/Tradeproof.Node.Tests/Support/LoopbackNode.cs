using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Tradeproof.Node.Tests;

/// <summary>
/// A node in this process on a real loopback port (Kestrel) over a fresh SQLite store, with <c>localhost</c> on its
/// did:web loopback allowlist: nodes of one test find each other by did:web over HTTP. What the in-memory
/// <see cref="NodeTestHost"/> does too (tokens, the data folder, stopping) is <see cref="NodeTestHost"/>'s.
/// </summary>
internal sealed class LoopbackNode : IAsyncDisposable
{
    private readonly string _folder;

    private LoopbackNode(string folder, WebApplication app, Uri baseUrl)
    {
        _folder = folder;
        App = app;
        BaseUrl = baseUrl;
        Services = app.Services.GetRequiredService<NodeServices>();
        Administration = new NodeAdministration(Services.Store, Services.Identity, Services.Random);
        Http = new HttpClient { BaseAddress = baseUrl };
    }

    public WebApplication App { get; }

    public Uri BaseUrl { get; }

    public NodeServices Services { get; }

    public NodeAdministration Administration { get; }

    public HttpClient Http { get; }

    /// <summary>The SQLite database file of the node's store.</summary>
    public string DatabaseFile => Path.Combine(_folder, NodeStoreFactory.DatabaseFile);

    public static async Task<LoopbackNode> StartAsync(Func<NodeOptions, NodeOptions>? configure = null)
    {
        var port = FreePort.Loopback();
        var folder = NodeTestHost.NewFolder("loopback");
        var url = new Uri($"http://localhost:{port}");
        var options = new NodeOptions { DataDirectory = folder, PublicUrl = url, LoopbackDidWebHosts = ["localhost"] };
        options = configure?.Invoke(options) ?? options;
        var app = await TradeproofNode.BuildAsync(options, $"http://localhost:{port}");
        await app.StartAsync();
        return new LoopbackNode(folder, app, url);
    }

    /// <summary>A token of a new client of <paramref name="tenantId"/> (which must exist) with <paramref name="scopes"/>.</summary>
    public async Task<string> TokenAsync(string tenantId, params string[] scopes)
    {
        var client = await Administration.AddClientAsync(tenantId, scopes);
        return await NodeTestHost.TokenAsync(Http, client.ClientId, client.ClientSecret);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? token, string? json = null)
    {
        var (status, text) = await SendTextAsync(method, path, token, json);
        return (status, text.Length == 0 || text[0] is not ('{' or '[') ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<(HttpStatusCode Status, string Text)> SendTextAsync(HttpMethod method, string path, string? token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await NodeTestHost.StopAsync(App, _folder);
    }
}
