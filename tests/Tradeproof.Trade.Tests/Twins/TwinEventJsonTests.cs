using Tradeproof.Trade.Twins;
using static Tradeproof.Trade.Tests.Twins.TwinEvents;

namespace Tradeproof.Trade.Tests.Twins;

/// <summary>Events as JSON for the store: round trips, strict reading, typed errors.</summary>
public sealed class TwinEventJsonTests
{
    [Fact]
    public void Every_event_of_a_chain_round_trips_and_projects_the_same()
    {
        var events = Chain();
        events.Add(new TwinEvent("full", TwinEventType.InBondMoved, [Lot, "BOND-1"], T0.AddMinutes(90).ToOffset(TimeSpan.FromHours(-5)), Source(), new TwinEventPayload
        {
            Description = "d", HsCode = "2709", Quantity = 1.25m, Unit = "BLL", OriginKind = OriginKinds.CountryOfOrigin, Country = "CA",
            From = new TwinParty("did:example:a", "A"), To = new TwinParty(null, "B"),
            Location = new TwinLocation("Port", "US", "USPOA", "29.9", "-93.9"), Status = "arrived", Reference = "BOND-1",
            Inputs = ["L1", "L2"], DeclaredValue = 10.5m, Currency = "USD", Attributes = [new("heatNumber", "H1")],
        }));

        var json = TwinEventJson.ToJson(events);
        var back = TwinEventJson.ParseList(json);
        Assert.Equal(events.Count, back.Count);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.True(events[i].SameContentAs(back[i]), TwinEventJson.ToJson(events[i]));
        }

        Assert.Equal(TwinEventJson.ToJson(events), TwinEventJson.ToJson(back));
        Assert.Contains("\"type\":\"inBondMoved\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"type":"described","id":"x","subjects":[],"time":"2026-01-01T00:00:00Z","source":{"kind":"raw","receivedAt":"2026-01-01T00:00:00Z"}}""")]
    [InlineData("""{"type":"teleported","id":"x","subjects":["a"],"time":"2026-01-01T00:00:00Z","source":{"kind":"raw","receivedAt":"2026-01-01T00:00:00Z"}}""")]
    [InlineData("""{"type":"described","id":"x","subjects":["a"],"time":"yesterday","source":{"kind":"raw","receivedAt":"2026-01-01T00:00:00Z"}}""")]
    [InlineData("""{"type":"reading","id":"x","subjects":["a"],"time":"2026-01-01T00:00:00Z","source":{"kind":"raw","receivedAt":"2026-01-01T00:00:00Z"},"payload":{"measurement":{"name":"t","value":"warm"}}}""")]
    [InlineData("""{"type":"described","id":"x","subjects":["a"],"time":"2026-01-01T00:00:00Z","source":{"kind":"raw","receivedAt":"2026-01-01T00:00:00Z"},"payload":{"quantity":"ten"}}""")]
    public void Malformed_events_are_a_typed_error(string json) =>
        Assert.Throws<TwinEventFormatException>(() => TwinEventJson.Parse(json));
}
