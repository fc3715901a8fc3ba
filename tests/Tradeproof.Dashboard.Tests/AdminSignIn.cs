using Microsoft.Playwright;
using Tradeproof.Node;

namespace Tradeproof.Dashboard.Tests;

/// <summary>Signing the dashboard tests in as the CBP node's operator, the way a person does: a one-time link.</summary>
public static class AdminSignIn
{
    /// <summary>Opens a fresh sign-in link in the tab and presses "Sign in"; the tab ends on the dashboard.</summary>
    public static async Task SignInAsync(DashboardFixture fixture, BrowserTab tab)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(tab);
        var link = await OperatorLogin.CreateAsync(fixture.Network.Node("cbp").Services, fixture.BaseUrl);
        await tab.GoAsync(link.Url);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await tab.Page.WaitForURLAsync(fixture.BaseUrl + "/dashboard");
    }
}
