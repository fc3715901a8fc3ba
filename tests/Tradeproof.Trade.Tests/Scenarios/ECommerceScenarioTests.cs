using Tradeproof.Trade.Rules;
using static Tradeproof.Trade.Tests.Scenarios.TradeNetwork;

namespace Tradeproof.Trade.Tests.Scenarios;

/// <summary>
/// E-commerce (CBP test area 5, 2024 demonstration): GS1 Global Office licenses a prefix to GS1 US, GS1 US a
/// company prefix to the brand owner, the brand owner licenses the online seller; the seller invoices and the
/// marketplace files the de minimis (Section 321) data. The negative twin: a seller without a licence.
/// </summary>
public sealed class ECommerceScenarioTests : IDisposable
{
    private const string Gtin = "00614141000012";
    private const string Tracking = "SN1000228491";
    private readonly TradeNetwork _network = new();
    private readonly TestParty _gs1Global;
    private readonly TestParty _gs1Us;
    private readonly TestParty _brand;
    private readonly TestParty _seller;
    private readonly TestParty _marketplace;

    public ECommerceScenarioTests()
    {
        _gs1Global = _network.Party("GS1 Global Office", "BE");
        _gs1Us = _network.Party("GS1 US", "US");
        _brand = _network.Party("Flamingo Brands Inc.", "US");
        _seller = _network.Party("Phongh Garden Goods", "VN");
        _marketplace = _network.Party("Everything Ecom", "VN");
    }

    public void Dispose() => _network.Dispose();

    private byte[] PrefixLicence() => _network.Issue(_gs1Global, "GS1PrefixLicenseCredential", subject: Subject($$"""
        { "id": "{{_gs1Us.Did}}", "organizationName": "GS1 US", "partyGLN": "0614141000005", "licenseValue": "061" }
        """));

    private byte[] CompanyPrefixLicence() => _network.Issue(_gs1Us, "GS1CompanyPrefixLicenseCredential", subject: Subject($$"""
        { "id": "{{_brand.Did}}", "organizationName": "Flamingo Brands Inc.", "partyGLN": "0614141000012", "licenseValue": "0614141", "extendsCredential": "https://id.gs1.org/vc/license/gs1_prefix/061" }
        """));

    private byte[] BrandLicence(TestParty licensee) => _network.Issue(_brand, "IntellectualPropertyRightsLicenseCredential", subject: Subject($$"""
        {
          "licensee": { "type": ["Organization"], "id": "{{licensee.Did}}", "name": "{{licensee.Name}}" },
          "intellectualPropertyRightsType": "Trademark",
          "intellectualPropertyRightsProduct": { "type": ["Product"], "name": "Lawn Flamingos", "description": "Classic plastic lawn flamingos, 2 pcs" }
        }
        """));

    private byte[] Invoice() => _network.Issue(_seller, "CommercialInvoiceCredential", subject: Subject($$"""
        {
          "invoiceNumber": "INV-VN-55021",
          "purchaseDate": "2026-07-05",
          "seller": { "type": ["Organization"], "id": "{{_seller.Did}}", "name": "{{_seller.Name}}" },
          "buyer": { "type": ["Person"], "name": "James Smith" },
          "itemsShipped": [{
            "type": ["TradeLineItem"],
            "product": { "type": ["Product"], "gtin": "{{Gtin}}", "description": "Lawn Flamingos, 2 pcs", "commodity": { "type": ["Commodity"], "commodityCode": "3926.40", "commodityCodeType": "HS" } },
            "itemCount": 1,
            "lineItemTotalPrice": { "type": ["PriceSpecification"], "price": 39, "priceCurrency": "USD" }
          }]
        }
        """));

    private byte[] DeMinimis(decimal price = 39m) => _network.Issue(_marketplace, "CBPSection321DeMinimisCredential", subject: Subject($$"""
        {
          "originatorCode": "CBP0000288215",
          "participantFilerType": "Online Marketplace",
          "shipmentTrackingNumber": "{{Tracking}}",
          "modeOfTransportation": "Air",
          "shipmentInitiator": { "type": ["Organization"], "id": "{{_marketplace.Did}}", "name": "{{_marketplace.Name}}" },
          "seller": { "type": ["Organization"], "id": "{{_seller.Did}}", "name": "{{_seller.Name}}" },
          "finalDeliverTo": { "type": ["Person"], "name": "James Smith" },
          "enhancedProductDescription": "Plastic lawn flamingos, pink, 2 pcs, GTIN {{Gtin}}",
          "countryOfOrigin": "VN",
          "listedPriceOnMarketplace": { "type": ["PriceSpecification"], "price": {{price}}, "priceCurrency": "USD" }
        }
        """));

