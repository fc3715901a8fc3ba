using FsCheck;
using FsCheck.Fluent;
using Tradeproof.Rdf;
using Tradeproof.Rdf.Canonicalization;
using Tradeproof.Rdf.NQuads;

namespace Tradeproof.Fuzzing.Tests.Properties;

/// <summary>RDFC-1.0 invariants and the N-Quads round trip over random datasets (blank-node-heavy, so the
/// canonicalization's hashing and n-degree paths are exercised).</summary>
public sealed class RdfProperties
{
    private static readonly string[] Iris = ["http://a.example/s", "http://a.example/p", "http://a.example/q", "https://w3id.org/traceability#Product", "urn:uuid:1"];

    private static Gen<RdfTerm> BlankGen(int blanks) => Gen.Choose(0, blanks - 1).Select(i => (RdfTerm)new BlankNode("b" + i));

    private static Gen<RdfTerm> IriGen() => Gen.Elements(Iris).Select(i => (RdfTerm)new Iri(i));

    private static readonly Gen<string> LexicalGen = Gen.Elements("", "x", "a \"quoted\" \\ value", "line\nbreak\ttab\r", "caf\u00e9", "\U0001F600", "\u0001\u007f", "42", "2025-01-01T00:00:00Z");

    private static Gen<RdfTerm> LiteralGen() => Gen.OneOf(
        LexicalGen.Select(l => (RdfTerm)Literal.String(l)),
        LexicalGen.Select(l => (RdfTerm)Literal.LanguageTagged(l, "en")),
        LexicalGen.Select(l => (RdfTerm)Literal.LanguageTagged(l, "ar", "rtl")),
        LexicalGen.Select(l => (RdfTerm)new Literal(l, "http://www.w3.org/2001/XMLSchema#integer")));

    /// <summary>1 to 14 quads over up to 6 blank nodes, IRIs and literals, some in named graphs.</summary>
    private static Gen<List<Quad>> DatasetGen() =>
        from blanks in Gen.Choose(1, 6)
        from count in Gen.Choose(1, 14)
        from quads in Gen.ListOf(
            from s in Gen.Frequency((3, BlankGen(blanks)), (1, IriGen()))
            from p in IriGen()
            from o in Gen.Frequency((3, BlankGen(blanks)), (1, IriGen()), (2, LiteralGen()))
            from g in Gen.Frequency((4, Gen.Constant<RdfTerm?>(null)), (1, BlankGen(blanks).Select(t => (RdfTerm?)t)), (1, Gen.Constant<RdfTerm?>(new Iri("http://a.example/g"))))
            select new Quad(s, p, o, g), count)
        select quads.Distinct().ToList();

    private static RdfTerm Rename(RdfTerm term, IReadOnlyDictionary<string, string> names) =>
        term is BlankNode b ? new BlankNode(names[b.Label]) : term;

    [Fact]
    public void Rdfc_output_is_invariant_under_blank_node_renaming_and_quad_order()
    {
        var gen = from quads in DatasetGen()
                  from order in Gen.Shuffle(quads.ToArray())
                  from salt in Gen.Choose(0, 1_000_000)
                  select (quads, order, salt);
        PropertyRuns.Check(Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var labels = c.quads.SelectMany(q => new[] { q.Subject, q.Object, q.Graph }).OfType<BlankNode>().Select(b => b.Label).Distinct().ToList();
            // A bijective renaming to unrelated labels (including labels that look canonical).
            var names = labels.Select((l, i) => (l, n: i % 2 == 0 ? $"c14n{(c.salt + i) % 97}x{i}" : $"n{c.salt}_{i}")).ToDictionary(x => x.l, x => x.n);
            var renamed = c.order.Select(q => new Quad(Rename(q.Subject, names), q.Predicate, Rename(q.Object, names), q.Graph is null ? null : Rename(q.Graph, names)));
            var original = RdfCanonicalizer.Canonicalize(new RdfDataset(c.quads)).CanonicalNQuads;
            var permuted = RdfCanonicalizer.Canonicalize(new RdfDataset(renamed)).CanonicalNQuads;
            Assert.Equal(original, permuted);
            // The canonical form is itself canonical: canonicalizing it again changes nothing.
            Assert.Equal(original, RdfCanonicalizer.CanonicalizeNQuads(original).CanonicalNQuads);
        }), maxTest: 150);
    }

    [Fact]
    public void NQuads_serialization_round_trips_every_generated_dataset()
    {
        PropertyRuns.Check(Prop.ForAll(DatasetGen().ToArbitrary(), quads =>
        {
            var text = NQuadsSerializer.Serialize(quads);
            var parsed = NQuadsParser.Parse(text);
            Assert.Equal(quads.Count, parsed.Count);
            Assert.All(quads, q => Assert.True(parsed.Contains(q), "lost " + q));
            Assert.Equal(text, NQuadsSerializer.Serialize(parsed));
        }), maxTest: 200);
    }
}
