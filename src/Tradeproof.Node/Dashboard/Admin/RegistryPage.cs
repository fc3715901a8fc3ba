using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Customs.Registry;
using Tradeproof.Storage;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// <c>/dashboard/organizations/{id}/registry[?version=N]</c>: the tenant's signed trust registry as stored (the
/// latest, or an earlier version): version, authority, signer and the signature check made now (the proof, and that
/// the signer is the tenant itself), the allow and deny entries, the mutual recognition partners, the other versions,
/// and the signed JSON. A registry that does not verify is shown in red and marked unverified.
/// </summary>
internal static class RegistryPage
{
    public static void Map(IEndpointRouteBuilder app) =>
        DashboardLayout.MapPage(app, DashboardSections.Root + "/organizations/{id}/registry", PageAsync);

    private static async Task PageAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenant = await DashboardLayout.TenantAsync(context).ConfigureAwait(false);
        long? version = null;
        if (context.Request.Query["version"].ToString() is { Length: > 0 } text)
        {
            version = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v
                : throw new ApiProblemException(ApiProblem.BadRequest("'version' is a registry version (1, 2, ...)."));
        }

        var record = await services.Store.Customs.GetDocumentAsync(tenant.Id, CustomsDocumentKinds.TrustRegistry, version, context.RequestAborted).ConfigureAwait(false);
        if (record is null && version is not null)
        {
            throw new ApiProblemException(ApiProblem.NotFound($"{tenant.DisplayName} has no trust registry version {version}."));
        }

        var latest = version is null ? record : await services.Store.Customs.GetDocumentAsync(tenant.Id, CustomsDocumentKinds.TrustRegistry, null, context.RequestAborted).ConfigureAwait(false);
        SignedRegistryCheck? check = null;
        TrustRegistry? shown = null;
        if (record is not null)
        {
            check = await new TrustRegistrySigner(services.Engine).VerifyAsync(record.Content, new DidVerificationMethodResolver(services.Resolver), context.RequestAborted).ConfigureAwait(false);
            if (check.Verified && check.Registry!.Authority != services.Identity.TenantDid(tenant.Id))
            {
                check = new SignedRegistryCheck(null, [$"The registry's authority {check.Registry.Authority} is not this organisation."]);
            }

            shown = check.Registry ?? TryParse(record.Content);
        }

