using Tradeproof.Trade.Twins;
using static Tradeproof.Trade.Tests.Twins.TwinEvents;

namespace Tradeproof.Trade.Tests.Twins;

/// <summary>The projection: order-independent, idempotent, incremental equal to batch, conflicts reported.</summary>
public sealed class TwinProjectorTests
{
    private static string Fingerprint(TwinState s) => string.Join("|",
        string.Join(",", s.Timeline.Select(e => e.Id)),
        s.Owner?.Key, s.Custodian?.Key, s.Description, s.Quantity,
        string.Join(",", s.Holdings.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}={h.Value}")),
        string.Join(",", s.Origins.Select(o => $"{o.Kind}:{o.Country}:{o.EventId}")),
        string.Join(",", s.Issues.Select(i => i.Code + ":" + i.Message)),
        string.Join(",", s.Readings.Select(r => r.EventId)));

    [Fact]
    public void A_chain_projects_owner_holdings_and_origin()
    {
        var twin = TwinProjector.Project(Lot, Chain());
        Assert.Equal("did:example:d", twin.Owner!.Id);
        Assert.Equal(0m, twin.Holdings["did:example:a"]);
        Assert.Equal(40m, twin.Holdings["did:example:c"]);
        Assert.Equal(60m, twin.Holdings["did:example:d"]);
        Assert.Equal(2, twin.Origins.Count);
        Assert.Empty(twin.Issues);
        // Same event time: the event id (ordinal) breaks the tie.
        Assert.Equal(["o1", "produced/did:example:producer", "s1", "s2", "s3", "o2", "s4", "r1"], twin.Timeline.Select(e => e.Id));
    }

    [Fact]
    public void Every_arrival_order_gives_the_same_twin()
    {
        var events = Chain();
        var expected = Fingerprint(TwinProjector.Project(Lot, events));
        var random = new Random(6);
        for (var round = 0; round < 25; round++)
        {
            var shuffled = events.OrderBy(_ => random.Next()).ToList();
            Assert.Equal(expected, Fingerprint(TwinProjector.Project(Lot, shuffled)));

            var incremental = new TwinState(Lot);
            foreach (var e in shuffled)
            {
                TwinProjector.Apply(incremental, e);
            }

            Assert.Equal(expected, Fingerprint(incremental));
        }
    }

    [Fact]
    public void A_duplicate_event_is_idempotent()
    {
        var events = Chain();
        var once = Fingerprint(TwinProjector.Project(Lot, events));
        var twice = TwinProjector.Project(Lot, [.. events, .. events, Sale("s2", "did:example:a", "did:example:b", 60, 2)]);
        Assert.Equal(once, Fingerprint(twice));
        Assert.Equal(events.Count, twice.Timeline.Count);
    }

    [Fact]
    public void The_same_id_with_other_content_is_a_reported_conflict_and_the_first_is_kept()
    {
        var twin = TwinProjector.Project(Lot, [.. Chain(), Sale("s4", "did:example:b", "did:example:mallory", 60, 4)]);
        var issue = Assert.Single(twin.Issues);
        Assert.Equal(TwinIssueCodes.EventIdConflict, issue.Code);
        Assert.Equal("did:example:d", twin.Owner!.Id);

        // The conflict survives a replay caused by a late event.
        TwinProjector.Apply(twin, Origin("o0", OriginKinds.CountryOfOrigin, "CA", "did:example:a", 1));
        Assert.True(twin.HasIssue(TwinIssueCodes.EventIdConflict));
    }

    [Fact]
    public void Conflicting_origin_claims_are_reported_and_both_kept()
    {
        var twin = TwinProjector.Project(Lot, [.. Chain(), Origin("o3", OriginKinds.CountryOfOrigin, "US", "did:example:d", 6)]);
        var issue = Assert.Single(twin.Issues);
        Assert.Equal(TwinIssueCodes.OriginConflict, issue.Code);
        Assert.Equal(["o2", "o3"], issue.EventIds);
        Assert.Equal(3, twin.Origins.Count);
    }

