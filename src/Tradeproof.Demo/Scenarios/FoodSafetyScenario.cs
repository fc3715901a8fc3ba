using System.Globalization;
using Tradeproof.Trade.Rules;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Demo;

/// <summary>
/// Food safety (CBP test area 4): FSMA 204 critical tracking events from the Mexican farm (growing, shipping) to
/// the importer (receiving), the reefer carrier's temperature log; the broker sends the key data elements to FDA and
/// the entry to CBP. Failure twin: a warm container (temperatures out of range) is flagged on the lot's twin and
/// fails the cold-chain rule.
/// </summary>
public sealed class FoodSafetyScenario : DemoScenario
{
    private const string Lot = "TOM-2026-0601-A";
    private const string Container = "CCCU1234567";

    /// <inheritdoc />
    public override string Name => "food";

    /// <inheritdoc />
    public override string Title => "Food safety: FSMA 204 key data elements and cold chain -> FDA and CBP; a warm container flagged";

    /// <inheritdoc />
    public override async Task RunAsync(DemoContext demo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var farm = demo.Party("rancho-verde");
        var carrier = demo.Party("cold-chain");
        var importer = demo.Party("fresh-border");
        var broker = demo.Party("border-brokers");
        var fda = demo.Party("fda");
        var cbp = demo.Party("cbp");

        var growing = await demo.IssueAsync(farm, "FSMAGrowingCTECredential", $$"""
            { {{LotJson}}, "growingAreaCoordinates": { "type": ["GeoCoordinates"], "latitude": "24.8091", "longitude": "-107.3940" } }
            """, at: new DateTimeOffset(2026, 6, 1, 6, 0, 0, TimeSpan.Zero), cancellationToken: cancellationToken).ConfigureAwait(false);
        var shipping = await demo.IssueAsync(farm, "FSMAShippingCTECredential", $$"""
            {
              "shipment": {
                "type": ["FSMAShipment"],
                "product": { "type": ["FSMAProduct"], {{LotJson}}, "quantity": 120, "unit": "Cases", "additionalData": [{ "name": "Category name", "value": "Tomatoes, roma" }] },
                "from": { "type": ["Place"], "locationName": "Rancho Verde packing shed", "address": { "type": ["PostalAddress"], "name": "Rancho Verde S.P.R.", "addressCountry": "MX" } },
                "to": { "type": ["Place"], "locationName": "Fresh Border warehouse", "address": { "type": ["PostalAddress"], "name": "Fresh Border Imports LLC", "addressLocality": "Nogales", "addressCountry": "US" } },
                "additionalData": [{ "name": "Reference record type and number", "value": "BOL CCC-2026-0602-17" }]
              },
              "dateShipped": "2026-06-01T18:00:00Z"
            }
            """, cancellationToken: cancellationToken).ConfigureAwait(false);
        var receiving = await demo.IssueAsync(importer, "FSMAReceivingCTECredential", $$"""
            {
              "shipment": {
                "type": ["FSMAShipment"],
                "product": { "type": ["FSMAProduct"], {{LotJson}}, "quantity": 120, "unit": "Cases" },
                "from": { "type": ["Place"], "locationName": "Rancho Verde packing shed", "address": { "type": ["PostalAddress"], "name": "Rancho Verde S.P.R.", "addressCountry": "MX" } },
                "to": { "type": ["Place"], "locationName": "Fresh Border warehouse", "address": { "type": ["PostalAddress"], "name": "Fresh Border Imports LLC", "addressLocality": "Nogales", "addressCountry": "US" } }
              },
              "dateReceived": "2026-06-02T07:30:00Z"
            }
            """, cancellationToken: cancellationToken).ConfigureAwait(false);
        var cold = await demo.IssueAsync(carrier, "SensorReadingCredential", Temperatures(3.8m, 4.1m, 4.4m), tradeContext: true, suite: "eddsa-jcs-2022", cancellationToken: cancellationToken).ConfigureAwait(false);

        List<DemoCredential> documents = [growing, shipping, cold, receiving];
        var toFda = await demo.PresentAsync(broker, fda, documents, "https://tradeproof.dev/workflows/fda-prior-notice", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("FDA accepts the key data elements", toFda.Accepted);
        var (_, result, twins) = await demo.JudgeAsync(fda, documents, cancellationToken: cancellationToken).ConfigureAwait(false);
        var twin = await demo.ReportTwinAsync(fda, twins, Lot, cancellationToken).ConfigureAwait(false);
        demo.Expect("every key data element is there and the cold chain held: admissible", result.Decision == AdmissibilityDecision.Admissible && result.Has("FOOD-TEMPERATURE-EXCURSION", FindingSeverity.Pass));
        demo.Expect("the lot's twin: received at the importer's warehouse, 3 readings, no issues", twin is { Issues.Count: 0, Readings.Count: 3, LocationStatus: "received" });
        var entry = await demo.PresentAsync(broker, cbp, documents, "us-cbp-entry", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("CBP accepts the food entry", entry.Accepted);
        demo.Expect("CBP holds the food entry for FDA's review (routed by its rules)", demo.LastDecision == "hold-for-agency-review");

        // Failure twin: a warm container.
        var warm = await demo.IssueAsync(carrier, "SensorReadingCredential", Temperatures(3.8m, 9.5m, 7.2m, 4.0m), tradeContext: true, suite: "eddsa-jcs-2022", cancellationToken: cancellationToken).ConfigureAwait(false);
        List<DemoCredential> warmDocuments = [growing, shipping, warm, receiving];
        var warmEntry = await demo.PresentAsync(broker, fda, warmDocuments, "https://tradeproof.dev/workflows/fda-prior-notice", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("FDA accepts the signed documents of the warm container", warmEntry.Accepted);
        var (_, warmResult, warmTwins) = await demo.JudgeAsync(fda, warmDocuments, cancellationToken: cancellationToken).ConfigureAwait(false);
        var container = await demo.ReportTwinAsync(fda, warmTwins, Container, cancellationToken).ConfigureAwait(false);
        demo.Expect("the warm container is flagged on its twin (reading out of range)", container is not null && container.HasIssue(TwinIssueCodes.ReadingOutOfRange));
        demo.Expect("the cold-chain rule fails: FOOD-TEMPERATURE-EXCURSION, not admissible", warmResult.Has("FOOD-TEMPERATURE-EXCURSION", FindingSeverity.Fail) && !warmResult.IsAdmissible);
    }

    private const string LotJson = """
        "traceabilityLot": {
          "type": ["FSMATraceabilityLot"],
          "lotCode": "TOM-2026-0601-A",
          "lotType": "originated",
          "lotCodeGeneratorLocation": { "type": ["Place"], "locationName": "Rancho Verde field 4", "address": { "type": ["PostalAddress"], "name": "Rancho Verde S.P.R.", "addressLocality": "Culiacan", "addressCountry": "MX" } }
        }
        """;

    private static string Temperatures(params decimal[] readings) => $$"""
        {
          "type": ["SensorReading"],
          "sensor": { "id": "urn:sensor:thermolog:TL-88213", "serialNumber": "TL-88213", "model": "ThermoLog 4" },
          "measuredProperty": "temperature",
          "lotNumber": "{{Lot}}",
          "containerNumber": "{{Container}}",
          "allowedRange": { "minValue": "0", "maxValue": "5", "unitCode": "CEL" },
          "readings": [{{string.Join(",", readings.Select((r, i) => $$"""{ "observationTime": "2026-06-01T{{(20 + i).ToString("00", CultureInfo.InvariantCulture)}}:00:00Z", "measurement": { "type": ["QuantitativeValue"], "value": "{{r.ToString(CultureInfo.InvariantCulture)}}", "unitCode": "CEL" } }"""))}}]
        }
        """;
}
