using Microsoft.Playwright;

namespace Tradeproof.Dashboard.Tests;

/// <summary>The customs inbox in chromium over the demo's filings on the CBP node.</summary>
[Collection(DashboardCollection.Name)]
public sealed class InboxPagesTests(DashboardFixture fixture)
{
    [BrowserFact]
    public async Task Inbox_then_an_entry_with_its_checks_rule_outcomes_agencies_and_messages()
    {
        await using var tab = await fixture.OpenAsync();
        var page = tab.Page;
        await tab.GoAsync(fixture.BaseUrl + "/dashboard/organizations/cbp");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link, new() { Name = "Inbox" }).ClickAsync();
        var rows = page.Locator("#inbox tbody tr");
        Assert.True(await rows.CountAsync() >= 4, "the demo's filings are listed");
        var statuses = await rows.Locator("td:last-child").AllInnerTextsAsync();
        Assert.Contains("may-proceed", statuses);
        Assert.Contains("rejected", statuses);
        await tab.ScreenshotAsync("inbox");

        // A rejected filing: its rule outcomes say why, and a provisional message went back to the filer.
        var rejected = rows.Filter(new() { Has = page.Locator("td:last-child", new() { HasTextString = "rejected" }) }).First;
        await rejected.Locator("td:nth-child(3) a").ClickAsync();
        Assert.Contains("/inbox/entry?id=", page.Url, StringComparison.Ordinal);
        Assert.True(await page.Locator("table", new() { Has = page.Locator("caption", new() { HasTextString = "Checks of the presentation" }) }).Locator("tbody tr").CountAsync() >= 1);
        Assert.Equal("rejected", await page.Locator("#assessment + dl dd").First.InnerTextAsync());
        Assert.True(await page.Locator("table", new() { Has = page.Locator("caption", new() { HasTextString = "What the admissibility rules found" }) }).Locator("tbody tr").CountAsync() >= 1);
        var kinds = await page.Locator("#messages + table tbody td:nth-child(2)").AllInnerTextsAsync();
        Assert.Contains("provisional-message", kinds);
        Assert.True(tab.Errors.Count == 0, string.Join("\n", tab.Errors));

        // The food filing was routed to FDA: the agencies table shows it and its answer.
        await page.GoBackAsync();
        var agencyRows = new List<string>();
        foreach (var link in await page.Locator("#inbox tbody td:nth-child(3) a").AllAsync())
        {
            await using var entry = await fixture.OpenAsync();
            await entry.GoAsync(fixture.BaseUrl + await link.GetAttributeAsync("href"));
            agencyRows.AddRange(await entry.Page.Locator("table", new() { Has = entry.Page.Locator("caption", new() { HasTextString = "Partner agencies" }) }).Locator("tbody tr").AllInnerTextsAsync());
            if (agencyRows.Count > 0)
            {
                await entry.ScreenshotAsync("inbox-entry");
                break;
            }
        }

        Assert.Contains(agencyRows, r => r.Contains("FDA", StringComparison.Ordinal) || r.Contains("fda", StringComparison.Ordinal));
    }
}
