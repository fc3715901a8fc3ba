namespace Tradeproof.Trade.Twins;

/// <summary>An origin claim kept on a twin: which kind, which country, who claimed it, in which event.</summary>
public sealed record TwinOriginClaim(string Kind, string Country, string? Claimant, string EventId);

/// <summary>One link of a custody or ownership chain.</summary>
public sealed record TwinTransfer(TwinParty? From, TwinParty To, decimal? Quantity, string? Unit, DateTimeOffset Time, string EventId);

/// <summary>A sensor or meter reading on a twin.</summary>
public sealed record TwinReading(DateTimeOffset Time, TwinMeasurement Measurement, TwinLocation? Location, string EventId);

/// <summary>A customs declaration naming the twin.</summary>
public sealed record TwinDeclaration(string? Kind, string? Reference, decimal? DeclaredValue, string? Currency, string? Country, DateTimeOffset Time, string EventId);

/// <summary>The state of an in-bond movement: the bond reference, the last status and where.</summary>
public sealed record TwinInBond(string? Reference, string? Status, TwinLocation? Location, DateTimeOffset Time);
