using Tradeproof.JsonLd.Json;

namespace Tradeproof.JsonLd.Tests.Part2;

/// <summary>Behaviour of flattening (JSON-LD 1.1 API §7.1).</summary>
public sealed class FlatteningTests
{
    private static List<object?> Flatten(string document, JsonLdOptions? options = null) =>
        (List<object?>)JsonTree.Parse(JsonLdProcessor.Flatten(document, null, options))!;

    private static Dictionary<string, object?> Node(List<object?> nodes, string id) =>
        nodes.Cast<Dictionary<string, object?>>().Single(n => (string?)n["@id"] == id);

    [Fact]
    public void Embedded_nodes_become_top_level_nodes_with_blank_node_labels()
    {
        var flattened = Flatten("""
            {"@context": {"@vocab": "http://example.org/"},
             "@id": "http://example.org/report", "manufacturer": {"name": "Mill"}}
            """);

        Assert.Equal(2, flattened.Count);
        var report = Node(flattened, "http://example.org/report");
        var reference = (Dictionary<string, object?>)((List<object?>)report["http://example.org/manufacturer"]!)[0]!;
        Assert.Single(reference);
        var label = (string)reference["@id"]!;
        Assert.StartsWith("_:b", label, StringComparison.Ordinal);
        var manufacturer = Node(flattened, label);
        Assert.Equal("Mill", ((Dictionary<string, object?>)((List<object?>)manufacturer["http://example.org/name"]!)[0]!)["@value"]);
    }

    [Fact]
    public void Properties_of_one_node_given_twice_are_merged()
    {
        var flattened = Flatten("""
            {"@context": {"@vocab": "http://example.org/"},
             "@graph": [{"@id": "http://example.org/a", "p": "1"}, {"@id": "http://example.org/a", "q": "2"}]}
            """);

        var node = Assert.Single(flattened);
        var map = (Dictionary<string, object?>)node!;
        Assert.True(map.ContainsKey("http://example.org/p"));
        Assert.True(map.ContainsKey("http://example.org/q"));
    }

    [Fact]
    public void Named_graphs_are_nested_under_their_node()
    {
        var flattened = Flatten("""
            {"@context": {"@vocab": "http://example.org/"},
             "@id": "http://example.org/g", "@graph": [{"@id": "http://example.org/a", "p": "1"}]}
            """);

        var graphNode = Node(flattened, "http://example.org/g");
        var inner = (List<object?>)graphNode["@graph"]!;
        Assert.Equal("http://example.org/a", ((Dictionary<string, object?>)inner[0]!)["@id"]);
    }

    [Fact]
    public void Ordered_output_sorts_nodes_by_identifier()
    {
        var flattened = Flatten(
            """[{"@id": "http://example.org/z", "http://example.org/p": "1"}, {"@id": "http://example.org/a", "http://example.org/p": "2"}]""",
            new JsonLdOptions { Ordered = true });

        Assert.Equal("http://example.org/a", ((Dictionary<string, object?>)flattened[0]!)["@id"]);
        Assert.Equal("http://example.org/z", ((Dictionary<string, object?>)flattened[1]!)["@id"]);
    }

    [Fact]
    public void A_context_compacts_the_flattened_output()
    {
        var flattened = (Dictionary<string, object?>)JsonTree.Parse(JsonLdProcessor.Flatten(
            """{"@context": {"@vocab": "http://example.org/"}, "@id": "http://example.org/a", "knows": {"@id": "http://example.org/b", "name": "B"}}""",
            """{"@vocab": "http://example.org/"}"""))!;

        var graph = (List<object?>)flattened["@graph"]!;
        Assert.Equal(2, graph.Count);
        Assert.Equal("http://example.org/b", ((Dictionary<string, object?>)Node(graph, "http://example.org/a")["knows"]!)["@id"]);
    }

    [Fact]
    public void Conflicting_indexes_are_an_error()
    {
        var error = Assert.Throws<JsonLdException>(() => Flatten("""
            [{"@id": "http://example.org/a", "@index": "x", "http://example.org/p": "1"},
             {"@id": "http://example.org/a", "@index": "y", "http://example.org/p": "2"}]
            """));

        Assert.Equal(JsonLdErrorCode.ConflictingIndexes, error.Code);
    }
}
