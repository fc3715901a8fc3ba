namespace Tradeproof.Rdf;

/// <summary>
/// A quad: a triple and the graph it belongs to (RDF 1.1 Concepts §4). <see cref="Graph"/> is null
/// for the default graph. Predicates are IRIs in RDF; generalized RDF (a blank-node predicate)
/// is representable for JSON-LD's <c>produceGeneralizedRdf</c> option but never produced by default.
/// </summary>
public readonly record struct Quad(RdfTerm Subject, RdfTerm Predicate, RdfTerm Object, RdfTerm? Graph = null)
{
    /// <summary>True when the quad belongs to the default graph.</summary>
    public bool InDefaultGraph => Graph is null;

    /// <inheritdoc />
    public override string ToString() => NQuads.NQuadsSerializer.FormatQuad(this);
}
