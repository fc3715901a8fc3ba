namespace Tradeproof.Rdf.Tests;

/// <summary>The dataset as a set of quads in insertion order, against <see cref="HashSet{T}"/> as the reference.</summary>
public sealed class RdfDatasetTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    public void Adds_each_distinct_quad_once_in_insertion_order_across_growth(int capacity)
    {
        var dataset = capacity == 0 ? new RdfDataset() : new RdfDataset(capacity);
        var reference = new HashSet<Quad>();
        var order = new List<Quad>();
        var random = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            // Terms made anew each time (equal by value, not by reference), many repeated, in two graphs.
            var n = random.Next(1500);
            var quad = new Quad(
                new BlankNode("b" + (n % 40)),
                new Iri("http://example.org/p" + (n % 7)),
                n % 3 == 0 ? Literal.String("v" + n) : new Iri("http://example.org/o" + n),
                n % 5 == 0 ? new Iri("http://example.org/g") : null);
            var added = reference.Add(quad);
            if (added)
            {
                order.Add(quad);
            }

            Assert.Equal(added, dataset.Add(quad));
        }

        Assert.Equal(reference.Count, dataset.Count);
        Assert.Equal(order, dataset.Quads);
        Assert.All(order, q => Assert.True(dataset.Contains(q with { Subject = new BlankNode(((BlankNode)q.Subject).Label) })));
        Assert.False(dataset.Contains(new Quad(new BlankNode("b0"), new Iri("http://example.org/p0"), Literal.String("absent"))));
        Assert.False(dataset.Contains(order[0] with { Graph = new Iri("http://example.org/other") }));
    }

    [Fact]
    public void Quads_differing_only_in_graph_or_literal_datatype_are_distinct()
    {
        var s = new Iri("http://example.org/s");
        var p = new Iri("http://example.org/p");
        var dataset = new RdfDataset(2)
        {
            new Quad(s, p, Literal.String("1")),
            new Quad(s, p, new Literal("1", "http://www.w3.org/2001/XMLSchema#integer")),
            new Quad(s, p, Literal.String("1"), new BlankNode("g")),
            new Quad(s, p, Literal.String("1")),
        };
        Assert.Equal(3, dataset.Count);
    }

    [Fact]
    public void A_negative_capacity_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RdfDataset(-1));
}
