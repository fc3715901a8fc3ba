using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tradeproof.Node.Customs;
using Tradeproof.Storage;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// <c>/dashboard/organizations/{id}/outbox[?state=pending|delivered|failed][&amp;before=SEQUENCE]</c>: the tenant's customs
/// outbox (provisional messages to filers, agency referrals, G2G messages), newest first, <see cref="Limit"/> of the
/// chosen state a page (an "Older messages" link pages on, as <c>GET /organizations/{id}/customs/messages</c> does): state,
/// recipient, kind, carried status, filing, attempts, last error, next attempt or delivery time. Each given-up message
/// has a <b>Re-send</b> button: its POST (<c>.../outbox/resend</c>, with the session's CSRF token) calls
/// <see cref="CustomsServices.ResendAsync"/> like <c>POST /organizations/{id}/customs/messages/{messageId}/resend</c>
/// and shows what happened: re-queued (200), not given up (409) or unknown (404).
/// </summary>
internal static class OutboxPage
{
    /// <summary>Messages shown on one page (the HTTP API's page limit).</summary>
    public const int Limit = CustomsEndpoints.MessagePageLimit;

    private static readonly string[] States = [OutboxStates.Pending, OutboxStates.Delivered, OutboxStates.Failed];

    public static void Map(IEndpointRouteBuilder app, CustomsServices customs)
    {
        ArgumentNullException.ThrowIfNull(customs);
        var path = DashboardSections.Root + "/organizations/{id}/outbox";
        DashboardLayout.MapPage(app, path, c => ListAsync(c, customs));
        AdminForms.MapPost(app, path + "/resend", (c, form) => ResendAsync(c, form, customs));
    }

    /// <summary>The outbox page's URL, for a state (null: every state), from the newest or before a message's sequence.</summary>
    public static string Url(string tenantId, string? state = null, long? before = null)
    {
        var query = (state is null ? string.Empty : "&state=" + state) + (before is null ? string.Empty : "&before=" + before.Value.ToString(CultureInfo.InvariantCulture));
        return DashboardSections.Path(DashboardSection.Outbox, tenantId) + (query.Length == 0 ? string.Empty : "?" + query[1..]);
    }

    /// <summary>The word for a delivery state: <c>failed</c> is shown as "given up" (what happened to it).</summary>
    public static string StateLabel(string state) => state == OutboxStates.Failed ? "given up" : state;

    private static async Task ListAsync(HttpContext context, CustomsServices customs)
    {
        var tenant = await DashboardLayout.TenantAsync(context).ConfigureAwait(false);
        var ct = context.RequestAborted;
        var state = context.Request.Query["state"].ToString();
        if (state.Length > 0 && !States.Contains(state))
        {
            throw new ApiProblemException(ApiProblem.BadRequest($"state is {OutboxStates.Pending}, {OutboxStates.Delivered} or {OutboxStates.Failed} (given up)."));
        }

        var before = QueryParameters.OptionalNumber(context, "before", 1, long.MaxValue);
        var profile = await customs.ProfileAsync(tenant.Id, ct).ConfigureAwait(false);
        var page = await customs.Node.Store.Customs.ListMessagesAsync(tenant.Id, state: state.Length == 0 ? null : state, limit: Limit + 1, before: before, cancellationToken: ct).ConfigureAwait(false);
        var messages = page.Count > Limit ? page.Take(Limit).ToList() : page;
        await DashboardLayout.WriteAsync(context, Page(tenant, "Outbox"), main =>
        {
            main.Element("p", "Messages this organization's node sends for it: provisional messages to filers, referrals to partner agencies, G2G messages. "
                + "Each is delivered at least once: retried with backoff while the recipient cannot be reached or is busy, given up when the recipient refuses it, "
                + "when it cannot be built, or after the last attempt. Once the cause is fixed (the recipient's trust registry, a partner client, a key), re-send it.");
            main.Open("p").Text("Customs role: ").Element("span", profile is null ? "none (no customs profile; PUT /organizations/{id}/customs/profile sets one)" : profile.Role + " · " + profile.Name,
                ("class", profile is null ? "muted" : null)).Close("p");

            main.Open("form", ("method", "get"), ("action", Url(tenant.Id)), ("class", "search"), ("role", "search"));
            main.Open("label").Text("State").Open("select", ("name", "state"));
            main.Element("option", "every state", ("value", string.Empty), ("selected", state.Length == 0 ? string.Empty : null));
            foreach (var s in States)
            {
                main.Element("option", StateLabel(s), ("value", s), ("selected", s == state ? string.Empty : null));
            }

            main.Close("select").Close("label").Element("button", "Show", ("type", "submit")).Close("form");
            Table(main, context, tenant, state, messages, before);
            if (before is not null || page.Count > Limit)
            {
                main.Open("p", ("class", "pages"));
                if (before is not null)
                {
                    main.Link(Url(tenant.Id, state.Length == 0 ? null : state), "Newest messages");
                }

                if (page.Count > Limit)
                {
                    main.Text(before is null ? string.Empty : " · ").Link(Url(tenant.Id, state.Length == 0 ? null : state, messages[^1].Sequence), "Older messages", ("rel", "next"));
                }

                main.Close("p");
            }
        }).ConfigureAwait(false);
    }

