using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tradeproof.Storage;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// Twins: <c>/dashboard/organizations/{id}/twins</c> (search by identifier, type and text) and
/// <c>/dashboard/organizations/{id}/twin?id=TWIN</c> (what, who, where, issues, a map, the custody and ownership
/// chains, readings, the timeline, and each credential behind it with its verification checks). The twin id is a query
/// parameter because twin ids are URNs, GTINs or DIDs that may hold any character.
/// </summary>
internal static class TwinPages
{
    /// <summary>How many twins a search inspects at most.</summary>
    public const int MaxScanned = 1000;

    /// <summary>How many results a search shows at most.</summary>
    public const int MaxResults = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        DashboardLayout.MapPage(app, DashboardSections.Root + "/organizations/{id}/twins", SearchAsync);
        DashboardLayout.MapPage(app, DashboardSections.Root + "/organizations/{id}/twin", TwinAsync);
    }

    /// <summary>The URL of a twin's page.</summary>
    public static string TwinUrl(string tenantId, string twinId) =>
        DashboardSections.TenantPath(tenantId, "twin") + "?id=" + Uri.EscapeDataString(twinId);

    private static async Task SearchAsync(HttpContext context)
    {
        var tenant = await DashboardLayout.TenantAsync(context).ConfigureAwait(false);
        var store = JsonResponse.Services(context).Store;
        var ct = context.RequestAborted;
        var identifier = Query(context, "id");
        var type = Query(context, "type");
        var text = Query(context, "q");

        IReadOnlyList<string> streams = identifier is not null
            ? await store.TwinEvents.FindStreamsBySubjectAsync(tenant.Id, identifier, ct).ConfigureAwait(false)
            : await store.TwinEvents.ListStreamsAsync(tenant.Id, null, MaxScanned, ct).ConfigureAwait(false);
        var results = new List<TwinState>();
        foreach (var streamId in streams.Take(MaxScanned))
        {
            var twin = await LoadAsync(store, tenant.Id, streamId, null, ct).ConfigureAwait(false);
            if (twin is not null && (type is null || HasType(twin, type)) && (text is null || Mentions(twin, text)))
            {
                results.Add(twin);
                if (results.Count == MaxResults)
                {
                    break;
                }
            }
        }

        if (identifier is not null)
        {
            // The twin itself first, then the twins sharing an event with it.
            results = [.. results.OrderBy(t => t.Id == identifier ? 0 : 1)];
        }

        var page = new DashboardPage("Twins", DashboardSection.Twins, tenant.Id)
        {
            Breadcrumbs = [(tenant.DisplayName, DashboardSections.TenantPath(tenant.Id)), ("Twins", null)],
        };
        await DashboardLayout.WriteAsync(context, page, main =>
        {
            main.Open("form", ("class", "search"), ("method", "get"), ("action", DashboardSections.Path(DashboardSection.Twins, tenant.Id)), ("role", "search"), ("aria-label", "Search twins"));
            Field(main, "id", "Identifier", identifier, "e.g. COIL-24-5521-01");
            Field(main, "type", "Type", type, "credential or event type");
            Field(main, "q", "Text", text, "description, party, place");
            main.Element("button", "Search", ("type", "submit")).Close("form");

            var filtered = identifier is not null || type is not null || text is not null;
            main.Open("table", ("id", "twins")).Element("caption", results.Count == 0
                    ? (filtered ? "No twin matches." : "No twins yet.")
                    : results.Count.ToString(CultureInfo.InvariantCulture) + (results.Count == 1 ? " twin" : " twins") + (filtered ? " match" : string.Empty))
                .Open("thead").Open("tr");
            foreach (var heading in new[] { "Twin", "What", "HS", "Owner", "Custodian", "Where", "Events", "Issues" })
            {
                main.Element("th", heading, ("scope", "col"));
            }

            main.Close("tr").Close("thead").Open("tbody");
            foreach (var twin in results)
            {
                main.Open("tr").Open("td").Link(TwinUrl(tenant.Id, twin.Id), twin.Id, ("class", "mono")).Close("td")
                    .Element("td", twin.Description).Element("td", string.Join(", ", twin.HsCodes))
                    .Element("td", twin.Owner?.Name ?? twin.Owner?.Key).Element("td", twin.Custodian?.Name ?? twin.Custodian?.Key)
                    .Element("td", twin.Location?.ToString()).Element("td", twin.Timeline.Count.ToString(CultureInfo.InvariantCulture)).Open("td");
                Issues(main, twin);
                main.Close("td").Close("tr");
            }

            main.Close("tbody").Close("table");
            if (streams.Count > MaxScanned)
            {
                main.Element("p", $"Only the first {MaxScanned} twins were searched; narrow the search by identifier.", ("class", "warn"));
            }
        }).ConfigureAwait(false);
    }

    private static async Task TwinAsync(HttpContext context)
    {
        var tenant = await DashboardLayout.TenantAsync(context).ConfigureAwait(false);
        var services = JsonResponse.Services(context);
        var ct = context.RequestAborted;
        var twinId = Query(context, "id") ?? throw new ApiProblemException(ApiProblem.BadRequest("Which twin? Give ?id=."));
        var twin = await LoadAsync(services.Store, tenant.Id, TwinStreams.StreamId(twinId), twinId, ct).ConfigureAwait(false)
            ?? throw new ApiProblemException(ApiProblem.NotFound($"No twin '{twinId}' at {tenant.DisplayName}."));

        // The credentials behind the events, each once, in the order they first appear.
        var credentials = new List<(string Id, string? Type, string? Issuer, CredentialRecord? Record)>();
        foreach (var source in twin.Timeline.Select(e => e.Source).Where(s => s.CredentialId is not null).DistinctBy(s => s.CredentialId, StringComparer.Ordinal))
        {
            var record = await services.Store.Credentials.GetAsync(tenant.Id, source.CredentialId!, ct).ConfigureAwait(false);
            credentials.Add((source.CredentialId!, source.CredentialType, source.Issuer, record));
        }

        var anchors = credentials.Select((c, i) => (c.Id, Anchor: "credential-" + (i + 1).ToString(CultureInfo.InvariantCulture))).ToDictionary(x => x.Id, x => x.Anchor, StringComparer.Ordinal);
        var page = new DashboardPage(twin.Description ?? twin.Id, DashboardSection.Twins, tenant.Id)
        {
            Breadcrumbs = [(tenant.DisplayName, DashboardSections.TenantPath(tenant.Id)), ("Twins", DashboardSections.Path(DashboardSection.Twins, tenant.Id)), (twin.Id, null)],
        };
        await DashboardLayout.WriteAsync(context, page, main =>
        {
            main.Open("nav", ("aria-label", "On this page")).Open("ul", ("class", "inline"));
            foreach (var (anchor, label) in new[] { ("what", "What"), ("who", "Who"), ("where", "Where"), ("custody", "Custody chain"), ("readings", "Readings"), ("timeline", "Timeline"), ("credentials", "Credentials") })
            {
                main.Open("li").Link("#" + anchor, label).Close("li");
            }

            main.Close("ul").Close("nav");
            if (twin.Issues.Count > 0)
            {
                main.Open("section", ("aria-labelledby", "issues"), ("class", "card")).Element("h2", "Issues", ("id", "issues")).Open("ul");
                foreach (var issue in twin.Issues)
                {
                    main.Open("li").Element("strong", issue.Code, ("class", "bad")).Text(": " + issue.Message).Close("li");
                }

                main.Close("ul").Close("section");
            }

            What(main, tenant.Id, twin);
            Who(main, twin);
            Where(main, twin);
            Chain(main, "custody", "Custody chain", twin.CustodyChain);
            if (twin.OwnershipChain.Count > 0)
            {
                Chain(main, "ownership", "Ownership chain", twin.OwnershipChain);
            }

            main.Element("h2", "Readings", ("id", "readings"));
            if (twin.Readings.Count == 0)
            {
                main.Element("p", "No sensor or meter readings.", ("class", "muted"));
            }
            else
            {
                ReadingsChart.Write(main, twin.Readings);
            }

            Timeline(main, twin, anchors);
            Credentials(main, credentials, anchors);
        }).ConfigureAwait(false);
    }

    private static void What(HtmlWriter w, string tenantId, TwinState twin)
    {
        w.Element("h2", "What", ("id", "what")).Open("dl", ("class", "facts"));
        VerificationView.Fact(w, "Identifier", twin.Id, mono: true);
        VerificationView.Fact(w, "Description", string.Join(" / ", twin.Descriptions));
        VerificationView.Fact(w, "HS codes", string.Join(", ", twin.HsCodes));
        VerificationView.Fact(w, "Quantity", twin.Quantity is { } q ? q.ToString("0.###", CultureInfo.InvariantCulture) + (twin.Unit is null ? string.Empty : " " + twin.Unit) : null);
        foreach (var (name, value) in twin.Attributes)
        {
            VerificationView.Fact(w, name, value);
        }

        foreach (var origin in twin.Origins)
        {
            VerificationView.Fact(w, "Origin (" + origin.Kind + ")", origin.Country + (TwinMap.CountryName(origin.Country) is { } n ? " · " + n : string.Empty) + (origin.Claimant is null ? string.Empty : " · claimed by " + origin.Claimant));
        }

        if (twin.Inputs.Count > 0)
        {
            w.Element("dt", "Made from").Open("dd").Open("ul");
            foreach (var input in twin.Inputs)
            {
                w.Open("li").Link(TwinUrl(tenantId, input), input, ("class", "mono")).Close("li");
            }

            w.Close("ul").Close("dd");
        }

        foreach (var d in twin.Declarations)
        {
            VerificationView.Fact(w, "Declared (" + (d.Kind ?? "entry") + ")", string.Join(" · ", new[] { d.Reference, d.DeclaredValue is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) + " " + d.Currency : null, d.Country }.Where(s => s is not null)));
        }

        w.Close("dl");
    }

    private static void Who(HtmlWriter w, TwinState twin)
    {
        w.Element("h2", "Who", ("id", "who")).Open("dl", ("class", "facts"));
        VerificationView.Fact(w, "Owner", twin.Owner?.ToString());
        VerificationView.Fact(w, "Custodian", twin.Custodian?.ToString());
        if (twin.Holdings.Count > 1)
        {
            VerificationView.Fact(w, "Holdings", string.Join("; ", twin.Holdings.Select(h => h.Key + ": " + h.Value.ToString("0.###", CultureInfo.InvariantCulture))));
        }

        VerificationView.Fact(w, "Issuers", string.Join(", ", twin.Issuers), mono: true);
        w.Close("dl");
    }

    private static void Where(HtmlWriter w, TwinState twin)
    {
        w.Element("h2", "Where", ("id", "where")).Open("dl", ("class", "facts"));
        VerificationView.Fact(w, "Last known place", twin.Location?.ToString());
        VerificationView.Fact(w, "Status there", twin.LocationStatus);
        if (twin.InBond is { } bond)
        {
            VerificationView.Fact(w, "In bond", string.Join(" · ", new[] { bond.Reference, bond.Status, bond.Location?.ToString(), VerificationView.Time(bond.Time) }.Where(s => s is not null)));
        }

        w.Close("dl");
        var places = new List<TwinMap.Place>();
        foreach (var e in twin.Timeline)
        {
            var location = e.Payload.Location;
            if (e.Type == TwinEventType.OriginClaimed && location is null && e.Payload.Country is { } country)
            {
                location = new TwinLocation(null, country);
            }

            if (location is not null)
            {
                var (lat, lon, approximate) = TwinMap.Position(location);
                places.Add(new TwinMap.Place(e.Time, Label(e), location, lat, lon, approximate));
            }
        }

        TwinMap.Write(w, places);
    }

    private static void Chain(HtmlWriter w, string id, string title, IReadOnlyList<TwinTransfer> chain)
    {
        w.Element("h2", title, ("id", id));
        if (chain.Count == 0)
        {
            w.Element("p", "No transfers recorded.", ("class", "muted"));
            return;
        }

        w.Open("ol", ("class", "chain"));
        foreach (var t in chain)
        {
            w.Open("li").Element("time", VerificationView.Time(t.Time)).Text(" · from ").Element("strong", t.From?.Name ?? t.From?.Key ?? "(origin)")
                .Text(" to ").Element("strong", t.To.Name ?? t.To.Key);
            if (t.Quantity is { } q)
            {
                w.Text(" · " + q.ToString("0.###", CultureInfo.InvariantCulture) + (t.Unit is null ? string.Empty : " " + t.Unit));
            }

            w.Close("li");
        }

        w.Close("ol");
    }

    private static void Timeline(HtmlWriter w, TwinState twin, Dictionary<string, string> anchors)
    {
        w.Element("h2", "Timeline", ("id", "timeline"));
        w.Open("table").Element("caption", twin.Timeline.Count.ToString(CultureInfo.InvariantCulture) + " events in business-time order")
            .Open("thead").Open("tr").Element("th", "When", ("scope", "col")).Element("th", "Event", ("scope", "col"))
            .Element("th", "What happened", ("scope", "col")).Element("th", "Source", ("scope", "col")).Close("tr").Close("thead").Open("tbody");
        foreach (var e in twin.Timeline)
        {
            w.Open("tr").Element("td", VerificationView.Time(e.Time)).Element("td", TwinEventJson.TypeName(e.Type), ("class", "mono")).Element("td", Summary(e)).Open("td");
            if (e.Source.CredentialId is { } id && anchors.TryGetValue(id, out var anchor))
            {
                w.Link("#" + anchor, e.Source.CredentialType ?? "credential");
            }
            else
            {
                w.Text(e.Source.Kind);
            }

            w.Close("td").Close("tr");
        }

        w.Close("tbody").Close("table");
    }

    private static void Credentials(HtmlWriter w, List<(string Id, string? Type, string? Issuer, CredentialRecord? Record)> credentials, Dictionary<string, string> anchors)
    {
        w.Element("h2", "Credentials", ("id", "credentials"));
        if (credentials.Count == 0)
        {
            w.Element("p", "No credential is behind these events (raw feeds only).", ("class", "muted"));
            return;
        }

        foreach (var (id, type, issuer, record) in credentials)
        {
            var anchor = anchors[id];
            var result = VerificationView.Parse(record?.VerificationResultJson);
            w.Open("section", ("class", "card credential"), ("id", anchor), ("aria-labelledby", anchor + "-title"));
            w.Element("h3", type ?? "Credential", ("id", anchor + "-title"));
            w.Open("dl", ("class", "facts"));
            VerificationView.Fact(w, "Identifier", id, mono: true);
            VerificationView.Fact(w, "Issuer", issuer ?? record?.IssuerId, mono: true);
            VerificationView.Fact(w, "Stored", record is null ? "not stored on this node" : VerificationView.Time(record.StoredAt));
            w.Close("dl");
            VerificationView.Write(w, result, "Verification checks of " + (type ?? id), collapsed: true);
            w.Close("section");
        }
    }

    private static string Label(TwinEvent e) => e.Type switch
    {
        TwinEventType.OriginClaimed => "origin (" + (e.Payload.OriginKind ?? "claimed") + ")",
        TwinEventType.Located => e.Payload.Status ?? "at",
        TwinEventType.InBondMoved => "in bond " + (e.Payload.Status ?? string.Empty),
        TwinEventType.Reading => "reading",
        _ => TwinEventJson.TypeName(e.Type),
    };

    private static string Summary(TwinEvent e)
    {
        var p = e.Payload;
        string? Quantity() => p.Quantity is { } q ? q.ToString("0.###", CultureInfo.InvariantCulture) + (p.Unit is null ? string.Empty : " " + p.Unit) : null;
        string?[] parts = e.Type switch
        {
            TwinEventType.Described => [p.Description, p.HsCode is null ? null : "HS " + p.HsCode, Quantity()],
            TwinEventType.OriginClaimed => [p.OriginKind, p.Country],
            TwinEventType.CustodyTransferred or TwinEventType.OwnershipTransferred => [(p.From?.Name ?? p.From?.Key ?? "?") + " → " + (p.To?.Name ?? p.To?.Key ?? "?"), Quantity()],
            TwinEventType.Located => [p.Status, p.Location?.ToString()],
            TwinEventType.InBondMoved => [p.Reference, p.Status, p.Location?.ToString()],
            TwinEventType.Reading => [p.Measurement is { } m ? m.Name + " " + m.Value.ToString("0.###", CultureInfo.InvariantCulture) + (m.Unit is null ? string.Empty : " " + m.Unit) + (m.IsOutOfRange ? " (out of range)" : string.Empty) : null],
            TwinEventType.Transformed => ["from " + string.Join(", ", p.Inputs ?? [])],
            TwinEventType.Declared => [p.Reference, p.DeclaredValue is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) + " " + p.Currency : null, p.Country],
            _ => [p.Description],
        };
        return string.Join(" · ", parts.Where(s => !string.IsNullOrEmpty(s)));
    }

    private static void Issues(HtmlWriter w, TwinState twin)
    {
        var codes = twin.Issues.Select(i => i.Code).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
        {
            w.Element("span", "none", ("class", "ok"));
            return;
        }

        w.Element("span", string.Join(", ", codes), ("class", "bad"));
    }

    private static void Field(HtmlWriter w, string name, string label, string? value, string hint)
    {
        w.Open("label").Text(label).Void("input", ("type", "search"), ("name", name), ("value", value ?? string.Empty), ("placeholder", hint), ("maxlength", "2048")).Close("label");
    }

    // A twin from its stream (null when empty or when no event names it): the events parsed and projected.
    private static async Task<TwinState?> LoadAsync(ITradeproofStore store, string tenantId, string streamId, string? twinId, CancellationToken ct)
    {
        var stored = await store.TwinEvents.ReadStreamAsync(tenantId, streamId, 1, int.MaxValue, ct).ConfigureAwait(false);
        if (stored.Count == 0)
        {
            return null;
        }

        List<TwinEvent> events;
        try
        {
            events = [.. stored.Select(e => TwinEventJson.Parse(e.PayloadJson))];
        }
        catch (TwinEventFormatException e)
        {
            throw new StoreException(StoreErrorKind.Corrupt, "A stored twin event does not parse.", e);
        }

        twinId ??= events[0].SubjectIds.FirstOrDefault(s => TwinStreams.StreamId(s) == streamId);
        return twinId is null ? null : TwinProjector.Project(twinId, events);
    }

    private static bool HasType(TwinState twin, string type) => twin.Timeline.Any(e =>
        string.Equals(e.Source.CredentialType, type, StringComparison.OrdinalIgnoreCase) || string.Equals(TwinEventJson.TypeName(e.Type), type, StringComparison.OrdinalIgnoreCase));

    private static bool Mentions(TwinState twin, string text)
    {
        IEnumerable<string?> texts =
        [
            twin.Id, .. twin.Descriptions, .. twin.HsCodes, .. twin.Attributes.Select(a => a.Value), .. twin.Origins.Select(o => o.Country),
            twin.Owner?.ToString(), twin.Custodian?.ToString(), twin.Location?.ToString(), .. twin.Issuers,
            .. twin.CustodyChain.Concat(twin.OwnershipChain).SelectMany(t => new[] { t.From?.ToString(), t.To.ToString() }),
        ];
        return texts.Any(t => t is not null && t.Contains(text, StringComparison.OrdinalIgnoreCase));
    }

    private static string? Query(HttpContext context, string name)
    {
        var value = context.Request.Query[name].ToString().Trim();
        if (value.Length > 2048)
        {
            throw new ApiProblemException(ApiProblem.BadRequest($"'{name}' is longer than 2048 characters."));
        }

        return value.Length == 0 ? null : value;
    }
}
