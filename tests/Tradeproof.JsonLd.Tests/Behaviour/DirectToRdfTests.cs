using Tradeproof.JsonLd.NodeMap;
using Tradeproof.JsonLd.Tests.Harness;
using Tradeproof.JsonLd.ToRdf;
using Tradeproof.Rdf;
using Tradeproof.Rdf.Canonicalization;

namespace Tradeproof.JsonLd.Tests.Behaviour;

/// <summary>
/// toRdf straight from the expanded document (<see cref="DirectRdfDeserialization"/>) against the node map
/// path of the spec: over every positive toRdf case it accepts, both datasets have the same canonical form.
/// </summary>
public sealed class DirectToRdfTests
{
    private const string ManifestFile = "toRdf-manifest.jsonld";

    public static TheoryData<string> Cases() => Manifest.Applicable(ManifestFile);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Direct_path_gives_the_node_map_dataset(string id)
    {
        var testCase = Manifest.Get(ManifestFile, id);
        if (testCase.IsNegative)
        {
            return;
        }

        var options = testCase.CreateOptions(new TestDocumentLoader(testCase));
        List<object?> expanded;
        try
        {
            expanded = JsonLdProcessor.ExpandRemote(new JsonLdRun(options), testCase.InputUrl!);
        }
        catch (JsonLdException)
        {
            return; // a case in toRdf.skip; the conformance test reports it
        }

        var direct = DirectRdfDeserialization.TryDeserialize(new JsonLdRun(options), expanded);
        if (direct is null)
        {
            return;
        }

        Assert.Equal(Canonical(NodeMapPath(new JsonLdRun(options), expanded)), Canonical(direct));
    }

    [Fact]
    public void Most_toRdf_cases_take_the_direct_path()
    {
        var taken = 0;
        foreach (var testCase in Manifest.Load(ManifestFile))
        {
            if (testCase.IsNegative || testCase.Is10Only)
            {
                continue;
            }

            var options = testCase.CreateOptions(new TestDocumentLoader(testCase));
            try
            {
                var expanded = JsonLdProcessor.ExpandRemote(new JsonLdRun(options), testCase.InputUrl!);
                taken += DirectRdfDeserialization.TryDeserialize(new JsonLdRun(options), expanded) is null ? 0 : 1;
            }
            catch (JsonLdException)
            {
            }
        }

        // The suite exercises the direct path broadly (about half the cases use @graph, @list, @reverse, @index...).
        Assert.True(taken > 150, $"only {taken} toRdf cases took the direct path");
    }

    [Fact]
    public void Credential_takes_the_direct_path()
    {
        var options = new JsonLdOptions { SafeMode = true };
        var run = new JsonLdRun(options);
        var expanded = JsonLdProcessor.ExpandCore(run, Json.JsonTree.Parse(File.ReadAllBytes(Fixtures.MillTestReport)), null, null);
        var direct = DirectRdfDeserialization.TryDeserialize(run, expanded);
        Assert.NotNull(direct);
        Assert.Equal(68, direct.Count);
        Assert.Equal(Canonical(NodeMapPath(run, expanded)), Canonical(direct));
    }

    [Theory]
    [InlineData("""{"@context": {"@vocab": "https://example.org/"}, "@graph": [{"@id": "https://example.org/a", "p": "x"}], "@id": "https://example.org/g"}""")]
    [InlineData("""{"@context": {"@vocab": "https://example.org/", "l": {"@container": "@list"}}, "l": ["a", "b"]}""")]
    [InlineData("""{"@context": {"@vocab": "https://example.org/", "r": {"@reverse": "https://example.org/p"}}, "@id": "https://example.org/a", "r": {"@id": "https://example.org/b"}}""")]
    [InlineData("""{"@context": {"@vocab": "https://example.org/"}, "@id": "https://example.org/a", "@index": "i", "p": "x"}""")]
    [InlineData("""{"@context": {"@vocab": "https://example.org/"}, "@id": "https://example.org/a", "@included": [{"@id": "https://example.org/b", "p": "y"}]}""")]
    public void Other_shapes_take_the_node_map(string json)
    {
        var run = new JsonLdRun(new JsonLdOptions());
        var expanded = JsonLdProcessor.ExpandCore(run, Json.JsonTree.Parse(json), null, null);
        Assert.Null(DirectRdfDeserialization.TryDeserialize(run, expanded));
        Assert.NotEmpty(JsonLdProcessor.ToRdfCore(run, expanded));
    }

    [Fact]
    public void Shared_blank_nodes_and_repeated_nodes_merge_as_in_the_node_map()
    {
        const string Json = """
            {"@context": {"@vocab": "https://example.org/", "knows": {"@type": "@id"}},
             "@id": "_:a", "name": "A", "knows": ["_:b", "https://example.org/c"],
             "friend": [{"@id": "_:b", "name": "B"}, {"@id": "https://example.org/c", "name": "C"}, {"name": "anonymous"}, {"@id": "_:a"}]}
            """;
        var run = new JsonLdRun(new JsonLdOptions());
        var expanded = JsonLdProcessor.ExpandCore(run, Tradeproof.JsonLd.Json.JsonTree.Parse(Json), null, null);
        var direct = DirectRdfDeserialization.TryDeserialize(run, expanded);
        Assert.NotNull(direct);
        Assert.Equal(Canonical(NodeMapPath(run, expanded)), Canonical(direct));
        Assert.Equal(10, direct.Count);
    }

