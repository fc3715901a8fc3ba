using Tradeproof.Rdf.Canonicalization;
using Tradeproof.Rdf.NQuads;

namespace Tradeproof.Rdf.Tests;

/// <summary>
/// Terms keep their canonical N-Quads form once RDFC-1.0 wrote it (a credential's dataset set aside from its
/// presentation's holds the same term objects): datasets sharing terms, canonicalized again, and copies made with
/// <c>with</c> give what fresh terms give.
/// </summary>
public sealed class CanonicalTermFormTests
{
    private static RdfDataset Fresh(string nquads) => NQuadsParser.Parse(nquads);

    private const string Text = """
        _:a <http://example.org/p> "caf\u00e9 \"quoted\"\n"@fr .
        _:a <http://example.org/q> <http://example.org/o\u00e9> _:g .
        _:b <http://example.org/p> "1.5E0"^^<http://www.w3.org/2001/XMLSchema#double> _:g .
        _:b <http://example.org/q> _:a .
        <http://example.org/s> <http://example.org/p> "tab\there" .
        """;

    [Fact]
    public void A_dataset_canonicalized_again_and_one_sharing_its_terms_give_the_forms_of_fresh_terms()
    {
        var dataset = Fresh(Text);
        var expected = RdfCanonicalizer.Canonicalize(Fresh(Text)).CanonicalNQuads;
        Assert.Equal(expected, RdfCanonicalizer.Canonicalize(dataset).CanonicalNQuads);
        Assert.Equal(expected, RdfCanonicalizer.Canonicalize(dataset).CanonicalNQuads);

        // Another dataset of some of the same term objects (in other quads) against the same quads of fresh terms.
        var shared = new RdfDataset(dataset.Quads.Where(q => q.Subject is BlankNode).Select(q => new Quad(q.Subject, q.Predicate, q.Object)));
        var fresh = new RdfDataset(Fresh(Text).Quads.Where(q => q.Subject is BlankNode).Select(q => new Quad(q.Subject, q.Predicate, q.Object)));
        Assert.Equal(RdfCanonicalizer.Canonicalize(fresh).CanonicalNQuads, RdfCanonicalizer.Canonicalize(shared).CanonicalNQuads);
    }

    [Fact]
    public void A_copy_made_with_with_writes_its_own_value_not_the_originals()
    {
        var iri = new Iri("http://example.org/one");
        var literal = new Literal("one", RdfVocabulary.XsdString);
        var subject = new Iri("http://example.org/s");
        var first = new RdfDataset([new Quad(subject, iri, literal)]);
        Assert.Equal("<http://example.org/s> <http://example.org/one> \"one\" .\n", RdfCanonicalizer.Canonicalize(first).CanonicalNQuads);

        var second = new RdfDataset([new Quad(subject, iri with { Value = "http://example.org/two" }, literal with { LexicalForm = "two" })]);
        Assert.Equal("<http://example.org/s> <http://example.org/two> \"two\" .\n", RdfCanonicalizer.Canonicalize(second).CanonicalNQuads);
    }
}
