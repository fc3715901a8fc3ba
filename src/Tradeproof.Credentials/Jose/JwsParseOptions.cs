namespace Tradeproof.Credentials.Jose;

/// <summary>How strictly a compact JWS is read.</summary>
public sealed record JwsParseOptions
{
    /// <summary>The defaults: every supported algorithm, no extension understood, 1 MiB at most.</summary>
    public static JwsParseOptions Default { get; } = new();

    /// <summary>Algorithms accepted in <c>alg</c> (never <c>none</c>); the key type still has the last word.</summary>
    public IReadOnlyList<string> AllowedAlgorithms { get; init; } = JwsAlgorithms.All;

    /// <summary>The required <c>typ</c> (compared ignoring case, with or without <c>application/</c>), or null for any.</summary>
    public string? RequiredType { get; init; }

    /// <summary>Header parameters this application understands and may be listed in <c>crit</c> (RFC 7515 §4.1.11).</summary>
    public IReadOnlySet<string> UnderstoodCritical { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The longest compact serialization accepted, in characters.</summary>
    public int MaxLength { get; init; } = 1 << 20;
}
