namespace Tradeproof.Rdf.Canonicalization;

/// <summary>
/// Options of <see cref="RdfCanonicalizer"/>.
/// </summary>
/// <param name="HashAlgorithm">The hash algorithm (default SHA-256).</param>
/// <param name="MaxWorkFactor">
/// The work limit against dataset poisoning (RDFC-1.0 §7 "Dataset Poisoning"). The algorithm may
/// make at most <c>MaxWorkFactor × (b + 1)</c> calls of Hash N-Degree Quads, plus as many
/// permutation steps, where <c>b</c> is the number of blank nodes; above that it throws
/// <see cref="RdfCanonicalizationException"/> with code <see cref="RdfCanonicalizationException.WorkLimitExceeded"/>.
/// Default <see cref="DefaultMaxWorkFactor"/>: every case of the W3C suite but the poison clique (test074c) passes,
/// and the clique is refused after a few thousand hash calls. Zero or less means no limit.
/// </param>
public sealed record RdfcOptions(
    RdfcHashAlgorithm HashAlgorithm = RdfcHashAlgorithm.Sha256,
    int MaxWorkFactor = RdfcOptions.DefaultMaxWorkFactor)
{
    /// <summary>The default work factor.</summary>
    public const int DefaultMaxWorkFactor = 100;

    /// <summary>SHA-256 and the default work limit.</summary>
    public static RdfcOptions Default { get; } = new();
}
