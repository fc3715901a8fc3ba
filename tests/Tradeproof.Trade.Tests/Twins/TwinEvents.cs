using Tradeproof.Trade.Twins;

namespace Tradeproof.Trade.Tests.Twins;

/// <summary>Hand-made events for projector tests.</summary>
internal static class TwinEvents
{
    public const string Lot = "LOT-1";
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TwinEventSource Source(string issuer = "did:example:issuer") =>
        new(TwinEventSource.Credential, "urn:uuid:c-" + issuer, "TestCredential", issuer, T0.AddDays(30));

    public static TwinEvent Produced(decimal quantity, string producer = "did:example:producer", int hour = 0) =>
        new($"produced/{producer}", TwinEventType.Described, [Lot], T0.AddHours(hour), Source(producer), new TwinEventPayload
        {
            Description = "Crude oil",
            HsCode = "2709.00",
            Quantity = quantity,
            Unit = "BLL",
            To = new TwinParty(producer, null),
        });

    public static TwinEvent Sale(string id, string from, string to, decimal? quantity, int hour, TwinEventType type = TwinEventType.OwnershipTransferred) =>
        new(id, type, [Lot], T0.AddHours(hour), Source(from), new TwinEventPayload
        {
            From = new TwinParty(from, null),
            To = new TwinParty(to, null),
            Quantity = quantity,
            Unit = quantity is null ? null : "BLL",
        });

    public static TwinEvent Origin(string id, string kind, string country, string claimant, int hour) =>
        new(id, TwinEventType.OriginClaimed, [Lot], T0.AddHours(hour), Source(claimant), new TwinEventPayload { OriginKind = kind, Country = country });

    public static TwinEvent Reading(string id, decimal value, int hour) =>
        new(id, TwinEventType.Reading, [Lot, "CONTAINER-9"], T0.AddHours(hour), new TwinEventSource(TwinEventSource.Raw, null, null, "urn:device:probe", T0),
            new TwinEventPayload { Measurement = new TwinMeasurement("temperature", value, "CEL", 0m, 5m) });

    /// <summary>A fungible chain: produced 100, A buys 100, A sells 60 to B and 40 to C, B sells 60 to D.</summary>
    public static List<TwinEvent> Chain() =>
    [
        Produced(100),
        Sale("s1", "did:example:producer", "did:example:a", 100, 1),
        Sale("s2", "did:example:a", "did:example:b", 60, 2),
        Sale("s3", "did:example:a", "did:example:c", 40, 3),
        Sale("s4", "did:example:b", "did:example:d", 60, 4),
        Origin("o1", OriginKinds.CountryOfProduction, "CA", "did:example:producer", 0),
        Origin("o2", OriginKinds.CountryOfOrigin, "CA", "did:example:b", 4),
        Reading("r1", 3.2m, 5),
    ];
}