    [Fact]
    public void A_licensed_seller_s_small_package_is_admissible_under_de_minimis()
    {
        var received = _network.Receive(PrefixLicence(), CompanyPrefixLicence(), BrandLicence(_seller), Invoice(), DeMinimis());
        Assert.All(received, r => Assert.True(r.Verified, string.Join("; ", r.Problems)));

        var result = new AdmissibilityEvaluator().Evaluate(received);
        Assert.Equal(AdmissibilityDecision.Admissible, result.Decision);
        Assert.True(result.Has("ECOM-GS1-LICENCE-MISSING", FindingSeverity.Pass));
        Assert.True(result.Has("ECOM-BRAND-LICENCE-MISSING", FindingSeverity.Pass));
        Assert.True(result.Has("ECOM-DE-MINIMIS-OVER-THRESHOLD", FindingSeverity.Pass));
        Assert.True(result.Has("ECOM-DE-MINIMIS-EXCLUDED-ORIGIN", FindingSeverity.Pass));

        // The product twin (by GTIN) is owned by the buyer after the sale; the shipment twin carries the declaration.
        var twins = ProjectTwins(received);
        Assert.Equal("James Smith", twins.Find(Gtin)!.Owner!.Name);
        var declaration = Assert.Single(twins.Find(Tracking)!.Declarations);
        Assert.Equal(39m, declaration.DeclaredValue);
        Assert.Equal("VN", declaration.Country);
    }

    [Fact]
    public void Negative_twin_a_seller_without_the_brand_owner_s_licence_is_refused()
    {
        using var stranger = TradeNetwork.Outsider("Someone Else Ltd.", "VN");
        var received = _network.Receive(PrefixLicence(), CompanyPrefixLicence(), BrandLicence(stranger), Invoice(), DeMinimis());

        var result = new AdmissibilityEvaluator().Evaluate(received);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("ECOM-BRAND-LICENCE-MISSING", failure.Code);
        Assert.Equal(received[3].Id, failure.CredentialId);
        Assert.Equal("/credentialSubject/itemsShipped/0/product/gtin", failure.Pointer);
        Assert.Contains(_seller.Did, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_company_prefix_licence_without_the_gs1_prefix_licence_above_it_breaks_the_gs1_chain()
    {
        var received = _network.Receive(CompanyPrefixLicence(), BrandLicence(_seller), Invoice());
        var result = new AdmissibilityEvaluator().Evaluate(received);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("ECOM-GS1-LICENCE-MISSING", failure.Code);
        Assert.Contains("not backed by a verified GS1 prefix licence", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "deMinimis": { "suspended": true } }""", "ECOM-DE-MINIMIS-SUSPENDED")]
    [InlineData("""{ "deMinimis": { "threshold": 25 } }""", "ECOM-DE-MINIMIS-OVER-THRESHOLD")]
    [InlineData("""{ "deMinimis": { "excludedOrigins": ["VN", "CN"] } }""", "ECOM-DE-MINIMIS-EXCLUDED-ORIGIN")]
    [InlineData("""{ "deMinimis": { "currency": "EUR" } }""", "ECOM-DE-MINIMIS-OVER-THRESHOLD")]
    public void De_minimis_eligibility_follows_the_policy(string policy, string code)
    {
        var received = _network.Receive(PrefixLicence(), CompanyPrefixLicence(), BrandLicence(_seller), Invoice(), DeMinimis());
        var result = new AdmissibilityEvaluator().Evaluate(received, AdmissibilityPolicy.Parse(policy));

        var failure = Assert.Single(result.Failures);
        Assert.Equal(code, failure.Code);
        Assert.Equal(received[4].Id, failure.CredentialId);
    }

    [Fact]
    public void A_package_above_the_threshold_is_not_de_minimis()
    {
        var received = _network.Receive(PrefixLicence(), CompanyPrefixLicence(), BrandLicence(_seller), Invoice(), DeMinimis(price: 1250m));
        var failure = Assert.Single(new AdmissibilityEvaluator().Evaluate(received).Failures);
        Assert.Equal("ECOM-DE-MINIMIS-OVER-THRESHOLD", failure.Code);
        Assert.Equal("/credentialSubject/listedPriceOnMarketplace/price", failure.Pointer);
        Assert.Contains("1250 USD", failure.Message, StringComparison.Ordinal);
    }
}
