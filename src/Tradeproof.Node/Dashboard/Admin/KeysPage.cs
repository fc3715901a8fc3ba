using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tradeproof.Dids;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// <c>/dashboard/organizations/{id}/keys</c>: the tenant's identities (its did:web and its did:key DIDs), each DID
/// document rendered (methods with their key type, public key and purposes; services) and raw, and every key with the
/// identity it belongs to. Public keys only: secret keys stay sealed in the store and are never read here.
/// </summary>
internal static class KeysPage
{
    private static readonly string[] Relationships =
    [
        VerificationRelationships.Authentication, VerificationRelationships.AssertionMethod, VerificationRelationships.KeyAgreement,
        VerificationRelationships.CapabilityInvocation, VerificationRelationships.CapabilityDelegation,
    ];

    public static void Map(IEndpointRouteBuilder app) =>
        DashboardLayout.MapPage(app, DashboardSections.Root + "/organizations/{id}/keys", PageAsync);

    private static async Task PageAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenant = await DashboardLayout.TenantAsync(context).ConfigureAwait(false);
        var keys = await TenantKeys.ListAsync(services.Store, tenant.Id, context.RequestAborted).ConfigureAwait(false);
        var webDocument = await services.Documents.GetAsync(tenant.Id, context.RequestAborted).ConfigureAwait(false);
        var didKeys = new List<(string Did, DidDocument? Document, string? Error)>();
        foreach (var did in keys.Where(k => k.IsDidKey).Select(k => k.Did).Distinct(StringComparer.Ordinal))
        {
            var resolved = await services.Resolver.ResolveAsync(did, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            didKeys.Add((did, resolved.DidDocument, resolved.IsSuccess ? null : resolved.Error));
        }

        var page = new DashboardPage("Keys & DIDs", DashboardSection.Keys, tenant.Id)
        {
            Breadcrumbs = [("Organizations", DashboardSections.Root), (tenant.DisplayName, DashboardSections.TenantPath(tenant.Id)), ("Keys & DIDs", null)],
        };
        await DashboardLayout.WriteAsync(context, page, main =>
        {
            main.Open("p").Text($"{tenant.DisplayName} signs as {1 + didKeys.Count} identit{(didKeys.Count == 0 ? "y" : "ies")} with {keys.Count} key{(keys.Count == 1 ? "" : "s")}. Only public keys are shown: secret keys are sealed in the store under the operator key.").Close("p");

            main.Element("h2", "did:web identity", ("id", "did-web"));
            if (webDocument is null)
            {
                main.Element("p", "This organisation has no did:web keys.", ("class", "bad"));
            }
            else
            {
                main.Open("p").Link("/organizations/" + Uri.EscapeDataString(tenant.Id) + "/did.json", "Published DID document").Text(" (what verifiers resolve)").Close("p");
                Document(main, webDocument, "did-web-raw");
            }

            main.Element("h2", "did:key identities", ("id", "did-key"));
            if (didKeys.Count == 0)
            {
                main.Element("p", "None (add one with 'tradeproof tenant key add ID --type ed25519 --did-key').", ("class", "muted"));
            }

            for (var i = 0; i < didKeys.Count; i++)
            {
                var (did, document, error) = didKeys[i];
                main.Open("section", ("class", "card"), ("aria-label", "Identity " + did));
                if (document is null)
                {
                    main.Element("p", did, ("class", "mono"));
                    main.Element("p", "Does not resolve: " + error, ("class", "bad"));
                }
                else
                {
                    Document(main, document, "did-key-raw-" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                main.Close("section");
            }

            main.Element("h2", "Keys", ("id", "keys"));
            main.Open("table").Element("caption", "Every signing key of " + tenant.DisplayName);
            main.Open("thead").Open("tr").Element("th", "Verification method", ("scope", "col")).Element("th", "Type", ("scope", "col"))
                .Element("th", "Identity", ("scope", "col")).Element("th", "Public key (multibase)", ("scope", "col")).Close("tr").Close("thead");
            main.Open("tbody");
            foreach (var key in keys)
            {
                main.Open("tr").Element("td", key.KeyId, ("class", "mono")).Element("td", TenantKeys.AlgorithmName(key.Type))
                    .Element("td", key.IsDidKey ? "did:key" : "did:web").Element("td", key.PublicKey.ToMultibase(), ("class", "mono")).Close("tr");
            }

            main.Close("tbody").Close("table");
        }).ConfigureAwait(false);
    }

    // A DID document: its id, alsoKnownAs, methods with their purposes, services, and the raw JSON.
    private static void Document(HtmlWriter w, DidDocument document, string rawId)
    {
        w.Open("dl", ("class", "facts"));
        w.Element("dt", "DID");
        w.Element("dd", document.Id, ("class", "mono"));
        if (document.AlsoKnownAs.Count > 0)
        {
            w.Element("dt", "Also known as");
            w.Open("dd");
            foreach (var aka in document.AlsoKnownAs)
            {
                w.Element("div", aka, ("class", "mono"));
            }

            w.Close("dd");
        }

        w.Close("dl");
        w.Open("table").Element("caption", "Verification methods of " + document.Id);
        w.Open("thead").Open("tr").Element("th", "Id", ("scope", "col")).Element("th", "Type", ("scope", "col")).Element("th", "Key", ("scope", "col"))
            .Element("th", "Purposes", ("scope", "col")).Close("tr").Close("thead");
        w.Open("tbody");
        foreach (var method in document.VerificationMethod)
        {
            var purposes = Relationships.Where(r => document.IsAuthorized(method.Id, r)).ToList();
            w.Open("tr").Element("td", method.Id, ("class", "mono")).Element("td", method.Type)
                .Element("td", method.PublicKeyMultibase ?? "(JWK)", ("class", "mono"))
                .Element("td", purposes.Count == 0 ? "none" : string.Join(", ", purposes)).Close("tr");
        }

        w.Close("tbody").Close("table");
        if (document.Service.Count > 0)
        {
            w.Open("table").Element("caption", "Services");
            w.Open("thead").Open("tr").Element("th", "Id", ("scope", "col")).Element("th", "Type", ("scope", "col")).Element("th", "Endpoint", ("scope", "col")).Close("tr").Close("thead");
            w.Open("tbody");
            foreach (var service in document.Service)
            {
                w.Open("tr").Element("td", service.Id, ("class", "mono")).Element("td", string.Join(", ", service.Type))
                    .Element("td", service.ServiceEndpoint.ValueKind == System.Text.Json.JsonValueKind.String ? service.ServiceEndpoint.GetString() : service.ServiceEndpoint.GetRawText(), ("class", "mono")).Close("tr");
            }

            w.Close("tbody").Close("table");
        }

        w.Open("details", ("id", rawId)).Element("summary", "Raw DID document (JSON)");
        w.Open("pre").Element("code", document.ToJson(indented: true)).Close("pre");
        w.Close("details");
    }
}
