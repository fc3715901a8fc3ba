namespace Tradeproof.Demo;

/// <summary>
/// The credential subjects of the steel chain (CBP test area 1), one copy: the Mexican mill's test report for the
/// hot-rolled coil, the exporter's USMCA certificate, the rail carrier's bill of lading and its hand-over to the
/// importer. JSON texts; each party is given as its short reference (<c>{ "type": ["Organization"], "id", "name" }</c>).
/// The demo's <c>SteelScenario</c> issues them, and the test support library (tests/Tradeproof.Testing,
/// <c>SteelDocuments</c>) compiles this same file for the tests' steel chain: test support may not reference the demo
/// (it sits on the trade layer), and the demo may not reference test support.
/// </summary>
internal static class SteelChainDocuments
{
    public const string Coil = "COIL-24-5521-01";
    public const string Heat = "HEAT-24-5521";
    public const string Bill = "KCSM-BOL-88213";

    /// <summary>The day the coil was rolled (the mill test report's date; the others follow it).</summary>
    public static readonly DateTimeOffset Rolled = new(2026, 6, 28, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The mill test report for <paramref name="customer"/>; no <c>countryOfMeltAndPour</c> when <paramref name="meltAndPour"/> is null.</summary>
    public static string MillTestReport(string customer, string countryOfManufacture = "MX", string? meltAndPour = "MX") => $$"""
        {
          "certificateNumber": "MTR-2026-0042",
          "customer": {{customer}},
          "productSpecification": { "type": ["SteelProduct"], "standard": "ASTM", "grade": "A36", "productDescription": "Hot-rolled steel coil, 6 mm" },
          "inspections": [{
            "type": ["Inspection"],
            "productIdentifier": "{{Coil}}",
            "heatNumber": "{{Heat}}",
            "totalWeight": { "type": ["MeasuredValue"], "value": "48250", "unitCode": "KGM" },
            "countryOfManufacture": "{{countryOfManufacture}}",
            {{(meltAndPour is null ? "" : $"\"countryOfMeltAndPour\": \"{meltAndPour}\",")}}
            "meltPractice": "EAF"
          }]
        }
        """;

    public static string UsmcaCertificate(string exporter, string producer, string importer, string origin = "MX") => $$"""
        {
          "type": ["USMCAClaims"],
          "invoiceNumber": "INV-77812",
          "exporterDetails": {{exporter}},
          "producerDetails": {{producer}},
          "importerDetails": [{{importer}}],
          "goods": [{ "type": ["USMCAProduct"], "description": "Hot-rolled steel coil", "commodityCode": "720837", "commodityCodeType": "HS", "originCriterion": "B", "countryOfOrigin": "{{origin}}", "productIdentifier": "{{Coil}}" }]
        }
        """;

    public static string BillOfLading(string carrier, string consignor, string consignee) => $$"""
        {
          "billOfLadingNumber": "{{Bill}}",
          "carrier": {{carrier}},
          "consignor": {{consignor}},
          "consignee": {{consignee}},
          "portOfLoading": { "type": ["Place"], "unLocode": "MXNLD" },
          "portOfDischarge": { "type": ["Place"], "unLocode": "USLRD" },
          "shippedOnBoardDate": "2026-07-02T08:00:00Z",
          "particulars": [{ "marksAndNumbers": "{{Coil}}", "commodity": { "type": ["Commodity"], "commodityCode": "7208.37", "commodityCodeType": "HS", "description": "Hot-rolled coil" } }]
        }
        """;

    /// <summary>The custody transfer of the coil from <paramref name="from"/> to <paramref name="to"/> at the Laredo rail yard (needs the trade context).</summary>
    public static string HandOver(string from, string to) => $$"""
        {
          "type": ["CustodyTransfer"],
          "transferType": ["custody"],
          "from": {{from}},
          "to": {{to}},
          "product": { "type": ["Product"], "name": "Hot-rolled steel coil, 6 mm", "htsCode": "7208370030" },
          "lotNumber": "{{Coil}}",
          "quantity": { "type": ["QuantitativeValue"], "value": "48250", "unitCode": "KGM" },
          "transferTime": "2026-07-04T15:00:00Z",
          "place": { "type": ["Place"], "locationName": "Laredo rail yard", "unLocode": "USLRD", "address": { "type": ["PostalAddress"], "addressCountry": "US" } }
        }
        """;
}
