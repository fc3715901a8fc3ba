using Tradeproof.Trade.Rules;
using Tradeproof.Trade.Twins;
using static Tradeproof.Trade.Tests.Scenarios.TradeNetwork;

namespace Tradeproof.Trade.Tests.Scenarios;

/// <summary>
/// Natural gas (CBP test area 3): the producer's gas credential states the producing facility (origin), the
/// pipeline's delivery statement and in-bond movements track it, the sale to the utility is a transfer.
/// The negative twin: gas produced in a prohibited country.
/// </summary>
public sealed class NaturalGasScenarioTests : IDisposable
{
    private const string Lot = "GAS-2026-06-AB-7";
    private readonly TradeNetwork _network = new();
    private readonly TestParty _producer;
    private readonly TestParty _pipeline;
    private readonly TestParty _utility;

    public NaturalGasScenarioTests()
    {
        _producer = _network.Party("Alberta Gas Producers Ltd.", "CA");
        _pipeline = _network.Party("Great Plains Gas Transmission", "US");
        _utility = _network.Party("Midwest Gas Utility", "US");
    }

    public void Dispose() => _network.Dispose();

    private IReadOnlyList<ReceivedCredential> Gas(string country) => _network.Receive(
        _network.Issue(_producer, "OilAndGasProductCredential", at: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), subject: Subject($$"""
            {
              "lotNumber": "{{Lot}}",
              "productionDate": "2026-06-01",
              "facility": { "type": ["Place"], "address": { "type": ["PostalAddress"], "addressLocality": "Grande Prairie", "addressCountry": "{{country}}" } },
              "product": { "type": ["Product"], "name": "Natural gas", "description": "Pipeline quality, dry", "countryOfOrigin": "{{country}}", "commodity": { "type": ["Commodity"], "commodityCode": "2711.21.00", "commodityCodeType": "HTS" } },
              "observation": [{ "type": ["Observation"], "property": { "type": ["Property"], "name": "volume" }, "measurement": { "type": ["MeasuredValue"], "value": "50000", "unitCode": "DTH" } }]
            }
            """)),
        _network.Issue(_producer, "CustodyTransferCredential", tradeContext: true, subject: Subject($$"""
            {
              "type": ["CustodyTransfer"],
              "transferType": ["ownership"],
              "from": { "type": ["Organization"], "id": "{{_producer.Did}}", "name": "{{_producer.Name}}" },
              "to": { "type": ["Organization"], "id": "{{_utility.Did}}", "name": "{{_utility.Name}}" },
              "product": { "type": ["Product"], "name": "Natural gas", "htsCode": "2711210000" },
              "lotNumber": "{{Lot}}",
              "quantity": { "type": ["QuantitativeValue"], "value": "50000", "unitCode": "DTH" },
              "transferTime": "2026-06-02T00:00:00Z"
            }
            """)),
        _network.Issue(_pipeline, "InBondMovementCredential", tradeContext: true, subject: Subject($$"""
            {
              "type": ["InBondMovement"],
              "inBondNumber": "G55500011",
              "movementType": "IT",
              "movementStatus": "in-transit",
              "eventTime": "2026-06-03T00:00:00Z",
              "bondedCarrier": { "type": ["Organization"], "id": "{{_pipeline.Did}}", "name": "{{_pipeline.Name}}" },
              "portOfEntry": { "type": ["Place"], "locationName": "Port of Sweetgrass", "unLocode": "USSWG", "address": { "type": ["PostalAddress"], "addressCountry": "US" } },
              "portOfDestination": { "type": ["Place"], "locationName": "Port of Chicago", "unLocode": "USCHI", "address": { "type": ["PostalAddress"], "addressCountry": "US" } },
              "currentLocation": { "type": ["Place"], "locationName": "Ventura compressor station", "address": { "type": ["PostalAddress"], "addressCountry": "US" } },
              "lotNumber": "{{Lot}}"
            }
            """)),
        _network.Issue(_pipeline, "DeliveryStatementCredential", subject: Subject($$"""
            {
              "lotNumber": "{{Lot}}",
              "commodity": { "type": ["Commodity"], "commodityCode": "2711.21.00", "commodityCodeType": "HTS" },
              "deliveredDate": "2026-06-04T00:00:00Z",
              "deliveredVolume": { "type": ["MeasuredValue"], "value": "49870", "unitCode": "DTH" }
            }
            """)));

    [Fact]
    public void The_gas_twin_has_its_origin_owner_in_bond_position_and_delivered_volume()
    {
        var received = Gas("CA");
        Assert.All(received, r => Assert.True(r.Verified, string.Join("; ", r.Problems)));
        var twin = ProjectTwins(received).Find(Lot)!;

        Assert.Equal("Natural gas: Pipeline quality, dry", twin.Description);
        Assert.Contains(twin.Origins, o => o.Kind == OriginKinds.CountryOfProduction && o.Country == "CA");
        Assert.Equal(_utility.Did, twin.Owner!.Id);
        Assert.Equal(50000m, twin.Holdings[_utility.Did]);
        Assert.Equal("in-transit", twin.InBond!.Status);
        Assert.Equal("G55500011", twin.InBond.Reference);
        Assert.Equal("Ventura compressor station", twin.Location!.Name);
        Assert.Equal(49870m, Assert.Single(twin.Readings).Measurement.Value);
        Assert.Equal([_producer.Did, _pipeline.Did], twin.Issuers);
        Assert.Empty(twin.Issues);

        var result = new AdmissibilityEvaluator().Evaluate(received);
        Assert.Equal(AdmissibilityDecision.Admissible, result.Decision);
        Assert.True(result.Has("ORIGIN-PROHIBITED", FindingSeverity.Pass));
    }

    [Fact]
    public void Negative_twin_gas_from_a_prohibited_country_is_refused()
    {
        var received = Gas("IR");
        var result = new AdmissibilityEvaluator().Evaluate(received);

        Assert.Equal(AdmissibilityDecision.NotAdmissible, result.Decision);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("ORIGIN-PROHIBITED", failure.Code);
        Assert.Equal("/credentialSubject/product/countryOfOrigin", failure.Pointer);
        Assert.Equal(received[0].Id, failure.CredentialId);
        Assert.Contains(ProjectTwins(received).Find(Lot)!.Origins, o => o.Kind == OriginKinds.CountryOfProduction && o.Country == "IR");
    }

    [Fact]
    public void The_prohibited_list_is_policy_an_empty_list_admits_the_same_gas()
    {
        var policy = AdmissibilityPolicy.Parse("""{ "prohibitedOrigins": [] }""");
        var result = new AdmissibilityEvaluator().Evaluate(Gas("IR"), policy);
        Assert.Equal(AdmissibilityDecision.Admissible, result.Decision);

        var strict = AdmissibilityPolicy.Parse("""{ "prohibitedOrigins": ["CA"] }""");
        Assert.False(new AdmissibilityEvaluator().Evaluate(Gas("CA"), strict).IsAdmissible);
    }
}
