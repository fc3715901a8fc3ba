using Microsoft.Playwright;

namespace Tradeproof.Dashboard.Tests;

/// <summary>The twin pages in chromium over the demo's data on the CBP node.</summary>
[Collection(DashboardCollection.Name)]
public sealed class TwinPagesTests(DashboardFixture fixture)
{
    private const string Coil = "COIL-24-5521-01";

    private string Twins => fixture.BaseUrl + "/dashboard/organizations/cbp/twins";

    [BrowserFact]
    public async Task Search_then_twin_page_then_a_credentials_verification_checks()
    {
        await using var tab = await fixture.OpenAsync();
        var page = tab.Page;
        await tab.GoAsync(fixture.DashboardUrl);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link, new() { Name = "Twins" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "U.S. Customs and Border Protection" }).ClickAsync();
        Assert.EndsWith("/dashboard/organizations/cbp/twins", page.Url, StringComparison.Ordinal);
        var all = await page.Locator("#twins tbody tr").CountAsync();
        Assert.True(all >= 2, $"{all} twins listed");
        await tab.ScreenshotAsync("twins");

        await page.GetByLabel("Identifier").FillAsync(Coil);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        // The twin itself first, then the twins that share an event with it (the shipment, the heat).
        Assert.Equal(Coil, await page.Locator("#twins tbody tr").First.Locator("td").First.InnerTextAsync());
        await page.Locator("#twins").GetByRole(AriaRole.Link, new() { Name = Coil, Exact = true }).ClickAsync();

        // What, who, where; the broken custody chain of the demo's phantom hand-over is shown as an issue.
        Assert.Contains("twin?id=" + Coil, page.Url, StringComparison.Ordinal);
        Assert.Contains("TWIN-CUSTODY-CHAIN-BROKEN", await page.Locator("#issues + ul").InnerTextAsync(), StringComparison.Ordinal);
        foreach (var heading in new[] { "What", "Who", "Where", "Custody chain", "Readings", "Timeline", "Credentials" })
        {
            Assert.Equal(1, await page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true, Level = 2 }).CountAsync());
        }

        Assert.True(await page.Locator("ol.chain li").CountAsync() >= 2);
        Assert.True(await page.Locator("svg.map circle.place").CountAsync() >= 1);
        Assert.True(await page.Locator("ol.places li").CountAsync() >= 1);
        Assert.True(await page.EvaluateAsync<bool>("(() => { const i = document.querySelector('svg.map image'); return i && i.getBBox().width > 0; })()"));

        // The timeline links each event to the credential behind it; the credential lists its named checks.
        var source = page.Locator("#timeline + table tbody tr td:last-child a").First;
        var type = await source.InnerTextAsync();
        await source.ClickAsync();
        var anchor = new Uri(page.Url).Fragment.TrimStart('#');
        Assert.StartsWith("credential-", anchor, StringComparison.Ordinal);
        var credential = page.Locator("#" + anchor);
        Assert.Equal(type, await credential.Locator("h3").InnerTextAsync());
        var checks = credential.Locator("table tbody tr");
        Assert.True(await checks.CountAsync() >= 3, "named checks listed");
        Assert.Contains(await checks.Locator("td:first-child").AllTextContentsAsync(), n => n.Contains("proof", StringComparison.OrdinalIgnoreCase));
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await tab.ScreenshotAsync("twin");
        Assert.True(tab.Errors.Count == 0, string.Join("\n", tab.Errors));
    }

    [BrowserFact]
    public async Task Sensor_readings_are_a_chart_with_a_table_and_the_warm_container_is_out_of_range()
    {
        // The warm container was presented to FDA (the food scenario's failure twin): FDA's node, signed in by its own link.
        await using var tab = await fixture.OpenAsync();
        var page = tab.Page;
        var fda = fixture.Network.Node("fda");
        var signIn = await Tradeproof.Node.OperatorLogin.CreateAsync(fda.Services, fda.BaseUrl);
        await tab.GoAsync(signIn.Url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(fda.BaseUrl + "/dashboard");
        await tab.GoAsync(fda.BaseUrl + "/dashboard/organizations/fda/twins?type=reading");
        var links = await page.Locator("#twins tbody td:first-child a").AllAsync();
        var hrefs = new List<string>();
        foreach (var link in links)
        {
            hrefs.Add((await link.GetAttributeAsync("href"))!);
        }

        Assert.NotEmpty(hrefs);
        var outOfRange = 0;
        foreach (var href in hrefs)
        {
            await tab.GoAsync(fda.BaseUrl + href);
            var chart = page.Locator("svg.chart").First;
            Assert.Equal("img", await chart.GetAttributeAsync("role"));
            Assert.Contains("readings", await chart.Locator("title").TextContentAsync(), StringComparison.Ordinal);

            // The table is the chart's alternative: one row per plotted reading, the same ones out of range.
            var dots = await chart.Locator("circle.dot").CountAsync();
            var status = await page.Locator("#readings ~ table").First.Locator("tbody td:nth-child(4)").AllInnerTextsAsync();
            Assert.Equal(dots, status.Count);
            Assert.Equal(await chart.Locator("circle.dot.out").CountAsync(), status.Count(s => s == "out of range"));
            if (status.Contains("out of range"))
            {
                outOfRange++;
                await page.Locator("#readings").ScrollIntoViewIfNeededAsync();
                await tab.ScreenshotAsync("twin-readings");
            }
        }

        Assert.True(outOfRange >= 1, "the demo's warm reefer reading is out of range");
        Assert.True(tab.Errors.Count == 0, string.Join("\n", tab.Errors));
    }

    [BrowserFact]
    public async Task The_search_works_from_the_keyboard_and_markup_in_a_query_stays_text()
    {
        await using var tab = await fixture.OpenAsync();
        var page = tab.Page;
        await tab.GoAsync(Twins);
        string? name = null;
        for (var i = 0; i < 15 && name != "id"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            name = await page.EvaluateAsync<string?>("document.activeElement.getAttribute('name')");
        }

        Assert.Equal("id", name);
        await page.Keyboard.TypeAsync(Coil);
        Assert.Equal(Coil, await page.EvaluateAsync<string>("document.activeElement.value"));
        var navigated = page.WaitForURLAsync(url => url.Contains("id=" + Coil, StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Enter");
        await navigated;
        Assert.Equal(Coil, await page.Locator("#twins tbody tr").First.Locator("td").First.InnerTextAsync());

        const string hostile = "<script>document.title='pwned'</script>\"><img src=x>";
        await tab.GoAsync(Twins + "?q=" + Uri.EscapeDataString(hostile));
        Assert.Equal(hostile, await page.GetByLabel("Text").InputValueAsync());
        Assert.Equal(0, await page.Locator("main script, main img").CountAsync());
        Assert.DoesNotContain("pwned", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal("No twin matches.", await page.Locator("#twins caption").InnerTextAsync());
    }

    [BrowserFact]
    public async Task An_unknown_twin_is_a_404_page()
    {
        await using var tab = await fixture.OpenAsync();
        var response = await tab.Page.GotoAsync(fixture.BaseUrl + "/dashboard/organizations/cbp/twin?id=NO-SUCH-TWIN");
        Assert.Equal(404, response!.Status);
        Assert.Contains("No twin 'NO-SUCH-TWIN'", await tab.Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }
}
