using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tradeproof.Storage;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// The customs inbox: <c>/dashboard/organizations/{id}/inbox</c> (received presentations in arrival order, with their
/// verification outcome and customs status) and <c>/dashboard/organizations/{id}/inbox/entry?id=PRESENTATION</c> (the
/// presentation's verification checks and each credential's, the customs assessment: status, rule outcomes and agency
/// routing with the agencies' answers, and the provisional messages and referrals sent for it). It shows what the
/// store holds: a tenant that is not a customs authority has presentations without an assessment.
/// </summary>
internal static class InboxPages
{
    /// <summary>Presentations per page.</summary>
    public const int PageSize = 50;

    public static void Map(IEndpointRouteBuilder app)
    {
        DashboardLayout.MapPage(app, DashboardSections.Root + "/organizations/{id}/inbox", ListAsync);
        DashboardLayout.MapPage(app, DashboardSections.Root + "/organizations/{id}/inbox/entry", EntryAsync);
    }

    /// <summary>The URL of an inbox entry's page.</summary>
    public static string EntryUrl(string tenantId, string presentationId) =>
        DashboardSections.TenantPath(tenantId, "inbox", "entry") + "?id=" + Uri.EscapeDataString(presentationId);

    private static async Task ListAsync(HttpContext context)
    {
        var tenant = await DashboardLayout.TenantAsync(context).ConfigureAwait(false);
        var store = JsonResponse.Services(context).Store;
        var ct = context.RequestAborted;
        var afterText = context.Request.Query["after"].ToString();
        long after = 0;
        if (afterText.Length > 0 && (!long.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out after) || after < 0))
        {
            throw new ApiProblemException(ApiProblem.BadRequest("'after' is a sequence number."));
        }

        var entries = await store.Presentations.ListAsync(tenant.Id, after, PageSize + 1, ct).ConfigureAwait(false);
        var rows = new List<(InboxEntry Entry, VerificationView.Result? Verification, CustomsFilingRecord? Filing)>();
        foreach (var entry in entries.Take(PageSize))
        {
            var filing = await store.Customs.GetFilingAsync(tenant.Id, entry.Presentation.Id, ct).ConfigureAwait(false);
            rows.Add((entry, VerificationView.Parse(entry.Presentation.VerificationResultJson), filing));
        }

