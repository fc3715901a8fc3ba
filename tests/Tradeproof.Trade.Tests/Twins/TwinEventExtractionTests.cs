using System.Text.Json;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Trade.Tests.Twins;

/// <summary>Extraction reads what is there, skips what is malformed, and only from verified credentials.</summary>
public sealed class TwinEventExtractionTests
{
    private static ReceivedCredential Credential(string json, bool verified = true) =>
        new(JsonDocument.Parse(json).RootElement.Clone(), verified, "did:example:issuer", new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));

    private const string Transfer = """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2"],
          "id": "urn:uuid:t1",
          "type": ["VerifiableCredential", "CustodyTransferCredential"],
          "issuer": "did:example:issuer",
          "validFrom": "2026-01-20T00:00:00Z",
          "credentialSubject": {
            "transferType": ["custody", "ownership"],
            "from": { "id": "did:example:a", "name": "A" },
            "to": { "id": "did:example:b", "name": "B" },
            "lotNumber": "LOT-9",
            "quantity": { "value": "12.5", "unitCode": "TNE" },
            "transferTime": "2026-01-15T10:00:00Z"
          }
        }
        """;

    [Fact]
    public void A_transfer_of_custody_and_ownership_gives_both_events_with_stable_ids()
    {
        var events = TwinEventExtraction.Default.Extract(Credential(Transfer));
        Assert.Equal([TwinEventType.CustodyTransferred, TwinEventType.OwnershipTransferred], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero), e.Time));
        Assert.All(events, e => Assert.Equal(["LOT-9"], e.SubjectIds));
        Assert.Equal(12.5m, events[0].Payload.Quantity);
        Assert.Equal(events.Select(e => e.Id), TwinEventExtraction.Default.Extract(Credential(Transfer)).Select(e => e.Id));
        Assert.All(events, e => Assert.StartsWith("urn:uuid:t1#", e.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unverified_credential_gives_no_event()
    {
        Assert.Empty(TwinEventExtraction.Default.Extract(Credential(Transfer, verified: false)));
    }

    [Fact]
    public void Malformed_members_are_skipped_not_thrown()
    {
        var broken = Transfer.Replace("\"12.5\"", "\"lots\"", StringComparison.Ordinal).Replace("\"2026-01-15T10:00:00Z\"", "42", StringComparison.Ordinal);
        var events = TwinEventExtraction.Default.Extract(Credential(broken));
        Assert.Equal(2, events.Count);
        Assert.Null(events[0].Payload.Quantity);
        Assert.Equal(new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero), events[0].Time);

        Assert.Empty(TwinEventExtraction.Default.Extract(Credential("""{"type":["VerifiableCredential","CustodyTransferCredential"],"credentialSubject":"nonsense"}""")));
        Assert.Empty(TwinEventExtraction.Default.Extract(Credential("""[1,2]""")));
    }

    [Fact]
    public void Unknown_types_give_nothing_and_the_default_set_covers_the_trade_families()
    {
        Assert.Empty(TwinEventExtraction.Default.Extract(Credential("""{"type":["VerifiableCredential","UnheardOfCredential"],"credentialSubject":{"lotNumber":"X"}}""")));
        var known = TwinEventExtraction.Default.KnownTypes.ToHashSet();
        foreach (var type in new[]
        {
            "MillTestReportCredential", "BillOfLadingCredential", "MultiModalBillOfLadingCredential", "CommercialInvoiceCredential", "PackingListCredential",
            "OilAndGasProductCredential", "OilAndGasDeliveryTicketCredential", "DeliveryStatementCredential", "FSMAGrowingCTECredential",
            "FSMAShippingCTECredential", "FSMAReceivingCTECredential", "FSMATransformingCTECredential", "CustodyTransferCredential",
            "InBondMovementCredential", "SensorReadingCredential", "MeterReadingCredential", "CBPEntryType86Credential",
            "CBPSection321DeMinimisCredential", "CBP3461EntryCredential", "CBP7501EntrySummaryCredential", "USMCACertificationOfOrigin",
        })
        {
            Assert.Contains(type, known);
        }
    }

    [Fact]
    public void A_flat_mill_test_report_describes_its_lot_and_heat_with_the_melt_and_pour_origin()
    {
        // The shape of ../shared/design/fixtures/mill-test-report.json (one heat and lot on the subject, no inspections).
        const string Report = """
            {
              "id": "urn:uuid:m1",
              "type": ["VerifiableCredential", "MillTestReportCredential"],
              "issuer": { "id": "did:example:mill", "name": "Great Lakes Steelworks Quality Department" },
              "validFrom": "2025-03-12T00:00:00Z",
              "credentialSubject": {
                "id": "urn:mtr:GLS-2025-004817", "reportNumber": "GLS-MTR-2025-004817", "heatNumber": "H24-118734", "lotNumber": "L-118734-07",
                "meltProcess": "Electric Arc Furnace", "countryOfMelt": "US", "countryOfPour": "US",
                "product": { "description": "Hot-rolled steel coil", "grade": "ASTM A572 Grade 50", "specification": "ASTM A572/A572M-21", "hsCode": "7208.51", "netWeightKg": 24850, "pieces": 1 }
              }
            }
            """;
        var events = TwinEventExtraction.Default.Extract(Credential(Report));
        Assert.Equal([TwinEventType.Described, TwinEventType.OriginClaimed], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(["L-118734-07", "H24-118734"], e.SubjectIds));
        Assert.Equal("Hot-rolled steel coil grade ASTM A572 Grade 50", events[0].Payload.Description);
        Assert.Equal("7208.51", events[0].Payload.HsCode);
        Assert.Equal(24850m, events[0].Payload.Quantity);
        Assert.Equal("KGM", events[0].Payload.Unit);
        Assert.Contains(new KeyValuePair<string, string>("certificateNumber", "GLS-MTR-2025-004817"), events[0].Payload.Attributes!);
        Assert.Equal((OriginKinds.CountryOfMeltAndPour, "US"), (events[1].Payload.OriginKind, events[1].Payload.Country));

        // Melted in one country and poured in another: neither is the melt-and-pour origin, so no claim.
        var split = TwinEventExtraction.Default.Extract(Credential(Report.Replace("\"countryOfPour\": \"US\"", "\"countryOfPour\": \"CA\"", StringComparison.Ordinal)));
        Assert.Equal([TwinEventType.Described], split.Select(e => e.Type));
    }

    [Fact]
    public void A_transformation_links_the_produced_lot_to_the_lots_used()
    {
        var events = TwinEventExtraction.Default.Extract(Credential("""
            {
              "id": "urn:uuid:x1",
              "type": ["VerifiableCredential", "FSMATransformingCTECredential"],
              "credentialSubject": {
                "foodUsed": [{ "traceabilityLot": { "lotCode": "IN-1" }, "quantity": 7, "unit": "Bins" }, { "traceabilityLot": { "lotCode": "IN-2" }, "quantity": 3, "unit": "Bins" }],
                "foodProduced": { "traceabilityLot": { "lotCode": "OUT-1" }, "quantity": 19, "unit": "Cartons" },
                "dateCompleted": "2026-01-06T00:00Z"
              }
            }
            """));
        var index = new TwinIndex();
        index.AddRange(events);
        Assert.Equal(["IN-1", "IN-2"], index.Find("OUT-1")!.Inputs);
        Assert.Equal(19m, index.Find("OUT-1")!.Quantity);
        Assert.Contains(index.Find("IN-2")!.Timeline, e => e.Payload.Status == "transformed into OUT-1");
    }
}
