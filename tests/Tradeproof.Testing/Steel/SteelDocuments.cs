namespace Tradeproof.Testing.Steel;

/// <summary>
/// The credential subjects of the steel entry (CBP test area 1): a Mexican mill's hot-rolled coil, its mill test
/// report, the exporter's USMCA certificate, the rail carrier's bill of lading and hand-over to the importer, the
/// broker's entry summary, the Mexican export declaration and AEO certificate. JSON texts; the parties are given.
/// </summary>
public static class SteelDocuments
{
    public const string Coil = "COIL-24-5521-01";
    public const string Heat = "HEAT-24-5521";
    public const string Bill = "KCSM-BOL-88213";

    /// <summary>The day the coil was rolled (the mill test report's date; the others follow it).</summary>
    public static readonly DateTimeOffset Rolled = new(2026, 6, 28, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The mill test report for <paramref name="customer"/>; no <c>countryOfMeltAndPour</c> when <paramref name="meltAndPour"/> is null.</summary>
    public static string MillTestReport(TestParty customer, string? meltAndPour = "MX") => $$"""
        {
          "certificateNumber": "MTR-2026-0042",
          "customer": { "type": ["Organization"], "id": "{{customer.Did}}", "name": "{{customer.Name}}" },
          "productSpecification": { "type": ["SteelProduct"], "standard": "ASTM", "grade": "A36", "productDescription": "Hot-rolled steel coil, 6 mm" },
          "inspections": [{
            "type": ["Inspection"],
            "productIdentifier": "{{Coil}}",
            "heatNumber": "{{Heat}}",
            "totalWeight": { "type": ["MeasuredValue"], "value": "48250", "unitCode": "KGM" },
            "countryOfManufacture": "MX",
            {{(meltAndPour is null ? "" : $"\"countryOfMeltAndPour\": \"{meltAndPour}\",")}}
            "meltPractice": "EAF"
          }]
        }
        """;

    public static string UsmcaCertificate(TestParty exporter, TestParty producer, TestParty importer, string origin = "MX") => $$"""
        {
          "type": ["USMCAClaims"],
          "invoiceNumber": "INV-77812",
          "exporterDetails": { "type": ["Organization"], "id": "{{exporter.Did}}", "name": "{{exporter.Name}}" },
          "producerDetails": { "type": ["Organization"], "id": "{{producer.Did}}", "name": "{{producer.Name}}" },
          "importerDetails": [{ "type": ["Organization"], "id": "{{importer.Did}}", "name": "{{importer.Name}}" }],
          "goods": [{ "type": ["USMCAProduct"], "description": "Hot-rolled steel coil", "commodityCode": "720837", "commodityCodeType": "HS", "originCriterion": "B", "countryOfOrigin": "{{origin}}", "productIdentifier": "{{Coil}}" }]
        }
        """;

    public static string BillOfLading(TestParty carrier, TestParty consignor, TestParty consignee) => $$"""
        {
          "billOfLadingNumber": "{{Bill}}",
          "carrier": { "type": ["Organization"], "id": "{{carrier.Did}}", "name": "{{carrier.Name}}" },
          "consignor": { "type": ["Organization"], "id": "{{consignor.Did}}", "name": "{{consignor.Name}}" },
          "consignee": { "type": ["Organization"], "id": "{{consignee.Did}}", "name": "{{consignee.Name}}" },
          "portOfLoading": { "type": ["Place"], "unLocode": "MXNLD" },
          "portOfDischarge": { "type": ["Place"], "unLocode": "USLRD" },
          "shippedOnBoardDate": "2026-07-02T08:00:00Z",
          "particulars": [{ "marksAndNumbers": "{{Coil}}", "commodity": { "type": ["Commodity"], "commodityCode": "7208.37", "commodityCodeType": "HS", "description": "Hot-rolled coil" } }]
        }
        """;

    /// <summary>The custody transfer of the coil from <paramref name="from"/> to <paramref name="to"/> at the Laredo rail yard (needs the trade context).</summary>
    public static string HandOver(TestParty from, TestParty to) => $$"""
        {
          "type": ["CustodyTransfer"],
          "transferType": ["custody"],
          "from": { "type": ["Organization"], "id": "{{from.Did}}", "name": "{{from.Name}}" },
          "to": { "type": ["Organization"], "id": "{{to.Did}}", "name": "{{to.Name}}" },
          "product": { "type": ["Product"], "name": "Hot-rolled steel coil, 6 mm", "htsCode": "7208370030" },
          "lotNumber": "{{Coil}}",
          "quantity": { "type": ["QuantitativeValue"], "value": "48250", "unitCode": "KGM" },
          "transferTime": "2026-07-04T15:00:00Z",
          "place": { "type": ["Place"], "locationName": "Laredo rail yard", "unLocode": "USLRD", "address": { "type": ["PostalAddress"], "addressCountry": "US" } }
        }
        """;

    public static string EntrySummary(TestParty importer, string quantity = "48250", int value = 41000, string exporting = "MX") => $$"""
        {
          "entryNumber": "ABC-1234567-8",
          "entryType": "01",
          "exportingCountry": "{{exporting}}",
          "exportDate": "2026-07-02T08:00:00Z",
          "billOfLadingNumber": "{{Bill}}",
          "ultimateConsignee": { "type": ["Organization"], "name": "{{importer.Name}}" },
          "descriptionOfMerchandise": [{
            "commodity": { "type": ["Commodity"], "commodityCode": "7208.37.0030", "commodityCodeType": "HTS", "description": "Hot-rolled steel coil" },
            "netQuantity": { "type": ["QuantitativeValue"], "value": "{{quantity}}", "unitCode": "KGM" },
            "enteredValue": { "type": ["PriceSpecification"], "price": {{value}}, "priceCurrency": "USD" }
          }],
          "totalEnteredValue": { "type": ["PriceSpecification"], "price": {{value}}, "priceCurrency": "USD" }
        }
        """;

    /// <summary>The Mexican export declaration of the coil (needs the trade context).</summary>
    public static string ExportDeclaration(TestParty exporter, TestParty consignee) => $$"""
        {
          "type": ["ExportDeclaration"],
          "declarationNumber": "MX-ED-2026-000917",
          "declarationDate": "2026-07-01T16:00:00Z",
          "exporter": { "type": ["Organization"], "id": "{{exporter.Did}}", "name": "{{exporter.Name}}" },
          "consignee": { "type": ["Organization"], "name": "{{consignee.Name}}" },
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
        """;

    /// <summary>The exporter's AEO certificate (OEA Mexico) by <paramref name="authority"/> (needs the trade context).</summary>
    public static string AeoCertificate(TestParty holder, TestParty authority) => $$"""
        {
          "type": ["AEOCertificate"],
          "id": "{{holder.Did}}",
          "certificateNumber": "OEA-MX-2024-0312",
          "holder": { "type": ["Organization"], "id": "{{holder.Did}}", "name": "{{holder.Name}}" },
          "issuingAuthority": { "type": ["Organization"], "id": "{{authority.Did}}", "name": "{{authority.Name}}" },
          "issuingCountry": "MX",
          "programName": "OEA Mexico",
          "authorizationType": "AEOF",
          "status": "active",
          "dateOfIssue": "2024-03-01",
          "mutualRecognitionPartners": ["US-CTPAT"]
        }
        """;
}
