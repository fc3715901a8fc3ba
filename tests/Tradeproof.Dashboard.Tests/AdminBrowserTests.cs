using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Tradeproof.Node;

namespace Tradeproof.Dashboard.Tests;

/// <summary>
/// The operator's pages in chromium on the demo's CBP node (end to end): signing in by the one-time link and out, a
/// revocation clicked through the status page that the node's <c>/credentials/verify</c> then reports, a POST
/// without the CSRF token refused, and the admin pages rendered without console errors (screenshots
/// <c>docs/screenshots/admin-*.png</c> with <c>TRADEPROOF_SCREENSHOTS=1</c>).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AdminBrowserTests(DashboardFixture fixture)
{
    [BrowserFact]
    public async Task Sign_in_by_the_one_time_link_and_sign_out()
    {
        var context = await fixture.Browser.NewContextAsync();
        await using var tab = new BrowserTab(context, await context.NewPageAsync());
        var page = tab.Page;
        var refused = await page.GotoAsync(fixture.BaseUrl + "/dashboard/log");
        Assert.Equal(403, refused!.Status);
        Assert.Contains("Sign in first.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        var link = await OperatorLogin.CreateAsync(fixture.Network.Node("cbp").Services, fixture.BaseUrl);
        await tab.GoAsync(link.Url);
        await tab.ScreenshotAsync("admin-sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/dashboard");
        Assert.Equal("Organizations on this node", await page.Locator("h1").InnerTextAsync());
        var cookie = (await context.CookiesAsync()).Single();
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);

        // The link worked once: another browser opening it gets the button, and pressing it is refused.
        await using (var other = await fixture.Browser.NewContextAsync())
        {
            var again = await other.NewPageAsync();
            await again.GotoAsync(link.Url);
            var second = await again.RunAndWaitForResponseAsync(() => again.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(), r => r.Request.Method == "POST");
            Assert.Equal(401, second.Status);
            Assert.Empty(await other.CookiesAsync());
        }

        await tab.GoAsync(fixture.BaseUrl + "/dashboard/logout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + OperatorLogin.Path);
        Assert.Contains("You are not signed in.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(403, (await page.GotoAsync(fixture.BaseUrl + "/dashboard/log"))!.Status);
        Assert.DoesNotContain(tab.Errors, e => !e.Contains("HTTP 40", StringComparison.Ordinal) && !e.Contains("status of 40", StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task A_revocation_clicked_on_the_status_page_is_what_verify_then_says()
    {
        var (credential, id) = await IssueAsync("Coil revoked from the dashboard");
        Assert.Equal(HttpStatusCode.OK, await VerifyAsync(credential));

        await using var tab = await fixture.OpenAsync();
        var page = tab.Page;
        page.SetDefaultTimeout(90_000); // the CI machine may be loaded
        await tab.GoAsync(fixture.BaseUrl + "/dashboard/organizations/cbp/status-lists");
        await page.GetByLabel("Credential id").FillAsync(id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();
        var revocation = page.Locator("#result tr", new() { HasText = "revocation" });
        Assert.Contains("Not revoked", await revocation.InnerTextAsync(), StringComparison.Ordinal);
        await tab.ScreenshotAsync("admin-status-lists");

        await revocation.GetByRole(AriaRole.Button, new() { Name = "Revoke…" }).ClickAsync();
        await page.GetByText("Revocation is permanent").WaitForAsync();
        Assert.Equal(HttpStatusCode.OK, await VerifyAsync(credential)); // nothing changed before the confirmation
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm: revoke" }).ClickAsync();
        Assert.StartsWith("Revoked: " + id, await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await VerifyAsync(credential));

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the credential" }).ClickAsync();
        Assert.Contains("Revoked", await page.Locator("#result tr", new() { HasText = "revocation" }).InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(tab.Errors.Count == 0, string.Join("\n", tab.Errors));
    }

    [BrowserFact]
    public async Task A_POST_without_the_CSRF_token_is_refused_even_with_the_session_cookie()
    {
        var (credential, id) = await IssueAsync("Coil a forged form tries to revoke");
        await using var tab = await fixture.OpenAsync();

        // The browser context holds the session cookie; the form lacks the token (or carries another).
        foreach (var csrf in new string?[] { null, "forged-token" })
        {
            var form = tab.Context.APIRequest.CreateFormData();
            form.Set("credential", id).Set("purpose", "revocation").Set("status", "true");
            if (csrf is not null)
            {
                form.Set("csrf", csrf);
            }

            var response = await tab.Context.APIRequest.PostAsync(fixture.BaseUrl + "/dashboard/organizations/cbp/status-lists/change", new()
            {
                Form = form,
                Headers = new Dictionary<string, string> { ["Origin"] = fixture.BaseUrl },
            });
            Assert.Equal(403, response.Status);
            Assert.Contains("Form refused", await response.TextAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, await VerifyAsync(credential));
    }

    [BrowserFact]
    public async Task The_admin_pages_render_the_demo_data_without_errors()
    {
        await using var tab = await fixture.OpenAsync();
        var page = tab.Page;
        var cbp = fixture.Network.Node("cbp").Services.Identity.TenantDid("cbp");

        await tab.GoAsync(fixture.BaseUrl + "/dashboard/organizations/cbp/registry");
        Assert.Equal("Verified", await page.Locator("dd .ok").First.InnerTextAsync());
        Assert.True(await page.GetByRole(AriaRole.Table, new() { Name = "Allowed issuers" }).Locator("tbody tr").CountAsync() > 0);
        await tab.ScreenshotAsync("admin-registry");

        await tab.GoAsync(fixture.BaseUrl + "/dashboard/organizations/cbp/keys");
        Assert.Contains(cbp + "#key-1", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByText("Raw DID document (JSON)").First.ClickAsync();
        Assert.Contains("\"verificationMethod\"", await page.Locator("details[open] pre").First.InnerTextAsync(), StringComparison.Ordinal);
        await tab.ScreenshotAsync("admin-keys");

        await tab.GoAsync(fixture.BaseUrl + "/dashboard/log");
        if (await page.GetByText("No checkpoint has been signed yet.").CountAsync() > 0)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign a checkpoint now" }).ClickAsync();
        }

        Assert.Contains("Verified", await page.Locator("#checkpoint + dl").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByLabel("Entry index").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Prove" }).ClickAsync();
        Assert.StartsWith("Verified: the entry is in the tree", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        await tab.ScreenshotAsync("admin-log");
        Assert.True(tab.Errors.Count == 0, string.Join("\n", tab.Errors));
    }

    // A credential of cbp with revocation and suspension entries, issued through the CBP node's VC-API.
    private async Task<(string Credential, string Id)> IssueAsync(string name)
    {
        using var http = new HttpClient();
        var body = await ApiAsync(http, "/credentials/issue",
            "{\"credential\":{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiableCredential\"],\"credentialSubject\":{\"id\":\"did:example:coil\",\"name\":\"" + name + "\"}},"
            + "\"options\":{\"credentialStatus\":[{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"revocation\"},{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"suspension\"}]}}", HttpStatusCode.Created);
        var credential = body.GetProperty("verifiableCredential");
        return (credential.GetRawText(), credential.GetProperty("id").GetString()!);
    }

    private async Task<HttpStatusCode> VerifyAsync(string credential)
    {
        using var http = new HttpClient();
        using var request = await RequestAsync(http, "/credentials/verify", "{\"verifiableCredential\":" + credential + "}");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<JsonElement> ApiAsync(HttpClient http, string path, string json, HttpStatusCode expected)
    {
        using var request = await RequestAsync(http, path, json);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpRequestMessage> RequestAsync(HttpClient http, string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.BaseUrl + "/organizations/cbp" + path)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http));
        return request;
    }

    private string? _token;

    // A token of a client of cbp made for these tests (issue, verify, update).
    private async Task<string> TokenAsync(HttpClient http)
    {
        if (_token is not null)
        {
            return _token;
        }

        var services = fixture.Network.Node("cbp").Services;
        var client = await new NodeAdministration(services.Store, services.Identity, services.Random)
            .AddClientAsync("cbp", [Scopes.IssueCredentials, Scopes.VerifyCredentials, Scopes.UpdateCredentials]);
        using var response = await http.PostAsync(new Uri(fixture.BaseUrl + "/oauth/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId, ["client_secret"] = client.ClientSecret,
        }));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return _token = document.RootElement.GetProperty("access_token").GetString()!;
    }
}
