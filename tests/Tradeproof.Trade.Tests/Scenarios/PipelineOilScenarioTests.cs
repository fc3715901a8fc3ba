using Tradeproof.Trade.Rules;
using Tradeproof.Trade.Twins;
using static Tradeproof.Trade.Tests.Scenarios.TradeNetwork;

namespace Tradeproof.Trade.Tests.Scenarios;

/// <summary>
/// Pipeline oil (CBP test area 2): a Canadian producer's batch is resold twice while in the pipe; each sale
/// is a custody transfer credential signed by the seller; the pipeline operator's meter readings and in-bond
/// movements track it across the border. The origin survives the resales and the quantities balance.
/// </summary>
public sealed class PipelineOilScenarioTests : IDisposable
{
    private const string Batch = "WCS-2026-07-B12";
    private const string InBond = "V12345678";
    private readonly TradeNetwork _network = new();
    private readonly TestParty _producer;
    private readonly TestParty _traderA;
    private readonly TestParty _traderB;
    private readonly TestParty _refinery;
    private readonly TestParty _pipeline;

    public PipelineOilScenarioTests()
    {
        _producer = _network.Party("Prairie Oil Sands Ltd.", "CA");
        _traderA = _network.Party("Northern Crude Trading LLC", "US");
        _traderB = _network.Party("Gulf Barrels Inc.", "US");
        _refinery = _network.Party("Gulf Coast Refining Inc.", "US");
        _pipeline = _network.Party("Prairie Pipeline Ltd.", "CA");
    }

    public void Dispose() => _network.Dispose();

    private byte[] Product() => _network.Issue(_producer, "OilAndGasProductCredential", at: new DateTimeOffset(2026, 6, 30, 0, 0, 0, TimeSpan.Zero), subject: Subject($$"""
        {
          "lotNumber": "{{Batch}}",
          "UWI": "100.12-04-091-05-W5.00",
          "productionDate": "2026-06-30",
          "facility": { "type": ["Place"], "globalLocationNumber": "0614141000005", "address": { "type": ["PostalAddress"], "addressLocality": "Fort McMurray", "addressRegion": "AB", "addressCountry": "CA" } },
          "product": { "type": ["Product"], "name": "Crude oil", "description": "Western Canadian Select", "countryOfOrigin": "CA", "commodity": { "type": ["Commodity"], "commodityCode": "2709.00.20", "commodityCodeType": "HTS" } },
          "observation": [{ "type": ["Observation"], "property": { "type": ["Property"], "name": "gsv_bbl" }, "measurement": { "type": ["MeasuredValue"], "value": "100000", "unitCode": "BLL" } }]
        }
        """));

    private byte[] Sale(TestParty seller, TestParty buyer, decimal barrels, string time) => _network.Issue(seller, "CustodyTransferCredential", tradeContext: true, subject: Subject($$"""
        {
          "type": ["CustodyTransfer"],
          "transferType": ["ownership"],
          "from": { "type": ["Organization"], "id": "{{seller.Did}}", "name": "{{seller.Name}}" },
          "to": { "type": ["Organization"], "id": "{{buyer.Did}}", "name": "{{buyer.Name}}" },
          "product": { "type": ["Product"], "name": "Crude oil, Western Canadian Select", "countryOfOrigin": "CA", "htsCode": "2709002090" },
          "lotNumber": "{{Batch}}",
          "quantity": { "type": ["QuantitativeValue"], "value": "{{barrels}}", "unitCode": "BLL" },
          "transferTime": "{{time}}"
        }
        """));

    private byte[] Meter(string end, decimal barrels) => _network.Issue(_pipeline, "MeterReadingCredential", tradeContext: true, subject: Subject($$"""
        {
          "type": ["MeterReading"],
          "meter": { "id": "urn:meter:prairie-pipeline:emerson-border-01", "serialNumber": "US-40122", "meterType": "ultrasonic" },
          "meteringPoint": { "type": ["Place"], "locationName": "Emerson border meter station", "unLocode": "CAEMR", "address": { "type": ["PostalAddress"], "addressCountry": "CA" } },
          "product": { "type": ["Product"], "name": "Crude oil, Western Canadian Select", "countryOfOrigin": "CA", "htsCode": "2709002090" },
          "lotNumber": "{{Batch}}",
          "inBondNumber": "{{InBond}}",
          "flowDirection": "delivery",
          "periodStart": "2026-07-01T00:00:00Z",
          "periodEnd": "{{end}}",
          "quantity": { "type": ["QuantitativeValue"], "value": "{{barrels}}", "unitCode": "BLL" }
        }
        """));

    private byte[] Movement(string status, string time) => _network.Issue(_pipeline, "InBondMovementCredential", tradeContext: true, subject: Subject($$"""
        {
          "type": ["InBondMovement"],
          "inBondNumber": "{{InBond}}",
          "movementType": "IT",
          "movementStatus": "{{status}}",
          "eventTime": "{{time}}",
          "bondedCarrier": { "type": ["Organization"], "id": "{{_pipeline.Did}}", "name": "{{_pipeline.Name}}" },
          "portOfEntry": { "type": ["Place"], "locationName": "Port of Pembina", "unLocode": "USPBN", "address": { "type": ["PostalAddress"], "addressCountry": "US" } },
          "portOfDestination": { "type": ["Place"], "locationName": "Port of Port Arthur", "unLocode": "USPOA", "address": { "type": ["PostalAddress"], "addressCountry": "US" } },
          "lotNumber": "{{Batch}}"
        }
        """));

