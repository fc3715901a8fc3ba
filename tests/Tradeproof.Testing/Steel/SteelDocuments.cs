using Tradeproof.Demo;

namespace Tradeproof.Testing.Steel;

/// <summary>
/// The credential subjects of the steel entry (CBP test area 1): a Mexican mill's hot-rolled coil, its mill test
/// report, the exporter's USMCA certificate, the rail carrier's bill of lading and hand-over to the importer, the
/// broker's entry summary, the Mexican export declaration and AEO certificate. JSON texts; the parties are given.
/// </summary>
public static class SteelDocuments
{
    // The chain's documents (mill test report, USMCA certificate, bill of lading, hand-over) are the demo's, one copy:
    // src/Tradeproof.Demo/Scenarios/SteelChainDocuments.cs, compiled into this library too (Tradeproof.Testing.csproj).
    public const string Coil = SteelChainDocuments.Coil;
    public const string Heat = SteelChainDocuments.Heat;
    public const string Bill = SteelChainDocuments.Bill;

    /// <summary>The day the coil was rolled (the mill test report's date; the others follow it).</summary>
    public static readonly DateTimeOffset Rolled = SteelChainDocuments.Rolled;

    /// <summary>The mill test report for <paramref name="customer"/>; no <c>countryOfMeltAndPour</c> when <paramref name="meltAndPour"/> is null.</summary>
    public static string MillTestReport(TestParty customer, string? meltAndPour = "MX") => SteelChainDocuments.MillTestReport(Ref(customer), "MX", meltAndPour);

    public static string UsmcaCertificate(TestParty exporter, TestParty producer, TestParty importer, string origin = "MX") =>
        SteelChainDocuments.UsmcaCertificate(Ref(exporter), Ref(producer), Ref(importer), origin);

    public static string BillOfLading(TestParty carrier, TestParty consignor, TestParty consignee) => SteelChainDocuments.BillOfLading(Ref(carrier), Ref(consignor), Ref(consignee));

    /// <summary>The custody transfer of the coil from <paramref name="from"/> to <paramref name="to"/> at the Laredo rail yard (needs the trade context).</summary>
    public static string HandOver(TestParty from, TestParty to) => SteelChainDocuments.HandOver(Ref(from), Ref(to));

    // A party's short reference, as the demo's DemoParty.Ref().
    private static string Ref(TestParty party) => $$"""{ "type": ["Organization"], "id": "{{party.Did}}", "name": "{{party.Name}}" }""";

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