    private static void Table(HtmlWriter main, HttpContext context, TenantRecord tenant, string state, IReadOnlyList<OutboxMessageRecord> messages, long? before)
    {
        var which = state.Length == 0 ? "Messages" : char.ToUpperInvariant(StateLabel(state)[0]) + StateLabel(state)[1..] + " messages";
        if (messages.Count == 0)
        {
            main.Element("p", before is not null ? "No older messages." : state.Length == 0 ? "No messages: nothing was sent for this organization." : "No " + StateLabel(state) + " messages.", ("id", "outbox"), ("class", "muted"));
            return;
        }

        var count = messages.Count.ToString(CultureInfo.InvariantCulture);
        main.Open("table", ("id", "outbox"), ("class", "outbox")).Element("caption", which + ", newest first: " + count + (before is null ? string.Empty : ", an older page"))
            .Open("thead").Open("tr");
        foreach (var heading in new[] { "Message", "To", "State", "Last error", "Action" })
        {
            main.Element("th", heading, ("scope", "col"));
        }

        main.Close("tr").Close("thead").Open("tbody");
        foreach (var m in messages)
        {
            main.Open("tr").Open("td").Element("div", m.Id, ("class", "mono")).Element("div", m.Kind + (m.Status is null ? string.Empty : " · " + m.Status));
            if (m.Filing is not null)
            {
                main.Open("div").Text("filing ").Link(InboxPages.EntryUrl(tenant.Id, m.Filing), m.Filing, ("class", "mono")).Close("div");
            }

            main.Element("div", "queued " + VerificationView.Time(m.CreatedAt), ("class", "muted")).Close("td")
                .Element("td", m.Recipient, ("class", "mono"))
                .Open("td").Element("div", StateLabel(m.State), ("class", m.State switch { OutboxStates.Delivered => "ok", OutboxStates.Failed => "bad", _ => "warn" }))
                .Element("div", m.Attempts == 1 ? "1 failed attempt" : m.Attempts.ToString(CultureInfo.InvariantCulture) + " failed attempts");
            var when = m.DeliveredAt is { } delivered ? "delivered " + VerificationView.Time(delivered)
                : m.State == OutboxStates.Pending ? "next attempt " + VerificationView.Time(m.NextAttemptAt) : null;
            if (when is not null)
            {
                main.Element("div", when, ("class", "muted"));
            }

            main.Close("td").Element("td", m.LastError ?? "—").Open("td");
            if (m.State == OutboxStates.Failed)
            {
                AdminForms.OpenPostForm(main, context, DashboardSections.TenantPath(tenant.Id, "outbox", "resend"));
                main.Void("input", ("type", "hidden"), ("name", "message"), ("value", m.Id));
                main.Void("input", ("type", "hidden"), ("name", "state"), ("value", state));
                main.Open("button", ("type", "submit")).Text("Re-send").Element("span", " " + m.Id, ("class", "visually-hidden")).Close("button");
                main.Close("form");
            }
            else
            {
                main.Text("—");
            }

            main.Close("td").Close("tr");
        }

        main.Close("tbody").Close("table");
    }

    private static async Task ResendAsync(HttpContext context, IFormCollection form, CustomsServices customs)
    {
        var tenant = await DashboardLayout.TenantAsync(context).ConfigureAwait(false);
        if (form["message"] is not { Count: 1 } field || field[0] is not { Length: > 0 and <= 2048 } id)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("A re-send names one message (its id)."));
        }

        var back = form["state"] is { Count: 1 } s && States.Contains(s[0]) ? s[0] : null;
        var (outcome, message) = await customs.ResendAsync(tenant.Id, id, context.RequestAborted).ConfigureAwait(false);
        var (title, status) = outcome switch
        {
            ResendOutcome.Requeued => ("Re-queued", 200),
            ResendOutcome.NotGivenUp => ("Not re-sent", 409),
            _ => ("Unknown message", 404),
        };
        await DashboardLayout.WriteAsync(context, Page(tenant, title) with { Status = status }, main =>
        {
            main.Open("p", ("role", "status")).Element("span", title, ("class", outcome == ResendOutcome.Requeued ? "ok" : "bad")).Text(": ").Element("span", id, ("class", "mono"));
            main.Text(outcome switch
            {
                ResendOutcome.Requeued => $" to {message!.Recipient} is pending again, attempts from 0, due now; the delivery service was woken.",
                ResendOutcome.NotGivenUp => $" is {StateLabel(message?.State ?? "gone")}: only a given-up message is re-sent (a pending one is retried anyway, a delivered one was acknowledged by its recipient).",
                _ => $" is not a message of {tenant.DisplayName}'s outbox.",
            }).Close("p");
            if (message is not null)
            {
                main.Open("dl", ("class", "facts"));
                VerificationView.Fact(main, "State", StateLabel(message.State));
                VerificationView.Fact(main, "To", message.Recipient, mono: true);
                VerificationView.Fact(main, "Kind", message.Kind);
                VerificationView.Fact(main, "Attempts", message.Attempts.ToString(CultureInfo.InvariantCulture));
                VerificationView.Fact(main, "Last error", message.LastError);
                main.Close("dl");
            }

            main.Open("p").Link(Url(tenant.Id, back), "Back to the outbox").Close("p");
        }).ConfigureAwait(false);
    }

    private static DashboardPage Page(TenantRecord tenant, string title) => new(title, DashboardSection.Outbox, tenant.Id)
    {
        Breadcrumbs = title == "Outbox"
            ? [("Organizations", DashboardSections.Root), (tenant.DisplayName, DashboardSections.TenantPath(tenant.Id)), (title, null)]
            :
            [
                ("Organizations", DashboardSections.Root), (tenant.DisplayName, DashboardSections.TenantPath(tenant.Id)),
                ("Outbox", Url(tenant.Id)), (title, null),
            ],
    };
}
