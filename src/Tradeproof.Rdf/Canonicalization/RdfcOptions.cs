namespace Tradeproof.Rdf.Canonicalization;

/// <summary>
/// Options of <see cref="RdfCanonicalizer"/>.
/// </summary>
/// <param name="HashAlgorithm">The hash algorithm (default SHA-256).</param>
/// <param name="MaxWorkFactor">
/// The work limit against dataset poisoning (RDFC-1.0 §7 "Dataset Poisoning"), in work units per blank node:
/// a unit is one call of Hash N-Degree Quads or one permutation it tries, and the whole run may use at most
/// <c>MaxWorkFactor × (b + 1)</c> units, where <c>b</c> is the number of blank nodes; beyond that it throws
/// <see cref="RdfCanonicalizationException"/> with code <see cref="RdfCanonicalizationException.WorkLimitExceeded"/>.
/// Datasets whose blank nodes all have distinct first-degree hashes (typical credentials) use no units at all.
/// Default <see cref="DefaultMaxWorkFactor"/> (1,000): the W3C suite's "evil" cases (test044c-046c, 12 blank nodes)
/// need 3,348 units (279 per node) and pass; the 10-node clique (test074c) is refused after 11,000 units
/// (about 30 ms). Zero or less means no limit.
/// </param>
public sealed record RdfcOptions(
    RdfcHashAlgorithm HashAlgorithm = RdfcHashAlgorithm.Sha256,
    int MaxWorkFactor = RdfcOptions.DefaultMaxWorkFactor)
{
    /// <summary>The default work factor.</summary>
    public const int DefaultMaxWorkFactor = 1_000;

    /// <summary>SHA-256 and the default work limit.</summary>
    public static RdfcOptions Default { get; } = new();
}
