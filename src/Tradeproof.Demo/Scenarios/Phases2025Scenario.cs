using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Customs.Exchange;
using Tradeproof.Customs.Registry;

namespace Tradeproof.Demo;

/// <summary>
/// The 2025 phases (mission.md): the global AEO/CTPAT credential under a mutual recognition arrangement kept as data
/// (CBP and the Mexican customs authority each verify the other's certificate on their own node), the
/// government-to-government exchange (the Mexican customs node sends its export declaration to CBP's node over
/// <c>POST /customs/exchange</c>, delivered by its outbox),
/// and "My Export is Your Import" (CBP matches the export declaration with the importer's entry and reports every
/// difference). Failure twins: an AEO certificate from an issuer outside the arrangement, an entry that does not
/// match the export, and a CTPAT certificate revoked by CBP (the next filing carrying it is refused).
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
            """, cancellationToken: cancellationToken, statusPurpose: "revocation").ConfigureAwait(false);
        var aeo = await demo.IssueAsync(anam, "AEOCertificateCredential", Aeo(anam, mill), tradeContext: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        // Each authority's trust registry (Tradeproof.Customs): CBP's recognises ANAM's AEO programme under the
        // arrangement; ANAM's allows CBP to issue CTPAT certificates.
        var now = demo.Network.Options.Time.GetUtcNow();
        var cbpRegistry = TrustRegistry.Empty(cbp.Did, now).Recognise(new MutualRecognition(anam.Did, "MX", "OEA Mexico"), now);
        var anamRegistry = TrustRegistry.Empty(anam.Did, now).Allow(cbp.Did, ["CTPATCertificate"], now, ["US"], note: "CTPAT under the US-MX arrangement");
        demo.Report(DemoStepKind.Customs, cbp, $"trust registry v{cbpRegistry.Version}: mutual recognition of {anam.Name}'s OEA programme as CTPAT", new() { ["registry"] = cbpRegistry.Authority, ["version"] = cbpRegistry.Version });
        demo.Report(DemoStepKind.Customs, anam, $"trust registry v{anamRegistry.Version}: {cbp.Name} may issue CTPATCertificate", new() { ["registry"] = anamRegistry.Authority, ["version"] = anamRegistry.Version });
        demo.Expect("CBP recognises the Mexican AEO certificate (verified on CBP's node, recognised by its trust registry)", await RecognisedAsync(demo, cbp, aeo, cbpRegistry, cancellationToken).ConfigureAwait(false));
        demo.Expect("the Mexican customs authority recognises the CTPAT certificate (verified on its node, allowed by its trust registry)", await RecognisedAsync(demo, anam, ctpat, anamRegistry, cancellationToken).ConfigureAwait(false));
        var fakeAeo = await demo.IssueAsync(phantom, "AEOCertificateCredential", Aeo(phantom, mill), tradeContext: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        demo.Expect("an AEO certificate from an issuer outside the arrangement is not recognised (its signature is valid)", !await RecognisedAsync(demo, cbp, fakeAeo, cbpRegistry, cancellationToken).ConfigureAwait(false));

        // G2G: the exporting customs authority's node sends its export declaration to CBP's node over the exchange
        // (POST /customs/exchange: its outbox signs the presentation and delivers it to CBP's inbox, found by did:web);
        // the sender's log records what it sent, CBP's what it accepted.
        var export = await demo.IssueAsync(anam, "ExportDeclarationCredential", ExportDeclaration(mill, importer), tradeContext: true, suite: "ecdsa-rdfc-2019", cancellationToken: cancellationToken).ConfigureAwait(false);
        var g2g = await demo.ExchangeAsync(anam, cbp, [export], cancellationToken).ConfigureAwait(false);
        demo.Expect("CBP's node accepts the export declaration the Mexican customs node sent over the G2G exchange (did:web authenticated, delivered by its outbox)", g2g.Delivered);

        // My Export is Your Import: the importer's entry against the export declaration.
        var entry = await demo.IssueAsync(importer, "CBP7501EntrySummaryCredential", Entry(importer, "7208.37.0030", "48250", 38600m), cancellationToken: cancellationToken).ConfigureAwait(false);
        var differences = Match(demo, cbp, export, entry);
        demo.Expect("the matching entry has no difference from the export declaration", differences.Count == 0);
        var wrong = await demo.IssueAsync(importer, "CBP7501EntrySummaryCredential", Entry(importer, "7204.49.0020", "48250", 9000m), cancellationToken: cancellationToken).ConfigureAwait(false);
        var wrongDifferences = Match(demo, cbp, export, wrong);
        demo.Expect("an entry declaring the coil as scrap at a quarter of its value is flagged (HS subheading and value differ)", wrongDifferences.Any(d => d.Field == "hsCode") && wrongDifferences.Any(d => d.Field == "value"));

        // CTPAT in filings: the broker files the importer's entry with its CTPAT certificate (accepted); CBP revokes the
        // certificate (its bit in CBP's revocation status list); the next filing carrying it is refused at once.
        var broker = demo.Party("border-brokers");
        var withCtpat = await demo.PresentAsync(broker, cbp, [ctpat, entry], "us-cbp-entry", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("CBP accepts the entry filed with the importer's CTPAT certificate, and its node matches it with the Mexican export declaration", withCtpat.Accepted && demo.LastDecisionReasons.Contains("export-import-match"));
        var revoke = new JsonObject
        {
            ["credentialId"] = ctpat.Id,
            ["credentialStatus"] = new JsonObject { ["type"] = "BitstringStatusListEntry", ["statusPurpose"] = "revocation" },
            ["status"] = true,
        };
        var (revokeStatus, revokeAnswer) = await demo.Http.SendOwnAsync(cbp, HttpMethod.Post, "/credentials/status", revoke.ToJsonString(), cancellationToken).ConfigureAwait(false);
        demo.Report(DemoStepKind.Customs, cbp, revokeStatus == 200
            ? $"revoked CTPATCertificate {ctpat.Id} of {importer.Name} (its bit set in CBP's revocation status list)"
            : $"could not revoke CTPATCertificate {ctpat.Id} ({revokeStatus}): {revokeAnswer}", new() { ["credential"] = ctpat.Id, ["revoked"] = revokeStatus == 200 });
        var nextEntry = await demo.IssueAsync(importer, "CBP7501EntrySummaryCredential", Entry(importer, "7208.37.0030", "48250", 38600m), cancellationToken: cancellationToken).ConfigureAwait(false);
        var afterRevocation = await demo.PresentAsync(broker, cbp, [ctpat, nextEntry], "us-cbp-entry", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("the next filing with the revoked CTPAT certificate is refused (422, its status check fails)", revokeStatus == 200 && afterRevocation.Status == 422
            && afterRevocation.Body.GetRawText().Contains("status", StringComparison.OrdinalIgnoreCase));

        // My Export is Your Import at CBP's node: the scrap entry filed against the export declaration CBP received by G2G.
        var mismatch = await demo.PresentAsync(broker, cbp, [wrong], "us-cbp-entry", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("CBP's node rejects the entry that does not match the export declaration, naming the differences (export-import-mismatch)", mismatch.Accepted && demo.LastDecision == "rejected"
            && demo.LastDecisionReasons.Contains("export-import-mismatch"));
    }

    // The verifier's node checks the certificate (VC-API), then its trust registry says whether the issuer may issue it.
    private static async Task<bool> RecognisedAsync(DemoContext demo, DemoParty verifier, DemoCredential certificate, TrustRegistry registry, CancellationToken cancellationToken)
    {
        var (valid, _) = await demo.Http.VerifyAsync(verifier, certificate.Utf8, cancellationToken).ConfigureAwait(false);
        var answer = registry.Evaluate(certificate.Issuer.Did, ["VerifiableCredential", certificate.Type], certificate.Issuer.Country);
        var listed = answer.Allowed;
        demo.Report(DemoStepKind.Customs, verifier, $"{certificate.Type} from {certificate.Issuer.Name}: signature {(valid ? "valid" : "not valid")}; {answer.Reason}", new()
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
            "quantity": { "type": ["QuantitativeValue"], "value": "48250", "unitCode": "KGM" },
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
          "exportDate": "2026-07-02T08:00:00Z",
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

    // My Export is Your Import (Tradeproof.Customs): countries, consignee, shipment, HS subheadings, quantities, value, date.
    private static IReadOnlyList<ExportImportDifference> Match(DemoContext demo, DemoParty customs, DemoCredential export, DemoCredential entry)
    {
        using var e = JsonDocument.Parse(export.Utf8);
        using var i = JsonDocument.Parse(entry.Utf8);
        var differences = new ExportImportMatcher().Match(e.RootElement, i.RootElement).Differences;
        demo.Report(DemoStepKind.Customs, customs, differences.Count == 0
            ? $"my export is your import: entry {entry.Id} matches export declaration {export.Id} (countries, consignee, shipment, HS subheadings, quantities, value, date)"
            : $"my export is your import: entry {entry.Id} differs from export declaration {export.Id}: " + string.Join(" ", differences.Select(d => d.Message)), new()
            {
                ["export"] = export.Id,
                ["entry"] = entry.Id,
                ["differences"] = differences.Select(d => new Dictionary<string, object?> { ["field"] = d.Field, ["exported"] = d.Exported, ["imported"] = d.Imported }).ToList(),
            });
        return differences;
    }
}
