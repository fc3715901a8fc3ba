using Tradeproof.Trade.Rules;

namespace Tradeproof.Demo;

/// <summary>
/// Pipeline oil (CBP test area 2): a Canadian producer's batch resold three times in the pipe (each sale a custody
/// transfer signed by the seller on its own node), the pipeline's meter readings and in-bond movements reported to
/// DOE, the whole chain presented to CBP: the USMCA origin survives the resales and the quantities balance. Failure
/// twin: a trader selling more than it bought (oversold).
/// </summary>
public sealed class PipelineOilScenario : DemoScenario
{
    private const string Batch = "WCS-2026-07-B12";
    private const string InBond = "V12345678";

    /// <inheritdoc />
    public override string Name => "oil";

    /// <inheritdoc />
    public override string Title => "Pipeline oil: resales in transit, meter readings and in-bond movements -> DOE, origin and balance at CBP";

    /// <inheritdoc />
    public override async Task RunAsync(DemoContext demo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var producer = demo.Party("prairie-oil");
        var pipeline = demo.Party("prairie-pipeline");
        var traderA = demo.Party("northern-crude");
        var traderB = demo.Party("gulf-barrels");
        var refinery = demo.Party("gulf-coast-refining");
        var broker = demo.Party("border-brokers");
        var cbp = demo.Party("cbp");
        var doe = demo.Party("doe");

        var product = await demo.IssueAsync(producer, "OilAndGasProductCredential", Product(), at: new DateTimeOffset(2026, 6, 30, 0, 0, 0, TimeSpan.Zero), cancellationToken: cancellationToken).ConfigureAwait(false);
        var usmca = await demo.IssueAsync(producer, "USMCACertificationOfOrigin", Usmca(producer), cancellationToken: cancellationToken).ConfigureAwait(false);
        var sales = new List<DemoCredential>
        {
            await demo.IssueAsync(producer, "CustodyTransferCredential", Sale(producer, traderA, 100000, "2026-07-01T02:00:00Z"), tradeContext: true, cancellationToken: cancellationToken).ConfigureAwait(false),
            await demo.IssueAsync(traderA, "CustodyTransferCredential", Sale(traderA, traderB, 60000, "2026-07-01T04:00:00Z"), tradeContext: true, cancellationToken: cancellationToken).ConfigureAwait(false),
            await demo.IssueAsync(traderA, "CustodyTransferCredential", Sale(traderA, refinery, 40000, "2026-07-01T05:00:00Z"), tradeContext: true, cancellationToken: cancellationToken).ConfigureAwait(false),
        };
        var lastSale = await demo.IssueAsync(traderB, "CustodyTransferCredential", Sale(traderB, refinery, 60000, "2026-07-02T09:00:00Z"), tradeContext: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        var tracking = new List<DemoCredential>
        {
            await demo.IssueAsync(pipeline, "InBondMovementCredential", Movement(pipeline, "departed", "2026-07-01T01:00:00Z"), tradeContext: true, cancellationToken: cancellationToken).ConfigureAwait(false),
            await demo.IssueAsync(pipeline, "MeterReadingCredential", Meter("2026-07-01T06:00:00Z", 18250.4m), tradeContext: true, suite: "ecdsa-rdfc-2019", cancellationToken: cancellationToken).ConfigureAwait(false),
            await demo.IssueAsync(pipeline, "MeterReadingCredential", Meter("2026-07-01T12:00:00Z", 18190.0m), tradeContext: true, suite: "ecdsa-rdfc-2019", cancellationToken: cancellationToken).ConfigureAwait(false),
            await demo.IssueAsync(pipeline, "InBondMovementCredential", Movement(pipeline, "arrived", "2026-07-03T18:00:00Z"), tradeContext: true, cancellationToken: cancellationToken).ConfigureAwait(false),
        };

        // The pipeline operator reports the movements and meter readings to DOE.
        var report = await demo.PresentAsync(pipeline, doe, tracking, "https://tradeproof.dev/workflows/doe-energy-movement-report", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("DOE accepts the pipeline's movement and meter report", report.Accepted);
        var (_, doeResult, doeTwins) = await demo.JudgeAsync(doe, tracking, cancellationToken: cancellationToken).ConfigureAwait(false);
        await demo.ReportTwinAsync(doe, doeTwins, Batch, cancellationToken).ConfigureAwait(false);
        demo.Expect("DOE's view of the in-bond movement has no failed rule", doeResult.IsAdmissible);

        // The broker files the entry for the refinery with the whole chain.
        List<DemoCredential> chain = [product, .. sales, lastSale, .. tracking, usmca];
        var entry = await demo.PresentAsync(broker, cbp, chain, "us-cbp-entry", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("CBP accepts the entry with the chain of resales", entry.Accepted);
        var (_, result, twins) = await demo.JudgeAsync(cbp, chain, cancellationToken: cancellationToken).ConfigureAwait(false);
        var twin = await demo.ReportTwinAsync(cbp, twins, Batch, cancellationToken).ConfigureAwait(false);
        demo.Expect("the origin (CA) survives three resales and the quantities balance: admissible", result.Decision == AdmissibilityDecision.Admissible && result.Has("CHAIN-QUANTITY-OVERSOLD", FindingSeverity.Pass));
        demo.Expect("the batch's twin: the refinery owns it, every origin claim is CA", twin is not null && twin.Owner?.Id == refinery.Did && twin.Origins.All(o => o.Country == "CA"));

        // Failure twin: trader B sells 70,000 barrels having bought 60,000.
        var overSale = await demo.IssueAsync(traderB, "CustodyTransferCredential", Sale(traderB, refinery, 70000, "2026-07-02T09:00:00Z"), tradeContext: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        List<DemoCredential> oversold = [product, .. sales, overSale, usmca];
        var bad = await demo.PresentAsync(broker, cbp, oversold, "us-cbp-entry", NewInstance(demo), cancellationToken).ConfigureAwait(false);
        demo.Expect("CBP accepts the signed documents of the oversold chain", bad.Accepted);
        var (_, badResult, badTwins) = await demo.JudgeAsync(cbp, oversold, cancellationToken: cancellationToken).ConfigureAwait(false);
        await demo.ReportTwinAsync(cbp, badTwins, Batch, cancellationToken).ConfigureAwait(false);
        demo.Expect("the oversell is caught: CHAIN-QUANTITY-OVERSOLD, not admissible", badResult.Has("CHAIN-QUANTITY-OVERSOLD", FindingSeverity.Fail) && !badResult.IsAdmissible);
    }

    private static string Product() => $$"""
        {
          "lotNumber": "{{Batch}}",
          "UWI": "100.12-04-091-05-W5.00",
          "productionDate": "2026-06-30",
          "facility": { "type": ["Place"], "globalLocationNumber": "0614141000005", "address": { "type": ["PostalAddress"], "addressLocality": "Fort McMurray", "addressRegion": "AB", "addressCountry": "CA" } },
          "product": { "type": ["Product"], "name": "Crude oil", "description": "Western Canadian Select", "countryOfOrigin": "CA", "commodity": { "type": ["Commodity"], "commodityCode": "2709.00.20", "commodityCodeType": "HTS" } },
          "observation": [{ "type": ["Observation"], "property": { "type": ["Property"], "name": "gsv_bbl" }, "measurement": { "type": ["MeasuredValue"], "value": "100000", "unitCode": "BLL" } }]
        }
        """;

    private static string Sale(DemoParty seller, DemoParty buyer, decimal barrels, string time) => $$"""
        {
          "type": ["CustodyTransfer"],
          "transferType": ["ownership"],
          "from": {{seller.Ref()}},
          "to": {{buyer.Ref()}},
          "product": { "type": ["Product"], "name": "Crude oil, Western Canadian Select", "countryOfOrigin": "CA", "htsCode": "2709002090" },
          "lotNumber": "{{Batch}}",
          "quantity": { "type": ["QuantitativeValue"], "value": "{{barrels}}", "unitCode": "BLL" },
          "transferTime": "{{time}}"
        }
        """;

    private static string Meter(string end, decimal barrels) => $$"""
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
          "quantity": { "type": ["QuantitativeValue"], "value": "{{barrels.ToString(System.Globalization.CultureInfo.InvariantCulture)}}", "unitCode": "BLL" }
        }
        """;

    private static string Movement(DemoParty pipeline, string status, string time) => $$"""
        {
          "type": ["InBondMovement"],
          "inBondNumber": "{{InBond}}",
          "movementType": "IT",
          "movementStatus": "{{status}}",
          "eventTime": "{{time}}",
          "bondedCarrier": {{pipeline.Ref()}},
          "portOfEntry": { "type": ["Place"], "locationName": "Port of Pembina", "unLocode": "USPBN", "address": { "type": ["PostalAddress"], "addressCountry": "US" } },
          "portOfDestination": { "type": ["Place"], "locationName": "Port of Port Arthur", "unLocode": "USPOA", "address": { "type": ["PostalAddress"], "addressCountry": "US" } },
          "lotNumber": "{{Batch}}"
        }
        """;

    private static string Usmca(DemoParty producer) => $$"""
        {
          "type": ["USMCAClaims"],
          "invoiceNumber": "PO-INV-2026-118",
          "producerDetails": {{producer.Ref()}},
          "goods": [{ "type": ["USMCAProduct"], "description": "Crude oil, Western Canadian Select", "commodityCode": "270900", "originCriterion": "A", "countryOfOrigin": "CA", "lotNumber": "{{Batch}}" }]
        }
        """;
}
