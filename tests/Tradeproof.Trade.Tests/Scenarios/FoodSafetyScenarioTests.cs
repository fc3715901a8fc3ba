using Tradeproof.Trade.Rules;
using Tradeproof.Trade.Twins;
using static Tradeproof.Trade.Tests.Scenarios.TradeNetwork;

namespace Tradeproof.Trade.Tests.Scenarios;

/// <summary>
/// Food safety (CBP test area 4): FSMA 204 critical tracking events from farm to importer (growing, shipping,
/// receiving), each signed by the party that performed it, and the reefer's temperature log signed by the
/// carrier. The negative twin: a warm container.
/// </summary>
public sealed class FoodSafetyScenarioTests : IDisposable
{
    private const string Lot = "TOM-2026-0601-A";
    private readonly TradeNetwork _network = new();
    private readonly TestParty _farm;
    private readonly TestParty _carrier;
    private readonly TestParty _importer;

    public FoodSafetyScenarioTests()
    {
        _farm = _network.Party("Rancho Verde S.P.R.", "MX");
        _carrier = _network.Party("Cold Chain Carriers S.A.", "MX");
        _importer = _network.Party("Fresh Border Imports LLC", "US");
    }

    public void Dispose() => _network.Dispose();

    private const string LotJson = """
        "traceabilityLot": {
          "type": ["FSMATraceabilityLot"],
          "lotCode": "TOM-2026-0601-A",
          "lotType": "originated",
          "lotCodeGeneratorLocation": { "type": ["Place"], "locationName": "Rancho Verde field 4", "address": { "type": ["PostalAddress"], "name": "Rancho Verde S.P.R.", "addressLocality": "Culiacán", "addressCountry": "MX" } }
        }
        """;

    private byte[] Growing() => _network.Issue(_farm, "FSMAGrowingCTECredential", at: new DateTimeOffset(2026, 6, 1, 6, 0, 0, TimeSpan.Zero), subject: Subject($$"""
        {
          {{LotJson}},
          "growingAreaCoordinates": { "type": ["GeoCoordinates"], "latitude": "24.8091", "longitude": "-107.3940" }
        }
        """));

    private byte[] Shipping(bool withDate = true) => _network.Issue(_farm, "FSMAShippingCTECredential", subject: Subject($$"""
        {
          "shipment": {
            "type": ["FSMAShipment"],
            "product": { "type": ["FSMAProduct"], {{LotJson}}, "quantity": 120, "unit": "Cases", "additionalData": [{ "name": "Category name", "value": "Tomatoes, roma" }] },
            "from": { "type": ["Place"], "locationName": "Rancho Verde packing shed", "address": { "type": ["PostalAddress"], "name": "Rancho Verde S.P.R.", "addressCountry": "MX" } },
            "to": { "type": ["Place"], "locationName": "Fresh Border warehouse", "address": { "type": ["PostalAddress"], "name": "Fresh Border Imports LLC", "addressLocality": "Nogales", "addressCountry": "US" } },
            "additionalData": [{ "name": "Reference record type and number", "value": "BOL CCC-2026-0602-17" }]
          }
          {{(withDate ? ", \"dateShipped\": \"2026-06-01T18:00:00Z\"" : "")}}
        }
        """));

    private byte[] Temperatures(params decimal[] readings) => _network.Issue(_carrier, "SensorReadingCredential", tradeContext: true, subject: Subject($$"""
        {
          "type": ["SensorReading"],
          "sensor": { "id": "urn:sensor:thermolog:TL-88213", "serialNumber": "TL-88213", "model": "ThermoLog 4" },
          "measuredProperty": "temperature",
          "lotNumber": "{{Lot}}",
          "containerNumber": "CCCU1234567",
          "allowedRange": { "minValue": "0", "maxValue": "5", "unitCode": "CEL" },
          "readings": [{{string.Join(",", readings.Select((r, i) => $$"""{ "observationTime": "2026-06-01T{{(20 + i).ToString("00", System.Globalization.CultureInfo.InvariantCulture)}}:00:00Z", "measurement": { "type": ["QuantitativeValue"], "value": "{{r.ToString(System.Globalization.CultureInfo.InvariantCulture)}}", "unitCode": "CEL" } }"""))}}]
        }
        """));