    [Fact]
    public void Conflicting_hs_headings_are_reported_but_finer_codes_of_one_heading_are_not()
    {
        var source = Source();
        TwinEvent Describe(string id, string code) => new(id, TwinEventType.Described, [Lot], T0, source, new TwinEventPayload { HsCode = code });

        var same = TwinProjector.Project(Lot, [Describe("d1", "2709.00"), Describe("d2", "2709002090")]);
        Assert.Empty(same.Issues);
        Assert.Equal(2, same.HsCodes.Count);

        var clash = TwinProjector.Project(Lot, [Describe("d1", "7208.37"), Describe("d2", "7204.49")]);
        Assert.Equal(TwinIssueCodes.HsCodeConflict, Assert.Single(clash.Issues).Code);
    }

    [Fact]
    public void Selling_more_than_received_is_an_oversell_and_selling_what_one_never_had_breaks_the_chain()
    {
        var oversold = TwinProjector.Project(Lot, [.. Chain(), Sale("s5", "did:example:c", "did:example:e", 50, 6)]);
        var issue = Assert.Single(oversold.Issues);
        Assert.Equal(TwinIssueCodes.Oversold, issue.Code);
        Assert.Contains("oversold by 10", issue.Message, StringComparison.Ordinal);

        var broken = TwinProjector.Project(Lot, [.. Chain(), Sale("s5", "did:example:stranger", "did:example:e", 5, 6)]);
        Assert.Equal(TwinIssueCodes.OwnershipChainBroken, Assert.Single(broken.Issues).Code);
    }

    [Fact]
    public void A_late_event_before_an_oversell_can_cure_it_on_replay()
    {
        // B sells 60 before anyone has sold to B: an oversell, until the purchase (earlier in event time) arrives.
        var twin = TwinProjector.Project(Lot, [Produced(100), Sale("s1", "did:example:producer", "did:example:a", 100, 1), Sale("s4", "did:example:b", "did:example:d", 60, 4)]);
        Assert.True(twin.HasIssue(TwinIssueCodes.OwnershipChainBroken));

        TwinProjector.Apply(twin, Sale("s2", "did:example:a", "did:example:b", 60, 2));
        Assert.Empty(twin.Issues);
        Assert.Equal(60m, twin.Holdings["did:example:d"]);
    }

    [Fact]
    public void Custody_transfers_without_quantities_follow_the_holder()
    {
        var twin = TwinProjector.Project(Lot,
        [
            Sale("c1", "did:example:mill", "did:example:carrier", null, 1, TwinEventType.CustodyTransferred),
            Sale("c2", "did:example:carrier", "did:example:importer", null, 2, TwinEventType.CustodyTransferred),
        ]);
        Assert.Equal("did:example:importer", twin.Custodian!.Id);
        Assert.Empty(twin.Issues);

        TwinProjector.Apply(twin, Sale("c3", "did:example:thief", "did:example:fence", null, 3, TwinEventType.CustodyTransferred));
        Assert.Equal(TwinIssueCodes.CustodyChainBroken, Assert.Single(twin.Issues).Code);
    }

    [Fact]
    public void Transfers_in_another_unit_are_reported_not_balanced()
    {
        var twin = TwinProjector.Project(Lot, [Produced(100), new TwinEvent("m3", TwinEventType.OwnershipTransferred, [Lot], T0.AddHours(1), Source(), new TwinEventPayload
        {
            From = new TwinParty("did:example:producer", null), To = new TwinParty("did:example:a", null), Quantity = 15, Unit = "MTQ",
        })]);
        Assert.Equal(TwinIssueCodes.UnitMismatch, Assert.Single(twin.Issues).Code);
        Assert.Equal(100m, twin.Holdings["did:example:producer"]);
    }

    [Fact]
    public void Readings_outside_their_range_are_flagged_on_every_twin_they_name()
    {
        var index = new TwinIndex();
        index.AddRange([Reading("r1", 4.9m, 1), Reading("r2", 7.5m, 2), Reading("r3", -0.5m, 3)]);
        foreach (var id in new[] { Lot, "CONTAINER-9" })
        {
            var twin = index.Find(id)!;
            Assert.Equal(3, twin.Readings.Count);
            Assert.Equal(["r2", "r3"], twin.Issues.Select(i => Assert.Single(i.EventIds)));
        }
    }

    [Fact]
    public void Applying_an_event_that_does_not_name_the_twin_is_a_misuse()
    {
        var state = new TwinState("OTHER");
        Assert.Throws<ArgumentException>(() => TwinProjector.Apply(state, Produced(1)));
        Assert.Empty(TwinProjector.Project("OTHER", Chain()).Timeline);
    }
}
