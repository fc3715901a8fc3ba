namespace Tradeproof.Rdf.Canonicalization;

/// <summary>
/// RDF Dataset Canonicalization, RDFC-1.0 (https://www.w3.org/TR/rdf-canon/): the front door.
/// </summary>
public static class RdfCanonicalizer
{
    /// <summary>Canonicalizes a dataset with the default options (SHA-256, default work limit).</summary>
    public static CanonicalizationResult Canonicalize(RdfDataset dataset, CancellationToken cancellationToken = default) =>
        Canonicalize(dataset, RdfcOptions.Default, cancellationToken);

    /// <summary>Canonicalizes a dataset.</summary>
    /// <exception cref="RdfCanonicalizationException">The work limit was exceeded (dataset poisoning).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static CanonicalizationResult Canonicalize(RdfDataset dataset, RdfcOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        return CanonicalizationAlgorithm.Run(dataset, options, cancellationToken);
    }

    /// <summary>
    /// Canonicalizes a dataset and hashes the canonical N-Quads with the options' hash algorithm (SHA-256 or SHA-384):
    /// the bytes of hashing <see cref="CanonicalizationResult.CanonicalNQuadsUtf8"/>, what a Data Integrity proof
    /// hashes, without making the canonical document or the issued identifiers map.
    /// </summary>
    /// <exception cref="RdfCanonicalizationException">The work limit was exceeded (dataset poisoning).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static byte[] CanonicalizeAndHash(RdfDataset dataset, RdfcOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        return CanonicalizationAlgorithm.RunAndHash(dataset, options, cancellationToken);
    }

    /// <summary>Parses N-Quads and canonicalizes them.</summary>
    /// <exception cref="NQuads.NQuadsSyntaxException">The input is not valid N-Quads.</exception>
    public static CanonicalizationResult CanonicalizeNQuads(string nquads, RdfcOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nquads);
        return Canonicalize(NQuads.NQuadsParser.Parse(nquads), options ?? RdfcOptions.Default, cancellationToken);
    }
}
