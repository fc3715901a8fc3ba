using System.Globalization;

namespace Tradeproof.Demo;

/// <summary>
/// E-commerce (CBP test area 5): GS1 licenses a prefix to GS1 US, GS1 US a company prefix to the brand owner, the
/// brand owner licenses the marketplace seller; the seller invoices each order and the marketplace files its daily
/// de minimis (Section 321) batch with CBP in one traceable presentation. Failure twins in the same batch: a package
/// from a seller without the brand owner's licence, and a package over the de minimis threshold.
/// </summary>
public sealed class ECommerceScenario : DemoScenario
{
    private const string Gtin = "00614141000012";

    /// <summary>Packages of licensed sellers under the threshold in the batch.</summary>
    public const int BatchSize = 12;

    /// <inheritdoc />
    public override string Name => "ecommerce";

    /// <inheritdoc />
    public override string Title => "E-commerce: GS1 and brand licence chain, a marketplace's de minimis batch at CBP; unlicensed and over-threshold packages caught";

    /// <inheritdoc />
    public override async Task RunAsync(DemoContext demo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var gs1Global = demo.Party("gs1-global");
        var gs1Us = demo.Party("gs1-us");
        var brand = demo.Party("flamingo-brands");
        var seller = demo.Party("phongh-garden");
        var stranger = demo.Party("someone-else");
        var marketplace = demo.Party("everything-ecom");
        var cbp = demo.Party("cbp");

        List<DemoCredential> licences =
        [
            await demo.IssueAsync(gs1Global, "GS1PrefixLicenseCredential", $$"""{ "id": "{{gs1Us.Did}}", "organizationName": "GS1 US", "partyGLN": "0614141000005", "licenseValue": "061" }""", cancellationToken: cancellationToken).ConfigureAwait(false),
            await demo.IssueAsync(gs1Us, "GS1CompanyPrefixLicenseCredential", $$"""{ "id": "{{brand.Did}}", "organizationName": "Flamingo Brands Inc.", "partyGLN": "0614141000012", "licenseValue": "0614141", "extendsCredential": "https://id.gs1.org/vc/license/gs1_prefix/061" }""", cancellationToken: cancellationToken).ConfigureAwait(false),
            await demo.IssueAsync(brand, "IntellectualPropertyRightsLicenseCredential", $$"""
                {
                  "licensee": {{seller.Ref()}},
                  "intellectualPropertyRightsType": "Trademark",
                  "intellectualPropertyRightsProduct": { "type": ["Product"], "name": "Lawn Flamingos", "description": "Classic plastic lawn flamingos, 2 pcs" }
                }
                """, cancellationToken: cancellationToken).ConfigureAwait(false),
        ];

        var packages = new List<(string Tracking, DemoParty Seller, decimal Price, DemoCredential Invoice, DemoCredential DeMinimis)>();
        for (var i = 0; i < BatchSize + 2; i++)
        {
            var from = i == BatchSize ? stranger : seller;
            var price = i == BatchSize + 1 ? 1250m : 39m + i;
            var tracking = "SN" + (1000228491 + i).ToString(CultureInfo.InvariantCulture);
            var invoice = await demo.IssueAsync(from, "CommercialInvoiceCredential", Invoice(from, tracking, price), suite: "eddsa-jcs-2022", cancellationToken: cancellationToken).ConfigureAwait(false);
            var deMinimis = await demo.IssueAsync(marketplace, "CBPSection321DeMinimisCredential", DeMinimis(marketplace, from, tracking, price), suite: "eddsa-jcs-2022", cancellationToken: cancellationToken).ConfigureAwait(false);
            packages.Add((tracking, from, price, invoice, deMinimis));
        }

        List<DemoCredential> batch = [.. licences, .. packages.SelectMany(p => new[] { p.Invoice, p.DeMinimis })];
        var answer = await demo.PresentAsync(marketplace, cbp, batch, "cbp-ecommerce-apparel-tech-demo-2024", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect($"CBP accepts the marketplace's batch of {packages.Count} packages ({batch.Count} credentials) in one presentation", answer.Accepted);

        var admissible = new List<string>();
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var package in packages)
        {
            var (_, result, _) = await demo.JudgeAsync(cbp, [.. licences, package.Invoice, package.DeMinimis], reportDetails: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (result.IsAdmissible)
            {
                admissible.Add(package.Tracking);
            }
            else
            {
                refused[package.Tracking] = string.Join(", ", result.Failures.Select(f => f.Code));
            }
        }

        demo.Report(DemoStepKind.Rules, cbp, $"de minimis batch: {admissible.Count} package(s) admissible, {refused.Count} refused ({string.Join("; ", refused.Select(r => $"{r.Key}: {r.Value}"))})", new()
        {
            ["admissible"] = admissible,
            ["refused"] = refused,
        });
        demo.Expect($"the {BatchSize} packages of the licensed seller under the threshold are admissible", admissible.Count == BatchSize);
        demo.Expect("the package of the seller without the brand owner's licence is refused (ECOM-BRAND-LICENCE-MISSING)", refused.TryGetValue(packages[BatchSize].Tracking, out var a) && a.Contains("ECOM-BRAND-LICENCE-MISSING", StringComparison.Ordinal));
        demo.Expect("the package over the de minimis threshold is refused (ECOM-DE-MINIMIS-OVER-THRESHOLD)", refused.TryGetValue(packages[BatchSize + 1].Tracking, out var b) && b.Contains("ECOM-DE-MINIMIS-OVER-THRESHOLD", StringComparison.Ordinal));
    }

    private static string Invoice(DemoParty seller, string tracking, decimal price) => $$"""
        {
          "invoiceNumber": "INV-{{tracking}}",
          "purchaseDate": "2026-07-05",
          "seller": {{seller.Ref()}},
          "buyer": { "type": ["Person"], "name": "James Smith" },
          "itemsShipped": [{
            "type": ["TradeLineItem"],
            "product": { "type": ["Product"], "gtin": "{{Gtin}}", "description": "Lawn Flamingos, 2 pcs", "commodity": { "type": ["Commodity"], "commodityCode": "3926.40", "commodityCodeType": "HS" } },
            "itemCount": 1,
            "lineItemTotalPrice": { "type": ["PriceSpecification"], "price": {{price.ToString(CultureInfo.InvariantCulture)}}, "priceCurrency": "USD" }
          }]
        }
        """;

    private static string DeMinimis(DemoParty marketplace, DemoParty seller, string tracking, decimal price) => $$"""
        {
          "originatorCode": "CBP0000288215",
          "participantFilerType": "Online Marketplace",
          "shipmentTrackingNumber": "{{tracking}}",
          "modeOfTransportation": "Air",
          "shipmentInitiator": {{marketplace.Ref()}},
          "seller": {{seller.Ref()}},
          "finalDeliverTo": { "type": ["Person"], "name": "James Smith" },
          "enhancedProductDescription": "Plastic lawn flamingos, pink, 2 pcs, GTIN {{Gtin}}",
          "countryOfOrigin": "VN",
          "listedPriceOnMarketplace": { "type": ["PriceSpecification"], "price": {{price.ToString(CultureInfo.InvariantCulture)}}, "priceCurrency": "USD" }
        }
        """;
}
