using System.Globalization;
using System.Numerics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tradeproof.Storage;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// <c>/dashboard/organizations/{id}/status-lists[?credential=ID]</c>: the tenant's Bitstring Status Lists (per issuer
/// identity and purpose: size, indexes taken, entries set), a lookup of an issued credential's entries with their
/// current values, and revoke / suspend / unsuspend: a confirmation page (<c>GET .../status-lists/change</c>), then
/// the POST with the CSRF token, which goes through the same checks and write as the VC-API's
/// <c>POST /organizations/{id}/credentials/status</c> (<see cref="StatusEndpoints.TargetAsync"/>,
/// <see cref="StatusEndpoints.SetAsync"/>) and drops the verifiers' status caches, so this node's verifier sees it at once.
/// </summary>
internal static class StatusListsPage
{
    private static readonly string[] Purposes = ["revocation", "suspension"];

    public static void Map(IEndpointRouteBuilder app)
    {
        var path = DashboardSections.Root + "/organizations/{id}/status-lists";
        DashboardLayout.MapPage(app, path, PageAsync);
        DashboardLayout.MapPage(app, path + "/change", ConfirmAsync);
        AdminForms.MapPost(app, path + "/change", ChangeAsync);
    }

    private static async Task PageAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenant = await DashboardLayout.TenantAsync(context).ConfigureAwait(false);
        var lists = await ListsAsync(services, tenant.Id, context.RequestAborted).ConfigureAwait(false);
        var credentialId = context.Request.Query["credential"].ToString().Trim();
        var lookup = credentialId.Length == 0 ? null : await LookupAsync(services, tenant.Id, credentialId, context.RequestAborted).ConfigureAwait(false);
        var issued = await services.Store.Credentials.ListAsync(tenant.Id, CredentialDirection.Issued, null, 50, context.RequestAborted).ConfigureAwait(false);
        await DashboardLayout.WriteAsync(context, Page(tenant, "Status lists"), main =>
        {
            main.Element("h2", "Lists", ("id", "lists"));
            if (lists.Count == 0)
            {
                main.Element("p", "No status lists yet: a list is made when the first credential is issued with options.credentialStatus.", ("class", "muted"));
            }
            else
            {
                main.Open("table").Element("caption", "Status lists of " + tenant.DisplayName + " (" + lists.Count.ToString(CultureInfo.InvariantCulture) + ")");
                main.Open("thead").Open("tr").Element("th", "List", ("scope", "col")).Element("th", "Purpose", ("scope", "col")).Element("th", "Issuer", ("scope", "col"))
                    .Element("th", "Size", ("scope", "col")).Element("th", "Indexes taken", ("scope", "col")).Element("th", "Entries set", ("scope", "col")).Close("tr").Close("thead").Open("tbody");
                foreach (var (did, list) in lists)
                {
                    main.Open("tr").Open("td").Link(services.StatusLists.Url(tenant.Id, list.ListId), list.ListId, ("class", "mono")).Close("td")
                        .Element("td", list.Purpose).Element("td", did, ("class", "mono"))
                        .Element("td", list.Entries.ToString("N0", CultureInfo.InvariantCulture) + (list.StatusSize == 1 ? " bits" : $" entries of {list.StatusSize} bits"))
                        .Element("td", list.AllocatedCount.ToString("N0", CultureInfo.InvariantCulture))
                        .Element("td", EntriesSet(list).ToString("N0", CultureInfo.InvariantCulture)).Close("tr");
                }

                main.Close("tbody").Close("table");
            }

            main.Element("h2", "Look up a credential", ("id", "lookup"));
            main.Open("form", ("method", "get"), ("action", DashboardSections.TenantPath(tenant.Id, "status-lists")), ("class", "search"), ("role", "search"));
            main.Open("label").Text("Credential id").Void("input", ("type", "text"), ("name", "credential"), ("value", credentialId), ("size", "60"), ("required", string.Empty)).Close("label");
            main.Element("button", "Look up", ("type", "submit"));
            main.Close("form");
            if (lookup is not null)
            {
                Lookup(main, tenant, lookup);
            }

            main.Element("h2", "Issued credentials", ("id", "issued"));
            if (issued.Count == 0)
            {
                main.Element("p", "None.", ("class", "muted"));
            }
            else
            {
                main.Open("ul");
                foreach (var c in issued)
                {
                    main.Open("li").Link(DashboardSections.TenantPath(tenant.Id, "status-lists") + "?credential=" + Uri.EscapeDataString(c.Id) + "#result", c.Id, ("class", "mono"))
                        .Text(" — " + OperatorPages.Time(c.StoredAt)).Close("li");
                }

                main.Close("ul");
                main.Element("p", issued.Count == 50 ? "The first 50 by id; look up any other by its id." : "Every issued credential, by id.", ("class", "muted"));
            }
        }).ConfigureAwait(false);
    }

    private static void Lookup(HtmlWriter main, TenantRecord tenant, CredentialLookup lookup)
    {
        main.Open("section", ("id", "result"), ("class", "card"), ("aria-labelledby", "result-title"));
        main.Element("h3", "Credential " + lookup.Id, ("id", "result-title"));
        if (lookup.Record is null)
        {
            main.Element("p", $"{tenant.DisplayName} issued no credential with this id.", ("class", "bad"));
            main.Close("section");
            return;
        }

        main.Open("dl", ("class", "facts"));
        main.Element("dt", "Issuer").Element("dd", lookup.Record.IssuerId ?? "(unknown)", ("class", "mono"));
        main.Element("dt", "Issued").Element("dd", OperatorPages.Time(lookup.Record.StoredAt));
        main.Close("dl");
        if (lookup.Entries.Count == 0)
        {
            main.Element("p", "It was issued without a status entry: it cannot be revoked or suspended.", ("class", "muted"));
        }
        else
        {
            main.Open("table").Element("caption", "Status entries");
            main.Open("thead").Open("tr").Element("th", "Purpose", ("scope", "col")).Element("th", "List and index", ("scope", "col"))
                .Element("th", "Current status", ("scope", "col")).Element("th", "Action", ("scope", "col")).Close("tr").Close("thead").Open("tbody");
            foreach (var entry in lookup.Entries)
            {
                main.Open("tr").Element("td", entry.Purpose).Element("td", entry.Target.ListName + " #" + entry.Target.Index.ToString(CultureInfo.InvariantCulture), ("class", "mono"));
                var set = entry.Value != 0;
                main.Element("td", entry.Purpose == "revocation" ? (set ? "Revoked" : "Not revoked") : (set ? "Suspended" : "Not suspended"), ("class", set ? "bad" : "ok"));
                main.Open("td");
                if (entry.Purpose == "revocation" && set)
                {
                    main.Element("span", "Permanent", ("class", "muted"));
                }
                else
                {
                    var label = entry.Purpose == "revocation" ? "Revoke…" : set ? "Unsuspend…" : "Suspend…";
                    main.Open("form", ("method", "get"), ("action", DashboardSections.TenantPath(tenant.Id, "status-lists", "change")));
                    main.Void("input", ("type", "hidden"), ("name", "credential"), ("value", lookup.Id));
                    main.Void("input", ("type", "hidden"), ("name", "purpose"), ("value", entry.Purpose));
                    main.Void("input", ("type", "hidden"), ("name", "status"), ("value", set ? "false" : "true"));
                    main.Element("button", label, ("type", "submit"));
                    main.Close("form");
                }

                main.Close("td").Close("tr");
            }

            main.Close("tbody").Close("table");
        }

        main.Close("section");
    }

    private static async Task ConfirmAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenant = await DashboardLayout.TenantAsync(context).ConfigureAwait(false);
        var (credentialId, purpose, status) = ReadChange(context.Request.Query["credential"], context.Request.Query["purpose"], context.Request.Query["status"]);
        var target = await StatusEndpoints.TargetAsync(services, tenant.Id, credentialId, purpose, status, context.RequestAborted).ConfigureAwait(false);
        var verb = Verb(purpose, status);
        await DashboardLayout.WriteAsync(context, Page(tenant, verb + " a credential"), main =>
        {
            main.Open("p").Text($"{verb} ").Element("span", credentialId, ("class", "mono")).Text($"? This sets entry {target.Index} of {target.ListName} to {(status ? 1 : 0)}.").Close("p");
            if (purpose == "revocation")
            {
                main.Element("p", "Revocation is permanent: it cannot be undone.", ("class", "warn"));
            }

            AdminForms.OpenPostForm(main, context, DashboardSections.TenantPath(tenant.Id, "status-lists", "change"));
            main.Void("input", ("type", "hidden"), ("name", "credential"), ("value", credentialId));
            main.Void("input", ("type", "hidden"), ("name", "purpose"), ("value", purpose));
            main.Void("input", ("type", "hidden"), ("name", "status"), ("value", status ? "true" : "false"));
            main.Element("button", "Confirm: " + verb.ToLowerInvariant(), ("type", "submit"));
            main.Text(" ").Link(LookupUrl(tenant.Id, credentialId), "Cancel");
            main.Close("form");
        }).ConfigureAwait(false);
    }

    private static async Task ChangeAsync(HttpContext context, IFormCollection form)
    {
        var services = JsonResponse.Services(context);
        var tenant = await DashboardLayout.TenantAsync(context).ConfigureAwait(false);
        var (credentialId, purpose, status) = ReadChange(form["credential"], form["purpose"], form["status"]);
        var target = await StatusEndpoints.TargetAsync(services, tenant.Id, credentialId, purpose, status, context.RequestAborted).ConfigureAwait(false);
        var unit = await services.Store.BeginAsync(context.RequestAborted).ConfigureAwait(false);
        await using (unit.ConfigureAwait(false))
        {
            await StatusEndpoints.SetAsync(unit, tenant.Id, target, status, context.RequestAborted).ConfigureAwait(false);
            await unit.CommitAsync(context.RequestAborted).ConfigureAwait(false);
        }

        services.StatusChanged();
        var done = purpose == "revocation" ? "Revoked" : status ? "Suspended" : "Unsuspended";
        await DashboardLayout.WriteAsync(context, Page(tenant, done), main =>
        {
            main.Open("p", ("role", "status")).Element("span", done, ("class", status ? "bad" : "ok"))
                .Text(": ").Element("span", credentialId, ("class", "mono"))
                .Text($". Entry {target.Index} of {target.ListName} is now {(status ? 1 : 0)}.").Close("p");
            main.Element("p", $"This node's verifier sees it at once; other verifiers when their copy of the list expires (its ttl is {TenantStatusLists.TtlMilliseconds / 60_000} minutes).");
            main.Open("p").Link(LookupUrl(tenant.Id, credentialId), "Back to the credential").Close("p");
        }).ConfigureAwait(false);
    }

    private static (string CredentialId, string Purpose, bool Status) ReadChange(Microsoft.Extensions.Primitives.StringValues credential, Microsoft.Extensions.Primitives.StringValues purpose, Microsoft.Extensions.Primitives.StringValues status)
    {
        if (credential is not { Count: 1 } || credential[0] is not { Length: > 0 } id
            || purpose is not { Count: 1 } || purpose[0] is not ("revocation" or "suspension")
            || status is not { Count: 1 } || status[0] is not ("true" or "false"))
        {
            throw new ApiProblemException(ApiProblem.BadRequest("A status change names one credential, a purpose (revocation or suspension) and a status (true or false)."));
        }

        return (id, purpose[0]!, status[0] == "true");
    }

    private static string Verb(string purpose, bool status) => purpose == "revocation" ? "Revoke" : status ? "Suspend" : "Unsuspend";

    private static string LookupUrl(string tenantId, string credentialId) =>
        DashboardSections.TenantPath(tenantId, "status-lists") + "?credential=" + Uri.EscapeDataString(credentialId) + "#result";

    private static DashboardPage Page(TenantRecord tenant, string title) => new(title, DashboardSection.StatusLists, tenant.Id)
    {
        Breadcrumbs = title == "Status lists"
            ? [("Organizations", DashboardSections.Root), (tenant.DisplayName, DashboardSections.TenantPath(tenant.Id)), (title, null)]
            :
            [
                ("Organizations", DashboardSections.Root), (tenant.DisplayName, DashboardSections.TenantPath(tenant.Id)),
                ("Status lists", DashboardSections.TenantPath(tenant.Id, "status-lists")), (title, null),
            ],
    };

    // Every list of every issuer identity of the tenant: names are PREFIX + purpose + "-N", N = 1, 2, ... without gaps.
    private static async Task<List<(string Did, StatusListRecord List)>> ListsAsync(NodeServices services, string tenantId, CancellationToken cancellationToken)
    {
        var keys = await TenantKeys.ListAsync(services.Store, tenantId, cancellationToken).ConfigureAwait(false);
        var identities = new[] { services.Identity.TenantDid(tenantId) }.Concat(keys.Where(k => k.IsDidKey).Select(k => k.Did)).Distinct(StringComparer.Ordinal);
        var lists = new List<(string, StatusListRecord)>();
        foreach (var did in identities)
        {
            var prefix = services.StatusLists.PrefixFor(tenantId, did);
            foreach (var purpose in Purposes)
            {
                for (var n = 1; n <= 10_000; n++)
                {
                    var list = await services.Store.StatusLists.GetAsync(tenantId, prefix + purpose + "-" + n.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
                    if (list is null)
                    {
                        break;
                    }

                    lists.Add((did, list));
                }
            }
        }

        return lists;
    }

    private static async Task<CredentialLookup> LookupAsync(NodeServices services, string tenantId, string credentialId, CancellationToken cancellationToken)
    {
        var record = await services.Store.Credentials.GetAsync(tenantId, credentialId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.Direction != CredentialDirection.Issued)
        {
            return new CredentialLookup(credentialId, null, []);
        }

        var entries = new List<EntryState>();
        foreach (var purpose in Purposes)
        {
            if (StatusEndpoints.EntryOf(record, purpose, services, tenantId) is var (url, index) && services.StatusLists.Parse(url) is { } list
                && await services.Store.StatusLists.GetAsync(tenantId, list.ListName, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                entries.Add(new EntryState(purpose, new StatusTarget(url, list.ListName, index), ValueAt(stored, index)));
            }
        }

        return new CredentialLookup(credentialId, record, entries);
    }

    /// <summary>The value of entry <paramref name="index"/> (index 0 is the left-most bit; entries of <c>StatusSize</c> bits).</summary>
    internal static int ValueAt(StatusListRecord list, int index)
    {
        var bits = list.Bitstring.Span;
        var value = 0;
        for (var b = 0; b < list.StatusSize; b++)
        {
            var bit = ((long)index * list.StatusSize) + b;
            var set = bit / 8 < bits.Length && (bits[(int)(bit / 8)] & (0x80 >> (int)(bit % 8))) != 0;
            value = (value << 1) | (set ? 1 : 0);
        }

        return value;
    }

    /// <summary>How many entries are not 0 (set bits, for lists of one bit per entry).</summary>
    internal static long EntriesSet(StatusListRecord list)
    {
        if (list.StatusSize == 1)
        {
            long count = 0;
            foreach (var b in list.Bitstring.Span)
            {
                count += BitOperations.PopCount(b);
            }

            return count;
        }

        long set = 0;
        for (var i = 0; i < list.Entries; i++)
        {
            set += ValueAt(list, i) != 0 ? 1 : 0;
        }

        return set;
    }

    private sealed record EntryState(string Purpose, StatusTarget Target, int Value);

    private sealed record CredentialLookup(string Id, CredentialRecord? Record, IReadOnlyList<EntryState> Entries);
}
