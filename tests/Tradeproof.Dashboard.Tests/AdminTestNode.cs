using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tradeproof.Node;

namespace Tradeproof.Dashboard.Tests;

/// <summary>A clock the admin tests move by hand (sign-in links and sessions expire on the node's clock).</summary>
internal sealed class AdminClock : TimeProvider
{
    private long _ticks = DateTimeOffset.UtcNow.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>
/// A node in this process on a loopback port (plain HTTP, fresh SQLite store, <see cref="AdminClock"/>) with one
/// organisation, <c>acme</c>, and a client holding every scope; requests are sent without following redirects and
/// with cookies handled by hand, so the tests see exactly what the browser would get.
/// </summary>
public sealed class AdminTestNode : IAsyncLifetime
{
    public const string Tenant = "acme";

    private string _folder = string.Empty;
    private WebApplication? _app;

    internal AdminClock Clock { get; } = new();

    public NodeServices Services => _app!.Services.GetRequiredService<NodeServices>();

    public string BaseUrl { get; private set; } = string.Empty;

    public HttpClient Http { get; } = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });

    public string Token { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        _folder = Path.Combine(Path.GetTempPath(), "tradeproof-admin-" + Guid.NewGuid().ToString("N"));
        _app = await TradeproofNode.BuildAsync(new NodeOptions { DataDirectory = _folder }, "http://127.0.0.1:0", time: Clock);
        await _app.StartAsync();
        BaseUrl = _app.Urls.First().TrimEnd('/');
        var administration = new NodeAdministration(Services.Store, Services.Identity, Services.Random);
        await administration.AddTenantAsync(Tenant, "ACME <Steel> & Co", publicVerification: false);
        var client = await administration.AddClientAsync(Tenant, [.. Scopes.All]);
        using var response = await Http.PostAsync(new Uri(BaseUrl + "/oauth/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.ClientId,
            ["client_secret"] = client.ClientSecret,
        }));
        using var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Token = token.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>A fresh one-time sign-in link.</summary>
    public async Task<string> LinkAsync() => (await OperatorLogin.CreateAsync(Services, BaseUrl)).Url;

    /// <summary>Spends a link's token (POST /dashboard/login); returns the response.</summary>
    public Task<HttpResponseMessage> SignInAsync(string link) =>
        Http.PostAsync(new Uri(BaseUrl + OperatorLogin.Path), new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = new Uri(link).Query["?token=".Length..] }));

    /// <summary>A new operator session: its cookie (<c>name=value</c>).</summary>
    public async Task<string> SessionAsync()
    {
        using var response = await SignInAsync(await LinkAsync());
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    /// <summary>GET a dashboard page with a session cookie (or none): status and HTML.</summary>
    public async Task<(HttpStatusCode Status, string Html)> PageAsync(string path, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl + path));
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>POST a dashboard form as a browser would (same Origin), with the given cookie and fields.</summary>
    public async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> PostFormAsync(string path, string? cookie, IReadOnlyDictionary<string, string> fields, string? origin = "", string? fetchSite = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl + path)) { Content = new FormUrlEncodedContent(fields) };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin.Length == 0 ? BaseUrl : origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>The CSRF token in a page's forms.</summary>
    public static string CsrfOf(string html)
    {
        var match = Regex.Match(html, "<input type=\"hidden\" name=\"csrf\" value=\"([A-Za-z0-9_-]+)\">");
        Assert.True(match.Success, "The page has no CSRF field.");
        return match.Groups[1].Value;
    }

    /// <summary>Sends a VC-API request of <see cref="Tenant"/> with the client's token.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> ApiAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl + "/organizations/" + Tenant + path))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Issues a credential with revocation and suspension entries; returns it (JSON) and its id.</summary>
    public async Task<(string Credential, string Id)> IssueWithStatusAsync(string name)
    {
        var (status, body) = await ApiAsync("/credentials/issue",
            "{\"credential\":{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiableCredential\"],\"credentialSubject\":{\"id\":\"did:example:coil\",\"name\":\"" + name + "\"}},"
            + "\"options\":{\"credentialStatus\":[{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"revocation\"},{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"suspension\"}]}}");
        Assert.Equal(HttpStatusCode.Created, status);
        var credential = body.GetProperty("verifiableCredential");
        return (credential.GetRawText(), credential.GetProperty("id").GetString()!);
    }

    /// <summary>What the node's <c>/credentials/verify</c> answers for a credential.</summary>
    public async Task<HttpStatusCode> VerifyAsync(string credential) =>
        (await ApiAsync("/credentials/verify", "{\"verifiableCredential\":" + credential + "}")).Status;

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
