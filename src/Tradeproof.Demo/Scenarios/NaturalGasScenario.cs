using Tradeproof.Trade.Rules;

namespace Tradeproof.Demo;

/// <summary>
/// Natural gas (CBP test area 3): the Canadian producer's gas credential states where it was produced, the sale to
/// the utility transfers ownership, the gas pipeline's in-bond movement and delivery statement track it; DOE gets
/// the report, CBP the entry. Failure twin: gas produced in a prohibited country is refused.
/// </summary>
public sealed class NaturalGasScenario : DemoScenario
{
    private const string Lot = "GAS-2026-06-AB-7";

    /// <inheritdoc />
    public override string Name => "gas";

    /// <inheritdoc />
    public override string Title => "Natural gas: origin, ownership, in-bond and delivery -> DOE and CBP; prohibited origin refused";

    /// <inheritdoc />
    public override async Task RunAsync(DemoContext demo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var producer = demo.Party("alberta-gas");
        var pipeline = demo.Party("great-plains-gas");
        var utility = demo.Party("midwest-gas");
        var broker = demo.Party("border-brokers");
        var cbp = demo.Party("cbp");
        var doe = demo.Party("doe");

        var gas = await IssueGasAsync(demo, producer, pipeline, utility, "CA", cancellationToken).ConfigureAwait(false);
        var report = await demo.PresentAsync(pipeline, doe, gas[2..], "https://tradeproof.dev/workflows/doe-energy-movement-report", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("DOE accepts the gas pipeline's in-bond and delivery report", report.Accepted);
        var entry = await demo.PresentAsync(broker, cbp, gas, "us-cbp-entry", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("CBP accepts the gas entry", entry.Accepted);
        var (_, result, twins) = await demo.JudgeAsync(cbp, gas, cancellationToken: cancellationToken).ConfigureAwait(false);
        var twin = await demo.ReportTwinAsync(cbp, twins, Lot, cancellationToken).ConfigureAwait(false);
        demo.Expect("Canadian gas is admissible (ORIGIN-PROHIBITED passes)", result.Decision == AdmissibilityDecision.Admissible && result.Has("ORIGIN-PROHIBITED", FindingSeverity.Pass));
        demo.Expect("the gas twin: owned by the utility, in bond in transit", twin is not null && twin.Owner?.Id == utility.Did && twin.InBond?.Status == "in-transit");

        // Failure twin: the same paperwork for gas produced in a prohibited country.
        var prohibited = await IssueGasAsync(demo, producer, pipeline, utility, "IR", cancellationToken).ConfigureAwait(false);
        var bad = await demo.PresentAsync(broker, cbp, prohibited, "us-cbp-entry", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("CBP accepts the signed documents of the prohibited-origin gas", bad.Accepted);
        var (_, badResult, _) = await demo.JudgeAsync(cbp, prohibited, cancellationToken: cancellationToken).ConfigureAwait(false);
        demo.Expect("gas of a prohibited origin is refused: ORIGIN-PROHIBITED, not admissible", badResult.Has("ORIGIN-PROHIBITED", FindingSeverity.Fail) && !badResult.IsAdmissible);
    }

    private static async Task<DemoCredential[]> IssueGasAsync(DemoContext demo, DemoParty producer, DemoParty pipeline, DemoParty utility, string country, CancellationToken cancellationToken) =>
    [
        await demo.IssueAsync(producer, "OilAndGasProductCredential", $$"""
            {
              "lotNumber": "{{Lot}}",
              "productionDate": "2026-06-01",
              "facility": { "type": ["Place"], "address": { "type": ["PostalAddress"], "addressLocality": "Grande Prairie", "addressCountry": "{{country}}" } },
              "product": { "type": ["Product"], "name": "Natural gas", "description": "Pipeline quality, dry", "countryOfOrigin": "{{country}}", "commodity": { "type": ["Commodity"], "commodityCode": "2711.21.00", "commodityCodeType": "HTS" } },
              "observation": [{ "type": ["Observation"], "property": { "type": ["Property"], "name": "volume" }, "measurement": { "type": ["MeasuredValue"], "value": "50000", "unitCode": "DTH" } }]
            }
            """, suite: "ecdsa-rdfc-2019", at: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), cancellationToken: cancellationToken).ConfigureAwait(false),
        await demo.IssueAsync(producer, "CustodyTransferCredential", $$"""
            {
              "type": ["CustodyTransfer"],
              "transferType": ["ownership"],
              "from": {{producer.Ref()}},
              "to": {{utility.Ref()}},
              "product": { "type": ["Product"], "name": "Natural gas", "htsCode": "2711210000" },
              "lotNumber": "{{Lot}}",
              "quantity": { "type": ["QuantitativeValue"], "value": "50000", "unitCode": "DTH" },
              "transferTime": "2026-06-02T00:00:00Z"
            }
            """, tradeContext: true, cancellationToken: cancellationToken).ConfigureAwait(false),
        await demo.IssueAsync(pipeline, "InBondMovementCredential", $$"""
            {
              "type": ["InBondMovement"],
              "inBondNumber": "G55500011",
              "movementType": "IT",
              "movementStatus": "in-transit",
              "eventTime": "2026-06-03T00:00:00Z",
              "bondedCarrier": {{pipeline.Ref()}},
              "portOfEntry": { "type": ["Place"], "locationName": "Port of Sweetgrass", "unLocode": "USSWG", "address": { "type": ["PostalAddress"], "addressCountry": "US" } },
              "portOfDestination": { "type": ["Place"], "locationName": "Port of Chicago", "unLocode": "USCHI", "address": { "type": ["PostalAddress"], "addressCountry": "US" } },
              "currentLocation": { "type": ["Place"], "locationName": "Ventura compressor station", "address": { "type": ["PostalAddress"], "addressCountry": "US" } },
              "lotNumber": "{{Lot}}"
            }
            """, tradeContext: true, cancellationToken: cancellationToken).ConfigureAwait(false),
        await demo.IssueAsync(pipeline, "DeliveryStatementCredential", $$"""
            {
              "lotNumber": "{{Lot}}",
              "commodity": { "type": ["Commodity"], "commodityCode": "2711.21.00", "commodityCodeType": "HTS" },
              "deliveredDate": "2026-06-04T00:00:00Z",
              "deliveredVolume": { "type": ["MeasuredValue"], "value": "49870", "unitCode": "DTH" }
            }
            """, cancellationToken: cancellationToken).ConfigureAwait(false),
    ];
}
