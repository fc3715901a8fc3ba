namespace Tradeproof.Rdf.NQuads;

/// <summary>Parses N-Quads (RDF 1.1 N-Quads, plus the RDF 1.2 base direction <c>"x"@en--ltr</c>).</summary>
public static class NQuadsParser
{
    /// <summary>Parses an N-Quads document into a dataset (duplicate quads collapse).</summary>
    /// <exception cref="NQuadsSyntaxException">The input is malformed; line and column say where.</exception>
    public static RdfDataset Parse(ReadOnlySpan<char> nquads) => throw new NotImplementedException();

    /// <summary>Parses an N-Quads document into a dataset.</summary>
    public static RdfDataset Parse(string nquads)
    {
        ArgumentNullException.ThrowIfNull(nquads);
        return Parse(nquads.AsSpan());
    }
}