    [Theory]
    [InlineData("""{"@context": {"@vocab": "https://example.org/", "g": {"@container": "@graph"}}, "@id": "https://example.org/a", "g": {"@id": "https://example.org/b", "p": "x"}}""", 2)]
    [InlineData("""{"@context": {"@vocab": "https://example.org/", "g": {"@container": "@graph"}}, "@id": "_:a", "g": [{"@id": "_:a", "p": "x"}, {"q": {"g": {"p": "y"}}}], "p": "z"}""", 7)]
    [InlineData("""{"@context": {"@vocab": "https://example.org/", "g": {"@container": "@graph"}}, "@id": "rel", "g": {"@id": "https://example.org/b", "p": "x"}}""", 1)]
    [InlineData("""{"@context": {"@vocab": "https://example.org/", "g": {"@container": "@graph"}}, "g": [{"p": "x"}, {"p": "x"}], "h": {"@id": "_:n"}}""", 5)]
    public void Graph_objects_take_the_direct_path_and_give_the_node_map_dataset(string json, int quads)
    {
        var run = new JsonLdRun(new JsonLdOptions());
        var expanded = JsonLdProcessor.ExpandCore(run, Json.JsonTree.Parse(json), null, null);
        var direct = DirectRdfDeserialization.TryDeserialize(run, expanded);
        Assert.NotNull(direct);
        Assert.Equal(Canonical(NodeMapPath(run, expanded)), Canonical(direct));
        Assert.Equal(quads, direct.Count);
    }

    [Theory]
    [InlineData("""{"@context": {"@vocab": "https://example.org/", "g": {"@container": ["@graph", "@id"]}}, "g": {"https://example.org/n": {"p": "x"}}}""")]
    [InlineData("""{"@context": {"@vocab": "https://example.org/", "g": {"@container": ["@graph", "@index"]}}, "g": {"i": {"p": "x"}}}""")]
    public void Graph_objects_with_an_id_or_index_take_the_node_map(string json)
    {
        var run = new JsonLdRun(new JsonLdOptions());
        var expanded = JsonLdProcessor.ExpandCore(run, Json.JsonTree.Parse(json), null, null);
        Assert.Null(DirectRdfDeserialization.TryDeserialize(run, expanded));
    }

    [Fact]
    public void Presentation_of_credentials_with_proofs_takes_the_direct_path()
    {
        // Two credentials in verifiableCredential (a graph container of VC 2.0), each with a proof (another one).
        var credential = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllBytes(Fixtures.MillTestReport))!.AsObject();
        credential["proof"] = System.Text.Json.Nodes.JsonNode.Parse("""{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "proofPurpose": "assertionMethod", "verificationMethod": "did:example:issuer#key-1", "created": "2025-03-14T09:30:00Z", "proofValue": "z3abc"}""");
        var second = credential.DeepClone().AsObject();
        second["id"] = "urn:uuid:6f1c2a4e-3b7d-4e8a-9c2f-5d0e1a7b3c99";
        var presentation = new System.Text.Json.Nodes.JsonObject
        {
            ["@context"] = new System.Text.Json.Nodes.JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = "VerifiablePresentation",
            ["holder"] = "did:example:holder",
            ["verifiableCredential"] = new System.Text.Json.Nodes.JsonArray(credential, second),
        };
        var run = new JsonLdRun(new JsonLdOptions { SafeMode = true });
        var expanded = JsonLdProcessor.ExpandCore(run, Json.JsonTree.Parse(System.Text.Encoding.UTF8.GetBytes(presentation.ToJsonString())), null, null);
        var direct = DirectRdfDeserialization.TryDeserialize(run, expanded);
        Assert.NotNull(direct);
        Assert.Equal(Canonical(NodeMapPath(run, expanded)), Canonical(direct));

        // The presentation's type and holder, then for each credential: the reference to its graph, its 68 triples,
        // the reference to its proof's graph and the proof's 6 triples.
        Assert.Equal(2 + (2 * (1 + 68 + 1 + 6)), direct.Count);
        Assert.Equal(5, direct.Select(q => q.Graph).Distinct().Count());
    }

    private static RdfDataset NodeMapPath(JsonLdRun run, List<object?> expanded)
    {
        var generator = new BlankNodeIdGenerator();
        var nodeMap = NodeMapGeneration.CreateNodeMap();
        NodeMapGeneration.Generate(expanded, nodeMap, generator);
        return RdfDeserialization.Deserialize(run, nodeMap, generator);
    }

    private static string Canonical(RdfDataset dataset) => RdfCanonicalizer.Canonicalize(dataset).CanonicalNQuads;
}