        var page = new DashboardPage("Trust registry", DashboardSection.Registry, tenant.Id)
        {
            Breadcrumbs = [("Organizations", DashboardSections.Root), (tenant.DisplayName, DashboardSections.TenantPath(tenant.Id)), ("Trust registry", null)],
        };
        await DashboardLayout.WriteAsync(context, page, main =>
        {
            if (record is null)
            {
                main.Element("p", $"{tenant.DisplayName} keeps no trust registry. Customs authorities keep one ('tradeproof registry allow|deny|recognise', or PUT /organizations/{tenant.Id}/customs/registry).");
                return;
            }

            var proof = ProofOf(record.Content);
            main.Open("dl", ("class", "facts"));
            main.Element("dt", "Version");
            main.Open("dd").Text(record.Version).Text(latest is not null && latest.Version != record.Version ? $" (the latest is {latest.Version})" : " (the latest)").Close("dd");
            main.Element("dt", "Authority");
            main.Element("dd", shown?.Authority ?? "(unreadable)", ("class", "mono"));
            main.Element("dt", "Signed by");
            main.Element("dd", proof.Method ?? "(no proof)", ("class", "mono"));
            main.Element("dt", "Signature");
            main.Open("dd");
            if (check!.Verified)
            {
                main.Element("span", "Verified", ("class", "ok")).Text($" now: {proof.Suite} proof by the authority's own key, created {proof.Created ?? "(no date)"}.");
            }
            else
            {
                main.Element("span", "Does not verify", ("class", "bad")).Text(": " + string.Join("; ", check.Problems) + " The content below is NOT trustworthy.");
            }

            main.Close("dd");
            main.Element("dt", "Updated");
            main.Element("dd", shown is null ? "(unreadable)" : OperatorPages.Time(shown.Updated));
            main.Element("dt", "Stored");
            main.Element("dd", OperatorPages.Time(record.CreatedAt));
            main.Close("dl");

            if (shown is not null)
            {
                Entries(main, "Allowed issuers", shown.Entries.Where(e => e.Effect == TrustEffect.Allow).ToList(), "allow");
                Entries(main, "Denied issuers", shown.Entries.Where(e => e.Effect == TrustEffect.Deny).ToList(), "deny");
                main.Element("h2", "Mutual recognition partners", ("id", "mra"));
                if (shown.Arrangements.Count == 0)
                {
                    main.Element("p", "None.", ("class", "muted"));
                }
                else
                {
                    main.Open("table").Element("caption", "AEO programmes recognised (" + shown.Arrangements.Count.ToString(CultureInfo.InvariantCulture) + ")");
                    main.Open("thead").Open("tr").Element("th", "Partner customs authority", ("scope", "col")).Element("th", "Country", ("scope", "col"))
                        .Element("th", "Programme", ("scope", "col")).Element("th", "Recognised as", ("scope", "col")).Close("tr").Close("thead").Open("tbody");
                    foreach (var a in shown.Arrangements)
                    {
                        main.Open("tr").Element("td", a.PartnerCustoms, ("class", "mono")).Element("td", a.Country).Element("td", a.Programme).Element("td", a.RecognisedAs).Close("tr");
                    }

                    main.Close("tbody").Close("table");
                }
            }

            if (latest is not null && latest.Version > 1)
            {
                main.Element("h2", "Versions", ("id", "versions"));
                main.Open("ul");
                for (var v = latest.Version; v >= Math.Max(1, latest.Version - 19); v--)
                {
                    main.Open("li");
                    var label = "Version " + v.ToString(CultureInfo.InvariantCulture);
                    if (v == record.Version)
                    {
                        main.Element("strong", label + " (shown)");
                    }
                    else
                    {
                        main.Link(DashboardSections.TenantPath(tenant.Id, "registry") + (v == latest.Version ? string.Empty : "?version=" + v.ToString(CultureInfo.InvariantCulture)), label);
                    }

                    main.Close("li");
                }

                main.Close("ul");
            }

            main.Open("details", ("id", "registry-raw")).Element("summary", "Signed registry (JSON)");
            main.Open("pre").Element("code", AdminText.Indented(record.Content)).Close("pre");
            main.Close("details");
        }).ConfigureAwait(false);
    }

    private static void Entries(HtmlWriter w, string title, IReadOnlyList<TrustEntry> entries, string id)
    {
        w.Element("h2", title, ("id", id));
        if (entries.Count == 0)
        {
            w.Element("p", "None.", ("class", "muted"));
            return;
        }

        w.Open("table").Element("caption", title + " (" + entries.Count.ToString(CultureInfo.InvariantCulture) + ")");
        w.Open("thead").Open("tr").Element("th", "Issuer", ("scope", "col")).Element("th", "Credential types", ("scope", "col"))
            .Element("th", "Countries", ("scope", "col")).Element("th", "Roles", ("scope", "col")).Element("th", "Note", ("scope", "col")).Close("tr").Close("thead").Open("tbody");
        foreach (var e in entries)
        {
            w.Open("tr").Element("td", e.Issuer, ("class", "mono"))
                .Element("td", e.CredentialTypes.Contains(TrustEntry.AnyType) ? "every type" : string.Join(", ", e.CredentialTypes))
                .Element("td", e.Countries is { Count: > 0 } c ? string.Join(", ", c) : "any")
                .Element("td", e.Roles is { Count: > 0 } r ? string.Join(", ", r) : string.Empty)
                .Element("td", e.Note).Close("tr");
        }

        w.Close("tbody").Close("table");
    }

    private static TrustRegistry? TryParse(byte[] content)
    {
        try
        {
            return TrustRegistry.Parse(content);
        }
        catch (TrustRegistryException)
        {
            return null;
        }
    }

    // The proof's cryptosuite, verification method and creation time, as written (for display only; VerifyAsync decides).
    private static (string? Suite, string? Method, string? Created) ProofOf(byte[] content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("proof", out var proof))
            {
                if (proof.ValueKind == JsonValueKind.Array && proof.GetArrayLength() > 0)
                {
                    proof = proof[0];
                }

                return (Str(proof, "cryptosuite"), Str(proof, "verificationMethod"), Str(proof, "created"));
            }
        }
        catch (JsonException)
        {
            // Shown as "(no proof)".
        }

        return (null, null, null);
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
