using Microsoft.Playwright;
using Tradeproof.Storage;

namespace Tradeproof.Dashboard.Tests;

/// <summary>
/// The customs outbox in chromium on the demo's CBP node (end to end): a provisional message to a recipient that
/// refuses it (422) is given up by the node's delivery service; the operator finds it from the organization's page
/// through the navigation and the state filter, sees why, fixes the recipient and presses Re-send; the message is
/// delivered and listed as such (screenshot <c>docs/screenshots/admin-outbox.png</c> with <c>TRADEPROOF_SCREENSHOTS=1</c>).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class OutboxBrowserTests(DashboardFixture fixture)
{
    [BrowserFact]
    public async Task A_refused_message_given_up_by_the_node_is_re_sent_from_the_outbox_page_and_delivered()
    {
        await using var recipient = await RefusingRecipient.StartAsync();
        var services = fixture.Network.Node("cbp").Services;
        var store = services.Store.Customs;

        // What CBP sent a filer in the demo, sent again to the refusing recipient (as the intake handler queues it); the
        // delivery service picks it up within its idle wait and gives it up at the 422.
        var sent = (await store.ListMessagesAsync("cbp", state: OutboxStates.Delivered)).First(m => m.Filing is not null);
        var id = "urn:uuid:" + Guid.NewGuid().ToString("D");
        Assert.True(await store.EnqueueAsync("cbp", sent with { Id = id, Recipient = recipient.Did, State = OutboxStates.Pending, Attempts = 0, LastError = null, DeliveredAt = null, NextAttemptAt = services.Time.GetUtcNow() }));
        var givenUp = await EventuallyAsync(store, id, OutboxStates.Failed);
        Assert.Contains("Refused by the recipient (422), not retried", givenUp.LastError, StringComparison.Ordinal);

        await using var tab = await fixture.OpenAsync();
        var page = tab.Page;
        page.SetDefaultTimeout(90_000); // the CI machine may be loaded
        await tab.GoAsync(fixture.BaseUrl + "/dashboard/organizations/cbp");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link, new() { Name = "Outbox" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/dashboard/organizations/cbp/outbox");
        await page.GetByLabel("State").SelectOptionAsync("failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/dashboard/organizations/cbp/outbox?state=failed");
        var row = page.Locator("#outbox tbody tr", new() { HasText = id });
        var shown = await row.InnerTextAsync();
        Assert.Contains("given up", shown, StringComparison.Ordinal);
        Assert.Contains(recipient.Did, shown, StringComparison.Ordinal);
        Assert.Contains(RefusingRecipient.Refusal, shown, StringComparison.Ordinal);
        await tab.ScreenshotAsync("admin-outbox");

        // The operator fixes the cause at the recipient, then re-sends.
        recipient.Fix();
        await row.GetByRole(AriaRole.Button, new() { Name = "Re-send" }).ClickAsync();
        Assert.StartsWith("Re-queued: " + id + " to " + recipient.Did + " is pending again", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        var delivered = await EventuallyAsync(store, id, OutboxStates.Delivered);
        Assert.Equal(0, delivered.Attempts);
        Assert.Equal([422, 202], recipient.Answers(id));

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the outbox" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/dashboard/organizations/cbp/outbox?state=failed");
        Assert.Equal(0, await page.Locator("#outbox tbody tr", new() { HasText = id }).CountAsync());
        await tab.GoAsync(fixture.BaseUrl + "/dashboard/organizations/cbp/outbox?state=delivered");
        Assert.Contains("delivered", await page.Locator("#outbox tbody tr", new() { HasText = id }).Locator("td").Nth(2).InnerTextAsync(), StringComparison.Ordinal);

        // The filing's inbox entry links to the outbox.
        await page.Locator("#outbox tbody tr", new() { HasText = id }).GetByRole(AriaRole.Link, new() { Name = sent.Filing! }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "The outbox" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/dashboard/organizations/cbp/outbox");
        Assert.True(tab.Errors.Count == 0, string.Join("\n", tab.Errors));
    }

    private static async Task<OutboxMessageRecord> EventuallyAsync(ICustomsStore store, string id, string state)
    {
        OutboxMessageRecord? last = null;
        for (var i = 0; i < 1200 && last?.State != state; i++)
        {
            if (i > 0)
            {
                await Task.Delay(50);
            }

            last = await store.GetMessageAsync("cbp", id);
        }

        Assert.True(last?.State == state, $"{id} never got {state}: {last}");
        return last!;
    }
}
