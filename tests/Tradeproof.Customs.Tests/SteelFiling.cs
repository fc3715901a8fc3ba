namespace Tradeproof.Customs.Tests;

/// <summary>The steel entry of CBP test area 1: mill test report, USMCA certificate, bill of lading, entry summary.</summary>
internal sealed class SteelFiling : IDisposable
{
    public const string Coil = "COIL-24-5521-01";
    public const string Bill = "KCSM-BOL-88213";

    public SteelFiling()
    {
        Mill = Network.Party("Aceros Monterrey S.A. de C.V.", "MX");
        Exporter = Network.Party("Monterrey Steel Export S.A.", "MX");
        Carrier = Network.Party("Kansas City Southern de Mexico", "MX");
        Broker = Network.Party("Border Brokerage Inc.", "US");
        Importer = Network.Party("Great Lakes Steel Imports LLC", "US");
        Forger = Network.Party("Aceros Monterrey S.A. de C.V. ", "MX"); // looks the same, another key
        Cbp = Network.Party("U.S. Customs and Border Protection", "US");
        MexicanCustoms = Network.Party("Agencia Nacional de Aduanas de Mexico", "MX");
    }

    public CustomsNetwork Network { get; } = new();

    public Party Mill { get; }

    public Party Exporter { get; }

    public Party Carrier { get; }

    public Party Broker { get; }

    public Party Importer { get; }

    public Party Forger { get; }

    public Party Cbp { get; }

    public Party MexicanCustoms { get; }

    public byte[] MillTestReport(Party? issuer = null) => Network.Issue(issuer ?? Mill, "MillTestReportCredential", $$"""
        {
          "certificateNumber": "MTR-2026-0042",
          "customer": { "type": ["Organization"], "id": "{{Importer.Did}}", "name": "{{Importer.Name}}" },
          "productSpecification": { "type": ["SteelProduct"], "standard": "ASTM", "grade": "A36", "productDescription": "Hot-rolled steel coil, 6 mm" },
          "inspections": [{
            "type": ["Inspection"],
            "productIdentifier": "{{Coil}}",
            "heatNumber": "HEAT-24-5521",
            "totalWeight": { "type": ["MeasuredValue"], "value": "48250", "unitCode": "KGM" },
            "countryOfManufacture": "MX",
            "countryOfMeltAndPour": "MX",
            "meltPractice": "EAF"
          }]
        }
        """);

    public byte[] UsmcaCertificate() => Network.Issue(Exporter, "USMCACertificationOfOrigin", $$"""
        {
          "type": ["USMCAClaims"],
          "invoiceNumber": "INV-77812",
          "exporterDetails": { "type": ["Organization"], "id": "{{Exporter.Did}}", "name": "{{Exporter.Name}}" },
          "producerDetails": { "type": ["Organization"], "id": "{{Mill.Did}}", "name": "{{Mill.Name}}" },
          "importerDetails": [{ "type": ["Organization"], "id": "{{Importer.Did}}", "name": "{{Importer.Name}}" }],
          "goods": [{ "type": ["USMCAProduct"], "description": "Hot-rolled steel coil", "commodityCode": "720837", "commodityCodeType": "HS", "originCriterion": "B", "countryOfOrigin": "MX", "productIdentifier": "{{Coil}}" }]
        }
        """);

    public byte[] BillOfLading() => Network.Issue(Carrier, "BillOfLadingCredential", $$"""
        {
          "billOfLadingNumber": "{{Bill}}",
          "carrier": { "type": ["Organization"], "id": "{{Carrier.Did}}", "name": "{{Carrier.Name}}" },
          "consignor": { "type": ["Organization"], "id": "{{Mill.Did}}", "name": "{{Mill.Name}}" },
          "consignee": { "type": ["Organization"], "id": "{{Importer.Did}}", "name": "{{Importer.Name}}" },
          "portOfLoading": { "type": ["Place"], "unLocode": "MXNLD" },
          "portOfDischarge": { "type": ["Place"], "unLocode": "USLRD" },
          "shippedOnBoardDate": "2026-07-02T08:00:00Z",
          "particulars": [{ "marksAndNumbers": "{{Coil}}", "commodity": { "type": ["Commodity"], "commodityCode": "7208.37", "commodityCodeType": "HS", "description": "Hot-rolled coil" } }]
        }
        """);

