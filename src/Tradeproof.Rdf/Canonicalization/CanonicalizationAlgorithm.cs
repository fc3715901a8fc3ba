namespace Tradeproof.Rdf.Canonicalization;

/// <summary>RDFC-1.0 §4.4 Canonicalization Algorithm.</summary>
internal static class CanonicalizationAlgorithm
{
    public static CanonicalizationResult Run(RdfDataset dataset, RdfcOptions options, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