    private byte[] Receiving() => _network.Issue(_importer, "FSMAReceivingCTECredential", subject: Subject($$"""
        {
          "shipment": {
            "type": ["FSMAShipment"],
            "product": { "type": ["FSMAProduct"], {{LotJson}}, "quantity": 120, "unit": "Cases" },
            "from": { "type": ["Place"], "locationName": "Rancho Verde packing shed", "address": { "type": ["PostalAddress"], "name": "Rancho Verde S.P.R.", "addressCountry": "MX" } },
            "to": { "type": ["Place"], "locationName": "Fresh Border warehouse", "address": { "type": ["PostalAddress"], "name": "Fresh Border Imports LLC", "addressLocality": "Nogales", "addressCountry": "US" } }
          },
          "dateReceived": "2026-06-02T07:30:00Z"
        }
        """));

    [Fact]
    public void The_lot_twin_follows_the_tomatoes_from_field_to_warehouse_within_the_cold_chain()
    {
        var received = _network.Receive(Growing(), Shipping(), Temperatures(3.8m, 4.1m, 4.4m), Receiving());
        Assert.All(received, r => Assert.True(r.Verified, string.Join("; ", r.Problems)));
        var twin = ProjectTwins(received).Find(Lot)!;

        Assert.Equal("Tomatoes, roma", twin.Description);
        Assert.Equal(120m, twin.Quantity);
        Assert.Equal("Fresh Border Imports LLC", twin.Custodian!.Name);
        Assert.Equal("received", twin.LocationStatus);
        Assert.Equal("Fresh Border warehouse", twin.Location!.Name);
        Assert.Equal(3, twin.Readings.Count);
        Assert.Equal(["grown", "shipped", "received"], twin.Timeline.Where(e => e.Payload.Status is "grown" or "shipped" or "received").Select(e => e.Payload.Status));
        Assert.Empty(twin.Issues);

        var result = new AdmissibilityEvaluator().Evaluate(received);
        Assert.Equal(AdmissibilityDecision.Admissible, result.Decision);
        Assert.Equal(3, result.Findings.Count(f => f.Code == "FOOD-KDE-MISSING" && f.Severity == FindingSeverity.Pass));
        Assert.True(result.Has("FOOD-TEMPERATURE-EXCURSION", FindingSeverity.Pass));
    }

    [Fact]
    public void Negative_twin_a_warm_container_is_flagged_on_the_twin_and_fails_the_cold_chain_rule()
    {
        var received = _network.Receive(Growing(), Shipping(), Temperatures(3.8m, 9.5m, 7.2m, 4.0m), Receiving());
        var twin = ProjectTwins(received).Find(Lot)!;
        Assert.Equal(2, twin.Issues.Count(i => i.Code == TwinIssueCodes.ReadingOutOfRange));
        Assert.True(ProjectTwins(received).Find("CCCU1234567")!.HasIssue(TwinIssueCodes.ReadingOutOfRange));

        var result = new AdmissibilityEvaluator().Evaluate(received);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("FOOD-TEMPERATURE-EXCURSION", failure.Code);
        Assert.Equal(received[2].Id, failure.CredentialId);
        Assert.Contains("2 of 4", failure.Message, StringComparison.Ordinal);
        Assert.Contains("worst 9.5 CEL", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shipping_event_without_its_date_lacks_a_key_data_element()
    {
        var received = _network.Receive(Growing(), Shipping(withDate: false));
        var result = new AdmissibilityEvaluator().Evaluate(received);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("FOOD-KDE-MISSING", failure.Code);
        Assert.Equal("/credentialSubject/dateShipped", failure.Pointer);
        Assert.Contains(Lot, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Readings_without_their_own_range_are_judged_by_the_policy_cold_chain()
    {
        var twins = new TwinIndex();
        var source = new TwinEventSource(TwinEventSource.Raw, null, null, "urn:device:probe-1", DateTimeOffset.UnixEpoch);
        twins.Add(new TwinEvent("probe-1/1", TwinEventType.Reading, [Lot], DateTimeOffset.UnixEpoch, source, new TwinEventPayload { Measurement = new TwinMeasurement("temperature", 8m, "CEL") }));
        Assert.Empty(twins.Find(Lot)!.Issues);

        var policy = AdmissibilityPolicy.Parse("""{ "coldChain": { "minimum": 0, "maximum": 5 } }""");
        var context = new RuleContext([], policy);
        context.Twins.AddRange(twins.Find(Lot)!.Timeline);
        var result = new AdmissibilityEvaluator().Evaluate(context);
        Assert.True(result.Has("FOOD-TEMPERATURE-EXCURSION", FindingSeverity.Fail));
    }
}