    public byte[] EntrySummary(string quantity = "48250", int value = 41000, string exporting = "MX") => Network.Issue(Broker, "CBP7501EntrySummaryCredential", $$"""
        {
          "entryNumber": "ABC-1234567-8",
          "entryType": "01",
          "exportingCountry": "{{exporting}}",
          "exportDate": "2026-07-02T08:00:00Z",
          "billOfLadingNumber": "{{Bill}}",
          "ultimateConsignee": { "type": ["Organization"], "name": "{{Importer.Name}}" },
          "descriptionOfMerchandise": [{
            "commodity": { "type": ["Commodity"], "commodityCode": "7208.37.0030", "commodityCodeType": "HTS", "description": "Hot-rolled steel coil" },
            "netQuantity": { "type": ["QuantitativeValue"], "value": "{{quantity}}", "unitCode": "KGM" },
            "enteredValue": { "type": ["PriceSpecification"], "price": {{value}}, "priceCurrency": "USD" }
          }],
          "totalEnteredValue": { "type": ["PriceSpecification"], "price": {{value}}, "priceCurrency": "USD" }
        }
        """);

    public byte[] ExportDeclaration() => Network.Issue(MexicanCustoms, "ExportDeclarationCredential", tradeContext: true, subject: $$"""
        {
          "type": ["ExportDeclaration"],
          "declarationNumber": "MX-ED-2026-000917",
          "declarationDate": "2026-07-01T16:00:00Z",
          "exporter": { "type": ["Organization"], "id": "{{Exporter.Did}}", "name": "{{Exporter.Name}}" },
          "consignee": { "type": ["Organization"], "name": "{{Importer.Name}}" },
          "exportCountry": "MX",
          "destinationCountry": "US",
          "transportMode": "rail",
          "shipmentIdentifier": "{{Bill}}",
          "items": [{
            "sequenceNumber": 1,
            "product": { "type": ["Product"], "name": "Hot-rolled steel coil" },
            "hsCode": "720837",
            "countryOfOrigin": "MX",
            "quantity": { "type": ["QuantitativeValue"], "value": "48250", "unitCode": "KGM" },
            "value": { "type": ["PriceSpecification"], "price": "41000", "priceCurrency": "USD" }
          }],
          "totalValue": { "type": ["PriceSpecification"], "price": "41000", "priceCurrency": "USD" }
        }
        """);

    public byte[] AeoCertificate(Party? issuer = null) => Network.Issue(issuer ?? MexicanCustoms, "AEOCertificateCredential", tradeContext: true, subject: $$"""
        {
          "type": ["AEOCertificate"],
          "id": "{{Exporter.Did}}",
          "certificateNumber": "OEA-MX-2024-0312",
          "holder": { "type": ["Organization"], "id": "{{Exporter.Did}}", "name": "{{Exporter.Name}}" },
          "issuingAuthority": { "type": ["Organization"], "id": "{{MexicanCustoms.Did}}", "name": "{{MexicanCustoms.Name}}" },
          "issuingCountry": "MX",
          "programName": "OEA Mexico",
          "authorizationType": "AEOF",
          "status": "active",
          "dateOfIssue": "2024-03-01",
          "mutualRecognitionPartners": ["US-CTPAT"]
        }
        """);

    /// <summary>The registry of CBP trusting the steel parties for their documents.</summary>
    public Registry.TrustRegistry Registry()
    {
        var now = Network.Clock.Now;
        return Tradeproof.Customs.Registry.TrustRegistry.Empty(Cbp.Did, now)
            .Allow(Mill.Did, ["MillTestReportCredential"], now, ["MX"], ["producer"])
            .Allow(Exporter.Did, ["USMCACertificationOfOrigin"], now, roles: ["exporter"])
            .Allow(Carrier.Did, ["BillOfLadingCredential"], now, roles: ["carrier"])
            .Allow(Broker.Did, ["CBP7501EntrySummaryCredential", "CBP3461EntryCredential"], now, roles: ["broker"])
            .Allow(MexicanCustoms.Did, ["ExportDeclarationCredential"], now, roles: ["customs"])
            .Recognise(new Registry.MutualRecognition(MexicanCustoms.Did, "MX", "OEA Mexico"), now);
    }

    public byte[][] All() => [MillTestReport(), UsmcaCertificate(), BillOfLading(), EntrySummary()];

    public void Dispose() => Network.Dispose();
}
