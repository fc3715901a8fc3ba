namespace Tradeproof.Trade.Twins;

/// <summary>Something a twin reports instead of silently resolving: a conflict, a broken chain, an oversell, an excursion.</summary>
/// <param name="Code">A stable code from <see cref="TwinIssueCodes"/>.</param>
/// <param name="Message">What is wrong, naming the parties, values and events.</param>
/// <param name="EventIds">The events involved.</param>
public sealed record TwinIssue(string Code, string Message, IReadOnlyList<string> EventIds);

/// <summary>The codes of <see cref="TwinIssue"/>.</summary>
public static class TwinIssueCodes
{
    /// <summary>Two events with one id and different content: the first received is kept.</summary>
    public const string EventIdConflict = "TWIN-EVENT-ID-CONFLICT";

    /// <summary>Two claims of the same origin kind name different countries.</summary>
    public const string OriginConflict = "TWIN-ORIGIN-CONFLICT";

    /// <summary>Two HS codes with different headings (first four digits) for one good.</summary>
    public const string HsCodeConflict = "TWIN-HS-CODE-CONFLICT";

    /// <summary>A custody transfer from a party that did not hold custody.</summary>
    public const string CustodyChainBroken = "TWIN-CUSTODY-CHAIN-BROKEN";

    /// <summary>An ownership transfer (sale) from a party that did not own the good.</summary>
    public const string OwnershipChainBroken = "TWIN-OWNERSHIP-CHAIN-BROKEN";

    /// <summary>A party transferred more than it had received.</summary>
    public const string Oversold = "TWIN-OVERSOLD";

    /// <summary>A transfer in a unit other than the unit the chain is balanced in.</summary>
    public const string UnitMismatch = "TWIN-UNIT-MISMATCH";

    /// <summary>A reading outside its allowed range (a cold-chain excursion, a pressure out of band).</summary>
    public const string ReadingOutOfRange = "TWIN-READING-OUT-OF-RANGE";
}
