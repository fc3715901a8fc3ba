using Tradeproof.Benchmarks.Rdf;
using Tradeproof.Rdf.Canonicalization;
using Tradeproof.Rdf.NQuads;

namespace Tradeproof.Rdf.Tests;

public sealed class RdfCanonicalizerTests
{
    private static string Suite(string file) => File.ReadAllText(Tradeproof.Testing.Conformance.PathOf("rdf-canon", "rdfc10", file));

    public static TheoryData<string> InvarianceInputs() =>
        ["test020-in.nq", "test024-in.nq", "test044-in.nq", "test048-in.nq", "test054-in.nq", "test059-in.nq", "test060-in.nq", "test073-in.nq", "credentials"];

    private static RdfDataset Input(string name) =>
        name == "credentials" ? CredentialDatasets.Generate(300) : NQuadsParser.Parse(Suite(name));

    [Theory]
    [MemberData(nameof(InvarianceInputs))]
    public void Canonical_form_is_invariant_under_blank_node_renaming_and_quad_order(string input)
    {
        var dataset = Input(input);
        var expected = RdfCanonicalizer.Canonicalize(dataset).CanonicalNQuads;
        var random = new Random(42);
        for (var round = 0; round < 10; round++)
        {
            var renamed = new Dictionary<string, BlankNode>(StringComparer.Ordinal);
            BlankNode Rename(BlankNode b)
            {
                if (!renamed.TryGetValue(b.Label, out var r))
                {
                    r = new BlankNode("r" + random.Next(1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + "_" + renamed.Count);
                    renamed.Add(b.Label, r);
                }

                return r;
            }

            RdfTerm Map(RdfTerm t) => t is BlankNode b ? Rename(b) : t;
            var shuffled = dataset.Quads.Select(q => new Quad(Map(q.Subject), q.Predicate, Map(q.Object), q.Graph is null ? null : Map(q.Graph))).ToArray();
            random.Shuffle(shuffled);
            var result = RdfCanonicalizer.Canonicalize(new RdfDataset(shuffled));
            Assert.Equal(expected, result.CanonicalNQuads);

            // The map's keys are the renamed labels, its values the canonical labels c14n0..c14nN-1.
            Assert.Equal(renamed.Values.Select(b => b.Label).Order(StringComparer.Ordinal), result.IssuedIdentifiers.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(
                Enumerable.Range(0, renamed.Count).Select(i => "c14n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                result.IssuedIdentifiers.Values);
        }
    }

    [Fact]
    public void Output_is_sorted_lines_each_ending_with_a_line_feed()
    {
        var result = RdfCanonicalizer.Canonicalize(CredentialDatasets.Generate(500));
        var text = result.CanonicalNQuads;
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text[..^1].Split('\n');
        Assert.Equal(500, lines.Length);
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), result.CanonicalNQuadsUtf8.ToArray());
    }

    [Fact]
    public void Credentials_need_no_n_degree_work_so_cost_stays_linear()
    {
        // Every blank node of a credential has a distinct first-degree hash: Hash N-Degree Quads never runs.
        Assert.Equal(0, RdfCanonicalizer.Canonicalize(CredentialDatasets.Generate(5000)).Work);
    }

    // Two credentials in blank-named graphs (a presentation): each subject relates to its graph name once
    // per quad, so Hash N-Degree Quads sees the graph name 14 times under one related hash. Permuting
    // positions rather than distinct orderings would try 14! paths; the expected output is rdf-canonize
    // 5.0's for the same input (Vectors/repeated-related-blank-node-*.nq).
    [Fact]
    public void A_blank_node_related_through_many_quads_is_permuted_once_per_distinct_ordering()
    {
        static string Vector(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", name));
        var result = RdfCanonicalizer.Canonicalize(NQuadsParser.Parse(Vector("repeated-related-blank-node-in.nq")));
        Assert.Equal(Vector("repeated-related-blank-node-out.nq"), result.CanonicalNQuads);
        Assert.True(result.Work < 100, $"work {result.Work}");
    }

    [Fact]
    public void Empty_dataset_gives_empty_output()
    {
        var result = RdfCanonicalizer.Canonicalize(new RdfDataset());
        Assert.Equal(string.Empty, result.CanonicalNQuads);
        Assert.Empty(result.IssuedIdentifiers);
    }

    [Fact]
    public void Sha384_is_selectable_and_changes_the_labels_only_where_hashes_decide()
    {
        var dataset = NQuadsParser.Parse(Suite("test075-in.nq"));
        var sha384 = RdfCanonicalizer.Canonicalize(dataset, new RdfcOptions(RdfcHashAlgorithm.Sha384)).CanonicalNQuads;
        Assert.Equal(Suite("test075-rdfc10.nq"), sha384);
        Assert.NotEqual(sha384, RdfCanonicalizer.Canonicalize(dataset).CanonicalNQuads);
    }

    [Fact]
    public void Poison_clique_is_refused_with_the_typed_error()
    {
        var clique = NQuadsParser.Parse(Suite("test074-in.nq"));
        var error = Assert.Throws<RdfCanonicalizationException>(() => RdfCanonicalizer.Canonicalize(clique));
        Assert.Equal(RdfCanonicalizationException.WorkLimitExceeded, error.Code);
        Assert.Contains("work limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lower_work_factor_refuses_the_evil_case_that_the_default_accepts()
    {
        var evil = NQuadsParser.Parse(Suite("test044-in.nq"));
        Assert.Equal(3348, RdfCanonicalizer.Canonicalize(evil).Work);
        var error = Assert.Throws<RdfCanonicalizationException>(() => RdfCanonicalizer.Canonicalize(evil, new RdfcOptions(MaxWorkFactor: 100)));
        Assert.Equal(RdfCanonicalizationException.WorkLimitExceeded, error.Code);
    }

    [Fact]
    public void A_cancelled_token_stops_the_algorithm()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => RdfCanonicalizer.Canonicalize(CredentialDatasets.Generate(100), source.Token));
    }

    [Fact]
    public void Cancellation_interrupts_an_unbounded_run_on_the_poison_clique()
    {
        // Without a work limit the clique runs for hours; only the token can stop it.
        var clique = NQuadsParser.Parse(Suite("test074-in.nq"));
        using var source = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.ThrowsAny<OperationCanceledException>(() => RdfCanonicalizer.Canonicalize(clique, new RdfcOptions(MaxWorkFactor: 0), source.Token));
    }

    [Fact]
    public void Issued_identifiers_follow_the_spec_example_for_a_unique_hash_dataset()
    {
        // RDFC-1.0 §A.1 style: a blank node named graph and the nodes in it get distinct first-degree hashes.
        var result = RdfCanonicalizer.CanonicalizeNQuads(
            "_:e0 <http://example.org/vocab#p1> _:e1 .\n" +
            "_:e1 <http://example.org/vocab#p2> \"Foo\" .\n" +
            "_:e1 <http://example.org/vocab#p3> _:g0 .\n" +
            "_:e0 <http://example.org/vocab#p1> _:e1 _:g0 .\n" +
            "_:e1 <http://example.org/vocab#p2> \"Bar\" _:g0 .\n");
        Assert.Equal(3, result.IssuedIdentifiers.Count);
        Assert.All(result.IssuedIdentifiers.Values, v => Assert.StartsWith("c14n", v, StringComparison.Ordinal));
        Assert.DoesNotContain("_:e", result.CanonicalNQuads, StringComparison.Ordinal);
    }

    [Fact]
    public void Misuse_throws_argument_exceptions()
    {
        Assert.Throws<ArgumentNullException>(() => RdfCanonicalizer.Canonicalize(null!));
        Assert.Throws<ArgumentNullException>(() => RdfCanonicalizer.Canonicalize(new RdfDataset(), null!));
        Assert.Throws<ArgumentNullException>(() => RdfCanonicalizer.CanonicalizeNQuads(null!));
        Assert.Throws<ArgumentNullException>(() => RdfCanonicalizer.CanonicalizeAndHash(null!, RdfcOptions.Default));
        Assert.Throws<ArgumentNullException>(() => RdfCanonicalizer.CanonicalizeAndHash(new RdfDataset(), null!));
    }

    [Fact]
    public void The_hash_made_in_place_is_the_hash_of_the_canonical_form_for_credentials_and_again_on_a_reused_thread()
    {
        // Many credential graphs (rented per-quad arrays of several sizes in turn), each hashed twice.
        foreach (var count in new[] { 1, 7, 300, 2 })
        {
            var dataset = CredentialDatasets.Generate(count);
            var expected = System.Security.Cryptography.SHA256.HashData(RdfCanonicalizer.Canonicalize(dataset).CanonicalNQuadsUtf8.Span);
            Assert.Equal(expected, RdfCanonicalizer.CanonicalizeAndHash(dataset, RdfcOptions.Default));
            Assert.Equal(expected, RdfCanonicalizer.CanonicalizeAndHash(dataset, RdfcOptions.Default));
        }
    }
}
