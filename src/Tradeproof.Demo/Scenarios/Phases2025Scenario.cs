using System.Globalization;
using System.Text.Json;

namespace Tradeproof.Demo;

/// <summary>
/// The 2025 phases (mission.md): the global AEO/CTPAT credential under a mutual recognition arrangement kept as data
/// (CBP and the Mexican customs authority each verify the other's certificate on their own node), the
/// government-to-government exchange (the Mexican customs node sends its export declaration straight to CBP's inbox),
/// and "My Export is Your Import" (CBP matches the export declaration with the importer's entry and reports every
/// difference). Failure twins: an AEO certificate from an issuer outside the arrangement, and an entry that does not
/// match the export.
/// </summary>
public sealed class Phases2025Scenario : DemoScenario
{
    /// <inheritdoc />
    public override string Name => "phases2025";

    /// <inheritdoc />
    public override string Title => "2025 phases: AEO/CTPAT mutual recognition, G2G exchange, My Export is Your Import";

    /// <inheritdoc />
    public override async Task RunAsync(DemoContext demo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var cbp = demo.Party("cbp");
        var anam = demo.Party("anam");
        var mill = demo.Party("aceros-monterrey");
        var importer = demo.Party("great-lakes-steel");
        var phantom = demo.Party("phantom-logistics");

        // Global AEO/CTPAT: each authority issues its certificate; the arrangement is data naming who may issue what.
        var ctpat = await demo.IssueAsync(cbp, "CTPATCertificate", $$"""
            {
              "type": ["CTPAT"],
              "member": { "type": ["CTPATMember"], "id": "{{importer.Did}}", "name": "{{importer.Name}}" },
              "sviNumber": "57118961",
              "ctpatAccountNumber": "12008",
              "tradeSector": "Importer",
              "tier": "Certified",
              "dateOfLastValidation": "2026-01-06T11:50:00Z",
              "issuingCountry": "US"
            }
            """, cancellationToken: cancellationToken).ConfigureAwait(false);
        var aeo = await demo.IssueAsync(anam, "AEOCertificateCredential", Aeo(anam, mill), tradeContext: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        var arrangement = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [cbp.Did] = "CTPATCertificate",
            [anam.Did] = "AEOCertificateCredential",
        };
        demo.Report(DemoStepKind.Customs, cbp, $"mutual recognition arrangement US-MX (data): {string.Join(", ", arrangement.Select(a => $"{a.Value} from {a.Key}"))}", new() { ["arrangement"] = arrangement });
        demo.Expect("CBP recognises the Mexican AEO certificate (verified on CBP's node, issuer in the arrangement)", await RecognisedAsync(demo, cbp, aeo, arrangement, cancellationToken).ConfigureAwait(false));
        demo.Expect("the Mexican customs authority recognises the CTPAT certificate (verified on its node, issuer in the arrangement)", await RecognisedAsync(demo, anam, ctpat, arrangement, cancellationToken).ConfigureAwait(false));
        var fakeAeo = await demo.IssueAsync(phantom, "AEOCertificateCredential", Aeo(phantom, mill), tradeContext: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        demo.Expect("an AEO certificate from an issuer outside the arrangement is not recognised (its signature is valid)", !await RecognisedAsync(demo, cbp, fakeAeo, arrangement, cancellationToken).ConfigureAwait(false));

        // G2G: the exporting customs authority sends its export declaration straight to CBP's inbox.
        var export = await demo.IssueAsync(anam, "ExportDeclarationCredential", ExportDeclaration(mill, importer), tradeContext: true, suite: "ecdsa-rdfc-2019", cancellationToken: cancellationToken).ConfigureAwait(false);
        var g2g = await demo.PresentAsync(anam, cbp, [export], "https://tradeproof.dev/workflows/g2g-export-declaration", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("CBP's node accepts the export declaration from the Mexican customs node (G2G, did:web authenticated)", g2g.Accepted);

        // My Export is Your Import: the importer's entry against the export declaration.
        var entry = await demo.IssueAsync(importer, "CBP7501EntrySummaryCredential", Entry(importer, "7208.37.0030", "48250", 38600m), cancellationToken: cancellationToken).ConfigureAwait(false);
        var differences = Match(export, entry);
        demo.Report(DemoStepKind.Customs, cbp, differences.Count == 0 ? "my export is your import: the entry matches the export declaration (parties, HS code, quantity, value, origin)" : "my export is your import: " + string.Join("; ", differences), new() { ["differences"] = differences });
        demo.Expect("the matching entry has no difference from the export declaration", differences.Count == 0);
        var wrong = await demo.IssueAsync(importer, "CBP7501EntrySummaryCredential", Entry(importer, "7204.49.0020", "40000", 9000m), cancellationToken: cancellationToken).ConfigureAwait(false);
        var wrongDifferences = Match(export, wrong);
        demo.Report(DemoStepKind.Customs, cbp, "my export is your import: " + string.Join("; ", wrongDifferences), new() { ["differences"] = wrongDifferences });
        demo.Expect("an entry declaring scrap, a smaller quantity and a lower value is flagged on all three", wrongDifferences.Count >= 3);
    }

    // The verifier's node checks the certificate (VC-API), then the arrangement says whether its issuer may issue it.
    private static async Task<bool> RecognisedAsync(DemoContext demo, DemoParty verifier, DemoCredential certificate, IReadOnlyDictionary<string, string> arrangement, CancellationToken cancellationToken)
    {
        var (valid, _) = await demo.Http.VerifyAsync(verifier, certificate.Utf8, cancellationToken).ConfigureAwait(false);
        var listed = arrangement.TryGetValue(certificate.Issuer.Did, out var type) && type == certificate.Type;
        demo.Report(DemoStepKind.Customs, verifier, $"{certificate.Type} from {certificate.Issuer.Name}: signature {(valid ? "valid" : "not valid")}, issuer {(listed ? "recognised under the arrangement" : "not in the arrangement")}", new()
        {
            ["credential"] = certificate.Id,
            ["valid"] = valid,
            ["recognised"] = valid && listed,
        });
        return valid && listed;
    }

    private static string Aeo(DemoParty authority, DemoParty holder) => $$"""
        {
          "type": ["AEOCertificate"],
          "id": "{{holder.Did}}",
          "certificateNumber": "OEA-2026-000412",
          "holder": {{holder.Ref()}},
          "economicOperatorIdentifier": "AMO850101AB1",
          "issuingAuthority": {{authority.Ref()}},
          "issuingCountry": "MX",
          "programName": "Operador Economico Autorizado (OEA)",
          "authorizationType": "AEOF",
          "status": "active",
          "dateOfIssue": "2026-02-15",
          "expiryDate": "2028-02-15",
          "mutualRecognitionPartners": ["US-CTPAT"]
        }
        """;

    private static string ExportDeclaration(DemoParty exporter, DemoParty consignee) => $$"""
        {
          "type": ["ExportDeclaration"],
          "declarationNumber": "26-3930-6001234",
          "declarationDate": "2026-07-01T14:05:00Z",
          "exporter": {{exporter.Ref()}},
          "consignee": {{consignee.Ref()}},
          "exportCountry": "MX",
          "destinationCountry": "US",
          "customsOffice": { "type": ["Place"], "locationName": "Aduana de Nuevo Laredo", "unLocode": "MXNLD", "address": { "type": ["PostalAddress"], "addressCountry": "MX" } },
          "transportMode": "rail",
          "shipmentIdentifier": "KCSM-BOL-88213",
          "items": [{
            "sequenceNumber": 1,
            "product": { "type": ["Product"], "name": "Hot-rolled steel coil, 6 mm", "batchNumber": "{{SteelScenario.Heat}}" },
            "hsCode": "7208370030",
            "countryOfOrigin": "MX",
            "lotNumber": "{{SteelScenario.Coil}}",
            "quantity": { "type": ["QuantitativeValue"], "value": "48.250", "unitCode": "TNE" },
            "value": { "type": ["PriceSpecification"], "price": 38600.0, "priceCurrency": "USD" }
          }],
          "totalValue": { "type": ["PriceSpecification"], "price": 38600.0, "priceCurrency": "USD" }
        }
        """;

    private static string Entry(DemoParty importer, string hts, string kilograms, decimal value) => $$"""
        {
          "type": ["CBPEntrySummary"],
          "entryNumber": "ABC-1234567-8",
          "entryType": "01",
          "summaryDate": "2026-07-05T10:00:00Z",
          "countryOfOrigin": "MX",
          "exportingCountry": "MX",
          "billOfLadingNumber": "KCSM-BOL-88213",
          "importerOfRecord": {{importer.Ref()}},
          "descriptionOfMerchandise": [{
            "type": ["CBPEntrySummaryLineItem"],
            "commodity": { "type": ["Commodity"], "commodityCode": "{{hts}}", "commodityCodeType": "HTS", "description": "Hot-rolled steel coil" },
            "netQuantity": { "type": ["QuantitativeValue"], "value": "{{kilograms}}", "unitCode": "KGM" },
            "enteredValue": { "type": ["PriceSpecification"], "price": {{value.ToString(CultureInfo.InvariantCulture)}}, "priceCurrency": "USD" }
          }]
        }
        """;

    // My Export is Your Import, item by item: consignee = importer of record, HS heading (6 digits), quantity (in kg),
    // value, country of origin.
    internal static List<string> Match(DemoCredential export, DemoCredential entry)
    {
        using var e = JsonDocument.Parse(export.Utf8);
        using var i = JsonDocument.Parse(entry.Utf8);
        var x = e.RootElement.GetProperty("credentialSubject");
        var m = i.RootElement.GetProperty("credentialSubject");
        var item = x.GetProperty("items")[0];
        var line = m.GetProperty("descriptionOfMerchandise")[0];
        var differences = new List<string>();
        var consignee = x.GetProperty("consignee").GetProperty("id").GetString();
        var importer = m.GetProperty("importerOfRecord").GetProperty("id").GetString();
        if (consignee != importer)
        {
            differences.Add($"consignee {consignee} is not the importer of record {importer}");
        }

        var hsExport = Digits(item.GetProperty("hsCode").GetString())[..6];
        var hsEntry = Digits(line.GetProperty("commodity").GetProperty("commodityCode").GetString())[..6];
        if (hsExport != hsEntry)
        {
            differences.Add($"HS heading {hsEntry} declared, {hsExport} exported");
        }

        var exported = Kilograms(item.GetProperty("quantity"));
        var declared = Kilograms(line.GetProperty("netQuantity"));
        if (exported != declared)
        {
            differences.Add($"quantity {declared.ToString(CultureInfo.InvariantCulture)} kg declared, {exported.ToString(CultureInfo.InvariantCulture)} kg exported");
        }

        var valueExport = item.GetProperty("value").GetProperty("price").GetDecimal();
        var valueEntry = line.GetProperty("enteredValue").GetProperty("price").GetDecimal();
        if (valueExport != valueEntry)
        {
            differences.Add($"value {valueEntry.ToString(CultureInfo.InvariantCulture)} USD declared, {valueExport.ToString(CultureInfo.InvariantCulture)} USD exported");
        }

        var originExport = item.GetProperty("countryOfOrigin").GetString();
        var originEntry = m.GetProperty("countryOfOrigin").GetString();
        if (originExport != originEntry)
        {
            differences.Add($"origin {originEntry} declared, {originExport} exported");
        }

        return differences;
    }

    private static string Digits(string? code) => new([.. (code ?? "").Where(char.IsAsciiDigit), .. "000000"]);

    private static decimal Kilograms(JsonElement quantity)
    {
        var value = decimal.Parse(quantity.GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
        return quantity.GetProperty("unitCode").GetString() == "TNE" ? value * 1000m : value;
    }
}
