using System.Net;
using Tradeproof.Node;
using Tradeproof.Node.Dashboard;
using Tradeproof.Storage;

namespace Tradeproof.Dashboard.Tests;

/// <summary>
/// The customs outbox page over HTTP, signed in, against a node on a loopback port: messages in every state with what
/// the operator needs (state in words, recipient, attempts, last error, next attempt or delivery), the state filter,
/// the newest 200 as the API lists them, and the Re-send form: refused without the CSRF token, re-queued (what
/// <c>POST /customs/messages/{id}/resend</c> does), then "not given up" and "unknown" for the wrong messages.
/// </summary>
public sealed class OutboxPagesTests(AdminTestNode node) : IClassFixture<AdminTestNode>
{
    private const string OutboxPath = "/dashboard/organizations/acme/outbox";
    private const string GivenUp = "urn:uuid:5f1d7c2e-8a3b-4c5d-9e6f-0a1b2c3d4e01";
    private const string Waiting = "urn:uuid:5f1d7c2e-8a3b-4c5d-9e6f-0a1b2c3d4e02";
    private const string Delivered = "urn:uuid:5f1d7c2e-8a3b-4c5d-9e6f-0a1b2c3d4e03";

    [Fact]
    public async Task The_outbox_lists_messages_by_state_and_re_sends_a_given_up_one()
    {
        // Due in a day, so the node's delivery service leaves them alone; did:example does not resolve, so a re-sent one stays pending.
        var store = node.Services.Store.Customs;
        var later = node.Clock.GetUtcNow().AddDays(1);
        foreach (var id in new[] { GivenUp, Waiting, Delivered })
        {
            Assert.True(await store.EnqueueAsync(AdminTestNode.Tenant, new OutboxMessageRecord(id, "provisional-message", "did:example:anam", "urn:uuid:filing-1", "may-proceed", "[]"u8.ToArray(), NextAttemptAt: later)));
        }

        Assert.True(await store.MarkAttemptFailedAsync(AdminTestNode.Tenant, GivenUp, "Refused by the recipient (422), not retried: <b>Issuer</b> not trusted", null));
        Assert.True(await store.MarkAttemptFailedAsync(AdminTestNode.Tenant, Waiting, "The recipient could not be reached", later));
        Assert.True(await store.MarkDeliveredAsync(AdminTestNode.Tenant, Delivered));

        Assert.Equal(HttpStatusCode.Forbidden, (await node.PageAsync(OutboxPath, null)).Status);
        var cookie = await node.SessionAsync();
        var (status, html) = await node.PageAsync(OutboxPath, cookie);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<caption>Messages, newest first: 3</caption>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"bad\">given up</div>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"warn\">pending</div>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"ok\">delivered</div>", html, StringComparison.Ordinal);
        Assert.Contains("<div>1 failed attempt</div>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"muted\">delivered " + VerificationView.Time(node.Clock.GetUtcNow()).Substring(0, 10), html, StringComparison.Ordinal);
        Assert.DoesNotContain("<div class=\"muted\"></div>", html, StringComparison.Ordinal); // nothing next for a given-up one
        Assert.Contains("<div>provisional-message · may-proceed</div>", html, StringComparison.Ordinal);
        Assert.Contains("Refused by the recipient (422), not retried: &lt;b&gt;Issuer&lt;/b&gt; not trusted", html, StringComparison.Ordinal);
        Assert.Contains("next attempt " + VerificationView.Time(later), html, StringComparison.Ordinal); // the waiting one's
        Assert.Contains("href=\"/dashboard/organizations/acme/inbox/entry?id=urn%3Auuid%3Afiling-1\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/dashboard/organizations/acme/outbox\" aria-current=\"page\">Outbox</a>", html, StringComparison.Ordinal);
        Assert.Contains("Customs role: <span class=\"muted\">none", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, ">Re-send<")); // only the given-up one
        Assert.Contains("<input type=\"hidden\" name=\"message\" value=\"" + GivenUp + "\">", html, StringComparison.Ordinal);

        // The filter, as the API's ?state=: only given-up messages; an unknown state is a 400 page.
        var (_, failed) = await node.PageAsync(OutboxPath + "?state=failed", cookie);
        Assert.Contains("<caption>Given up messages, newest first: 1</caption>", failed, StringComparison.Ordinal);
        Assert.Contains(GivenUp, failed, StringComparison.Ordinal);
        Assert.DoesNotContain(Waiting, failed, StringComparison.Ordinal);
        Assert.Contains("<option value=\"failed\" selected>given up</option>", failed, StringComparison.Ordinal);
        var (_, none) = await node.PageAsync(OutboxPath + "?state=delivered", cookie);
        Assert.DoesNotContain(GivenUp, none, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await node.PageAsync(OutboxPath + "?state=given-up", cookie)).Status);

        // Re-send: without the token (or with a forged one) refused, nothing changes.
        var fields = new Dictionary<string, string> { ["csrf"] = AdminTestNode.CsrfOf(failed), ["message"] = GivenUp, ["state"] = "failed" };
        var (forged, _, r1) = await node.PostFormAsync(OutboxPath + "/resend", cookie, new Dictionary<string, string>(fields) { ["csrf"] = "forged" });
        r1.Dispose();
        Assert.Equal(HttpStatusCode.Forbidden, forged);
        Assert.Equal(OutboxStates.Failed, (await store.GetMessageAsync(AdminTestNode.Tenant, GivenUp))!.State);

        var (resent, result, r2) = await node.PostFormAsync(OutboxPath + "/resend", cookie, fields);
        r2.Dispose();
        Assert.Equal(HttpStatusCode.OK, resent);
        Assert.Contains("<p role=\"status\"><span class=\"ok\">Re-queued</span>: <span class=\"mono\">" + GivenUp + "</span> to did:example:anam is pending again", result, StringComparison.Ordinal);
        Assert.Contains("href=\"/dashboard/organizations/acme/outbox?state=failed\">Back to the outbox</a>", result, StringComparison.Ordinal);
        Assert.Equal(OutboxStates.Pending, (await store.GetMessageAsync(AdminTestNode.Tenant, GivenUp))!.State); // or tried once more since (did:example does not resolve): pending either way

        // Again (it is pending now), a delivered one, an unknown one, none: what the API answers 409, 409, 404, 400.
        foreach (var (id, expected, text) in new[]
        {
            (GivenUp, HttpStatusCode.Conflict, "is pending: only a given-up message is re-sent"),
            (Delivered, HttpStatusCode.Conflict, "is delivered: only a given-up message is re-sent"),
            ("urn:uuid:5f1d7c2e-8a3b-4c5d-9e6f-0a1b2c3d4eff", HttpStatusCode.NotFound, HtmlWriter.EncodeText("is not a message of ACME <Steel> & Co's outbox")),
            (string.Empty, HttpStatusCode.BadRequest, "A re-send names one message"),
        })
        {
            var (answer, page, response) = await node.PostFormAsync(OutboxPath + "/resend", cookie, new Dictionary<string, string>(fields) { ["message"] = id });
            response.Dispose();
            Assert.Equal(expected, answer);
            Assert.Contains(text, page, StringComparison.Ordinal);
        }

        Assert.Equal(OutboxStates.Delivered, (await store.GetMessageAsync(AdminTestNode.Tenant, Delivered))!.State);
    }

    [Fact]
    public async Task The_page_shows_200_a_page_like_the_API_links_to_older_ones_and_finds_an_older_given_up_one_by_state()
    {
        var administration = new NodeAdministration(node.Services.Store, node.Services.Identity, node.Services.Random);
        await administration.AddTenantAsync("bulk", "Bulk", publicVerification: false);
        var store = node.Services.Store.Customs;
        var later = node.Clock.GetUtcNow().AddDays(1);
        const string Old = "urn:uuid:5f1d7c2e-8a3b-4c5d-9e6f-0a1b2c3d4eaa";
        Assert.True(await store.EnqueueAsync("bulk", new OutboxMessageRecord(Old, "g2g", "did:example:anam", null, null, "[]"u8.ToArray(), NextAttemptAt: later)));
        Assert.True(await store.MarkAttemptFailedAsync("bulk", Old, "Not sent, given up: no key", null));
        for (var i = 0; i < 200; i++)
        {
            Assert.True(await store.EnqueueAsync("bulk", new OutboxMessageRecord($"urn:uuid:5f1d7c2e-8a3b-4c5d-9e6f-{i:x12}", "g2g", "did:example:anam", null, null, "[]"u8.ToArray(), NextAttemptAt: later)));
        }

        var cookie = await node.SessionAsync();
        var (_, all) = await node.PageAsync("/dashboard/organizations/bulk/outbox", cookie);
        Assert.Contains("<caption>Messages, newest first: 200</caption>", all, StringComparison.Ordinal);
        Assert.DoesNotContain(Old, all, StringComparison.Ordinal);
        Assert.DoesNotContain(">Newest messages</a>", all, StringComparison.Ordinal);

        // The next page: the one older message, and a link back to the newest.
        var older = System.Text.RegularExpressions.Regex.Match(all, "<a href=\"(/dashboard/organizations/bulk/outbox\\?before=[0-9]+)\" rel=\"next\">Older messages</a>");
        Assert.True(older.Success, all);
        var (_, second) = await node.PageAsync(older.Groups[1].Value, cookie);
        Assert.Contains("<caption>Messages, newest first: 1, an older page</caption>", second, StringComparison.Ordinal);
        Assert.Contains(Old, second, StringComparison.Ordinal);
        Assert.Contains(">Newest messages</a>", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Older messages", second, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await node.PageAsync("/dashboard/organizations/bulk/outbox?before=x", cookie)).Status);
        var (_, failed) = await node.PageAsync("/dashboard/organizations/bulk/outbox?state=failed", cookie);
        Assert.Contains("<caption>Given up messages, newest first: 1</caption>", failed, StringComparison.Ordinal);
        Assert.Contains(Old, failed, StringComparison.Ordinal);
        Assert.DoesNotContain("<div>filing ", failed, StringComparison.Ordinal); // no filing

        // An organization without messages, and one that does not exist.
        await administration.AddTenantAsync("quiet", "Quiet", publicVerification: false);
        Assert.Contains("No messages: nothing was sent for this organization.", (await node.PageAsync("/dashboard/organizations/quiet/outbox", cookie)).Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await node.PageAsync("/dashboard/organizations/nobody/outbox", cookie)).Status);
    }
}