        var page = new DashboardPage("Inbox", DashboardSection.Inbox, tenant.Id)
        {
            Breadcrumbs = [(tenant.DisplayName, DashboardSections.TenantPath(tenant.Id)), ("Inbox", null)],
        };
        await DashboardLayout.WriteAsync(context, page, main =>
        {
            main.Open("table", ("id", "inbox")).Element("caption", rows.Count == 0 ? "No presentations received." : "Received presentations, oldest first")
                .Open("thead").Open("tr");
            foreach (var heading in new[] { "#", "Received", "Presentation", "From", "Credentials", "Verification", "Customs status" })
            {
                main.Element("th", heading, ("scope", "col"));
            }

            main.Close("tr").Close("thead").Open("tbody");
            foreach (var (entry, verification, filing) in rows)
            {
                var p = entry.Presentation;
                main.Open("tr").Element("td", entry.Sequence.ToString(CultureInfo.InvariantCulture)).Element("td", VerificationView.Time(p.ReceivedAt))
                    .Open("td").Link(EntryUrl(tenant.Id, p.Id), p.Id, ("class", "mono")).Close("td")
                    .Element("td", p.HolderId, ("class", "mono"))
                    .Element("td", (verification?.Credentials.Count ?? 0).ToString(CultureInfo.InvariantCulture)).Open("td");
                VerificationView.Outcome(main, verification?.Outcome);
                main.Close("td").Open("td");
                if (filing is null)
                {
                    main.Element("span", "not assessed", ("class", "muted"));
                }
                else
                {
                    VerificationView.Outcome(main, filing.Status);
                }

                main.Close("td").Close("tr");
            }

            main.Close("tbody").Close("table");
            if (entries.Count > PageSize)
            {
                main.Open("p").Link(DashboardSections.Path(DashboardSection.Inbox, tenant.Id) + "?after=" + entries[PageSize - 1].Sequence.ToString(CultureInfo.InvariantCulture), "Later presentations").Close("p");
            }
        }).ConfigureAwait(false);
    }

    private static async Task EntryAsync(HttpContext context)
    {
        var tenant = await DashboardLayout.TenantAsync(context).ConfigureAwait(false);
        var store = JsonResponse.Services(context).Store;
        var ct = context.RequestAborted;
        var id = context.Request.Query["id"].ToString();
        if (id.Length is 0 or > 2048)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("Which presentation? Give ?id=."));
        }

        var p = await store.Presentations.GetAsync(tenant.Id, id, ct).ConfigureAwait(false)
            ?? throw new ApiProblemException(ApiProblem.NotFound($"No presentation '{id}' in {tenant.DisplayName}'s inbox."));
        var replacedBy = await store.Presentations.ListReplacementsAsync(tenant.Id, id, ct).ConfigureAwait(false);
        var filing = await store.Customs.GetFilingAsync(tenant.Id, id, ct).ConfigureAwait(false);
        var messages = await store.Customs.ListMessagesAsync(tenant.Id, filing: id, cancellationToken: ct).ConfigureAwait(false);
        var verification = VerificationView.Parse(p.VerificationResultJson);
        var credentialIds = CredentialIds(p.Content);
        var credentialTypes = CredentialTypes(p.Content);

        var page = new DashboardPage("Presentation " + Shorten(id), DashboardSection.Inbox, tenant.Id)
        {
            Breadcrumbs = [(tenant.DisplayName, DashboardSections.TenantPath(tenant.Id)), ("Inbox", DashboardSections.Path(DashboardSection.Inbox, tenant.Id)), (Shorten(id), null)],
        };
        await DashboardLayout.WriteAsync(context, page, main =>
        {
            main.Open("dl", ("class", "facts"));
            VerificationView.Fact(main, "Identifier", id, mono: true);
            VerificationView.Fact(main, "From (holder)", p.HolderId, mono: true);
            VerificationView.Fact(main, "Received", VerificationView.Time(p.ReceivedAt));
            VerificationView.Fact(main, "Replaces", p.ReplacesId, mono: true);
            VerificationView.Fact(main, "Replaced by", string.Join(", ", replacedBy.Select(r => r.Id)), mono: true);
            main.Close("dl");

            main.Element("h2", "Verification", ("id", "verification"));
            VerificationView.Write(main, verification, "Checks of the presentation");
            if (verification is not null)
            {
                for (var i = 0; i < verification.Credentials.Count; i++)
                {
                    var c = verification.Credentials[i];
                    var title = (i < credentialTypes.Count ? credentialTypes[i] : "Credential") + " " + (i + 1).ToString(CultureInfo.InvariantCulture);
                    main.Open("section", ("class", "card credential"), ("aria-label", title)).Element("h3", title);
                    if (i < credentialIds.Count)
                    {
                        main.Element("p", credentialIds[i], ("class", "mono"));
                    }

                    VerificationView.Write(main, c, "Checks of " + title, collapsed: true);
                    main.Close("section");
                }
            }

            main.Element("h2", "Customs assessment", ("id", "assessment"));
            if (filing is null)
            {
                main.Element("p", "This presentation was not assessed as a customs filing.", ("class", "muted"));
            }
            else
            {
                Assessment(main, filing);
            }

            main.Element("h2", "Messages sent", ("id", "messages"));
            Messages(main, messages);
            main.Open("p").Link(OutboxPage.Url(tenant.Id), "The outbox").Text(": every message sent, and re-send of given-up ones.").Close("p");
        }).ConfigureAwait(false);
    }

    private static void Assessment(HtmlWriter w, CustomsFilingRecord filing)
    {
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(filing.DecisionJson);
        }
        catch (JsonException)
        {
            w.Element("p", "The stored decision does not parse.", ("class", "bad"));
        }

        using (document)
        {
            var root = document?.RootElement ?? default;
            w.Open("dl", ("class", "facts")).Element("dt", "Status").Open("dd");
            VerificationView.Outcome(w, filing.Status);
            w.Close("dd");
            VerificationView.Fact(w, "Filer", filing.Filer, mono: true);
            VerificationView.Fact(w, "Entry number", VerificationView.String(root, "entryNumber"), mono: true);
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("trustedTrader", out var trusted))
            {
                VerificationView.Fact(w, "Trusted trader", trusted.ValueKind == JsonValueKind.True ? "yes (AEO programme recognised)" : "no");
            }

            VerificationView.Fact(w, "Updated", VerificationView.Time(filing.UpdatedAt));
            w.Close("dl");

            w.Element("h3", "Rule outcomes");
            var reasons = Array(root, "reasons");
            if (reasons.Count == 0)
            {
                w.Element("p", "No rule raised anything: every admissibility rule passed.", ("class", "ok"));
            }
            else
            {
                w.Open("table").Element("caption", "What the admissibility rules found")
                    .Open("thead").Open("tr").Element("th", "Code", ("scope", "col")).Element("th", "Finding", ("scope", "col")).Element("th", "Credential", ("scope", "col")).Close("tr").Close("thead").Open("tbody");
                foreach (var r in reasons)
                {
                    w.Open("tr").Element("td", VerificationView.String(r, "code"), ("class", "mono")).Element("td", VerificationView.String(r, "message"))
                        .Element("td", string.Join(" ", new[] { VerificationView.String(r, "credentialId"), VerificationView.String(r, "pointer") }.Where(s => s is not null)), ("class", "mono")).Close("tr");
                }

                w.Close("tbody").Close("table");
            }

            w.Element("h3", "Agencies");
            var agencies = Array(root, "agencies");
            if (agencies.Count == 0)
            {
                w.Element("p", "Not routed to a partner agency.", ("class", "muted"));
                return;
            }

            w.Open("table").Element("caption", "Partner agencies and their answers")
                .Open("thead").Open("tr").Element("th", "Agency", ("scope", "col")).Element("th", "Why", ("scope", "col"))
                .Element("th", "Hold", ("scope", "col")).Element("th", "Answer", ("scope", "col")).Close("tr").Close("thead").Open("tbody");
            foreach (var a in agencies)
            {
                var released = a.TryGetProperty("released", out var rel) && rel.ValueKind == JsonValueKind.True;
                var hold = a.TryGetProperty("hold", out var h) && h.ValueKind == JsonValueKind.True;
                w.Open("tr").Open("td").Text(VerificationView.String(a, "agency")).Element("div", VerificationView.String(a, "node"), ("class", "mono muted")).Close("td")
                    .Element("td", VerificationView.String(a, "why")).Element("td", hold ? "yes" : "no").Open("td");
                VerificationView.Outcome(w, released ? "released" : hold ? "awaiting answer" : "informed");
                w.Close("td").Close("tr");
            }

            w.Close("tbody").Close("table");
        }
    }

    private static void Messages(HtmlWriter w, IReadOnlyList<OutboxMessageRecord> messages)
    {
        if (messages.Count == 0)
        {
            w.Element("p", "No message was sent for this presentation.", ("class", "muted"));
            return;
        }

        w.Open("table").Element("caption", "Provisional messages, referrals and answers sent, oldest first")
            .Open("thead").Open("tr");
        foreach (var heading in new[] { "Sent", "Kind", "Status", "To", "Delivery", "Attempts" })
        {
            w.Element("th", heading, ("scope", "col"));
        }

        w.Close("tr").Close("thead").Open("tbody");
        foreach (var m in messages.OrderBy(m => m.CreatedAt))
        {
            w.Open("tr").Element("td", VerificationView.Time(m.CreatedAt)).Element("td", m.Kind).Open("td");
            VerificationView.Outcome(w, m.Status);
            w.Close("td").Element("td", m.Recipient, ("class", "mono")).Open("td");
            VerificationView.Outcome(w, m.State);
            if (m.DeliveredAt is { } delivered)
            {
                w.Text(" " + VerificationView.Time(delivered));
            }
            else if (m.LastError is not null)
            {
                w.Text(" · " + m.LastError);
            }

            w.Close("td").Element("td", m.Attempts.ToString(CultureInfo.InvariantCulture)).Close("tr");
        }

        w.Close("tbody").Close("table");
    }

    // The ids and types of the presentation's credentials, in order (as the intake stored them).
    private static List<string> CredentialIds(ReadOnlyMemory<byte> content) => Credentials(content, c =>
        c.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null);

    private static List<string> CredentialTypes(ReadOnlyMemory<byte> content) => Credentials(content, c =>
        c.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString() : null).LastOrDefault(t => t is not null && t != "VerifiableCredential") ?? "VerifiableCredential"
            : "Credential");

    private static List<string> Credentials(ReadOnlyMemory<byte> content, Func<JsonElement, string?> pick)
    {
        var values = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("verifiableCredential", out var list))
            {
                foreach (var item in list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : Enumerable.Repeat(list, 1))
                {
                    values.Add((item.ValueKind == JsonValueKind.Object ? pick(item) : null) ?? "(enveloped or unnamed)");
                }
            }
        }
        catch (JsonException)
        {
            // A stored presentation that does not parse lists no credentials.
        }

        return values;
    }

    private static List<JsonElement> Array(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)]
            : [];

    private static string Shorten(string id) => id.Length <= 48 ? id : id[..20] + "…" + id[^20..];
}