    private byte[] Usmca() => _network.Issue(_producer, "USMCACertificationOfOrigin", subject: Subject($$"""
        {
          "type": ["USMCAClaims"],
          "invoiceNumber": "PO-INV-2026-118",
          "producerDetails": { "type": ["Organization"], "id": "{{_producer.Did}}", "name": "{{_producer.Name}}" },
          "goods": [{ "type": ["USMCAProduct"], "description": "Crude oil, Western Canadian Select", "commodityCode": "270900", "originCriterion": "A", "countryOfOrigin": "CA", "lotNumber": "{{Batch}}" }]
        }
        """));

    private IReadOnlyList<ReceivedCredential> Chain(decimal lastSale) => _network.Receive(
        Product(),
        Sale(_producer, _traderA, 100000, "2026-07-01T02:00:00Z"),
        Sale(_traderA, _traderB, 60000, "2026-07-01T04:00:00Z"),
        Sale(_traderA, _refinery, 40000, "2026-07-01T05:00:00Z"),
        Sale(_traderB, _refinery, lastSale, "2026-07-02T09:00:00Z"),
        Movement("departed", "2026-07-01T01:00:00Z"),
        Meter("2026-07-01T06:00:00Z", 18250.4m),
        Meter("2026-07-01T12:00:00Z", 18190.0m),
        Movement("arrived", "2026-07-03T18:00:00Z"),
        Usmca());

    [Fact]
    public void The_origin_survives_three_resales_and_the_quantities_balance()
    {
        var received = Chain(lastSale: 60000);
        Assert.All(received, r => Assert.True(r.Verified, string.Join("; ", r.Problems)));
        var twin = ProjectTwins(received).Find(Batch)!;

        Assert.Empty(twin.Issues);
        Assert.Equal(_refinery.Did, twin.Owner!.Id);
        Assert.Equal(4, twin.OwnershipChain.Count);
        Assert.All(twin.Origins, o => Assert.Equal("CA", o.Country));
        Assert.Contains(twin.Origins, o => o.Kind == OriginKinds.CountryOfProduction && o.Claimant == _producer.Did);
        Assert.Contains(twin.Origins, o => o.Kind == OriginKinds.CountryOfOrigin && o.Claimant == _traderB.Did);
        Assert.Equal(100000m, twin.Holdings[_refinery.Did]);
        Assert.Equal(0m, twin.Holdings[_traderA.Did]);
        Assert.Equal(0m, twin.Holdings[_producer.Did]);

        // Where it is: the in-bond movement arrived at the destination; the meter readings are on the timeline.
        Assert.Equal("arrived", twin.InBond!.Status);
        Assert.Equal("USPOA", twin.Location!.PortCode);
        Assert.Equal([18250.4m, 18190.0m], twin.Readings.Select(r => r.Measurement.Value));
        Assert.NotNull(ProjectTwins(received).Find(InBond));

        var result = new AdmissibilityEvaluator().Evaluate(received);
        Assert.Equal(AdmissibilityDecision.Admissible, result.Decision);
        Assert.True(result.Has("CHAIN-QUANTITY-OVERSOLD", FindingSeverity.Pass));
        Assert.True(result.Has("USMCA-ORIGIN-MISMATCH", FindingSeverity.Pass));
    }

    [Fact]
    public void Negative_twin_a_trader_selling_more_than_it_bought_is_an_oversell()
    {
        var received = Chain(lastSale: 70000);
        var twin = ProjectTwins(received).Find(Batch)!;

        var issue = Assert.Single(twin.Issues);
        Assert.Equal(TwinIssueCodes.Oversold, issue.Code);
        Assert.Contains("Gulf Barrels Inc.", issue.Message, StringComparison.Ordinal);
        Assert.Contains("oversold by 10000", issue.Message, StringComparison.Ordinal);
        Assert.Equal(-10000m, twin.Holdings[_traderB.Did]);

        var result = new AdmissibilityEvaluator().Evaluate(received);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("CHAIN-QUANTITY-OVERSOLD", failure.Code);
        Assert.Equal(received[4].Id, failure.CredentialId);
    }

    [Fact]
    public void The_twin_is_the_same_whatever_order_the_credentials_arrive_in()
    {
        var received = Chain(lastSale: 60000);
        var forward = ProjectTwins(received).Find(Batch)!;
        var backward = ProjectTwins(received.Reverse()).Find(Batch)!;

        Assert.Equal(forward.Timeline.Select(e => e.Id), backward.Timeline.Select(e => e.Id));
        Assert.Equal(forward.Holdings.OrderBy(h => h.Key, StringComparer.Ordinal), backward.Holdings.OrderBy(h => h.Key, StringComparer.Ordinal));
        Assert.Equal(forward.Owner, backward.Owner);
        Assert.Empty(backward.Issues);
    }
}
