using Microsoft.Playwright;

namespace Tradeproof.Dashboard.Tests;

/// <summary>The page shell in a real browser: landmarks, skip link and focus order, assets, headers, no console errors.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LayoutTests(DashboardFixture fixture)
{
    [Fact]
    public void The_demo_scenarios_that_seed_the_pages_passed()
    {
        Assert.Equal(DashboardFixture.Scenarios.Count, fixture.Outcomes.Count);
        Assert.All(fixture.Outcomes, o => Assert.True(o.Passed, $"{o.Name}: {o.Error} ({o.Missed} missed)"));
    }

    // HTTP through the browser context (its cookies: the operator's session once signed in), redirects not followed.
    [BrowserFact]
    public async Task The_root_redirects_to_the_dashboard_and_the_stylesheet_is_cached_for_a_year()
    {
        await using var tab = await fixture.OpenAsync();
        var http = tab.Context.APIRequest;
        var root = await http.GetAsync(fixture.DashboardUrl, new() { MaxRedirects = 0 });
        Assert.Equal(302, root.Status);
        Assert.Equal("/dashboard", root.Headers["location"]);

        var page = await http.GetAsync(fixture.BaseUrl + "/dashboard");
        Assert.Equal(200, page.Status);
        var html = await page.TextAsync();
        Assert.Equal("text/html; charset=utf-8", page.Headers["content-type"]);
        Assert.Contains("default-src 'none'", page.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("no-store", page.Headers["cache-control"]);
        var css = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/dashboard/assets/dashboard\\.css\\?v=[0-9a-f]{16})\"").Groups[1].Value;
        Assert.NotEmpty(css);

        var asset = await http.GetAsync(fixture.BaseUrl + css);
        Assert.Equal(200, asset.Status);
        Assert.Equal("text/css; charset=utf-8", asset.Headers["content-type"]);
        Assert.Equal("public, max-age=31536000, immutable", asset.Headers["cache-control"]);
        var notModified = await http.GetAsync(fixture.BaseUrl + css, new() { Headers = new Dictionary<string, string> { ["If-None-Match"] = asset.Headers["etag"] } });
        Assert.Equal(304, notModified.Status);
        Assert.Equal(404, (await http.GetAsync(fixture.BaseUrl + "/dashboard/assets/nothing.css")).Status);
    }

    [BrowserFact]
    public async Task An_unknown_organization_is_a_404_page_without_data()
    {
        await using var tab = await fixture.OpenAsync();
        var response = await tab.Context.APIRequest.GetAsync(fixture.BaseUrl + "/dashboard/organizations/nobody-here");
        Assert.Equal(404, response.Status);
        var html = await response.TextAsync();
        Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
        Assert.Contains("No organization 'nobody-here' on this node.", html, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Landmarks_skip_link_and_keyboard_focus_order()
    {
        await using var tab = await fixture.OpenAsync();
        var page = tab.Page;
        await tab.GoAsync(fixture.DashboardUrl);
        Assert.EndsWith("/dashboard", page.Url, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("header").CountAsync());
        Assert.Equal(1, await page.Locator("main#main").CountAsync());
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" });
        Assert.Equal(
            ["Twins", "Inbox", "Outbox", "Registry", "Keys & DIDs", "Status lists", "Log"],
            await nav.GetByRole(AriaRole.Link).AllInnerTextsAsync());

        // Tab order: the skip link first (visible when focused), then the header, then the sections in order.
        var focused = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused.Add(await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
            if (i == 0)
            {
                Assert.True(await page.Locator(".skip-link").IsVisibleAsync());
                var outline = await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle");
                Assert.Equal("solid", outline);
            }
        }

        Assert.Equal(["Skip to main content", "Tradeproof", "Twins", "Inbox", "Outbox", "Registry", "Keys & DIDs", "Status lists", "Log"], focused);

        // The skip link moves focus into main: the next Tab lands on the first link of the page's content.
        await page.ReloadAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("document.querySelector('main').contains(document.activeElement)"));

        await tab.ScreenshotAsync("dashboard");
        Assert.True(tab.Errors.Count == 0, string.Join("\n", tab.Errors));
    }
}
