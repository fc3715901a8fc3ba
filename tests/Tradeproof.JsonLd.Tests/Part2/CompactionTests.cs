using Tradeproof.JsonLd.Compaction;
using Tradeproof.JsonLd.Context;
using Tradeproof.JsonLd.Json;
using Tradeproof.JsonLd.Tests.Harness;

namespace Tradeproof.JsonLd.Tests.Part2;

/// <summary>Behaviour of compaction (JSON-LD 1.1 API §6): our own cases beside the W3C suite.</summary>
public sealed class CompactionTests
{
    private static readonly string MillTestReport =
        File.ReadAllText(Path.Combine(Tradeproof.Testing.Conformance.RepositoryRoot, "..", "shared", "design", "fixtures", "mill-test-report.json"));

    private static Dictionary<string, object?> Compact(string document, string context, JsonLdOptions? options = null) =>
        (Dictionary<string, object?>)JsonTree.Parse(JsonLdProcessor.Compact(document, context, options))!;

    private static ActiveContext Process(JsonLdRun run, string context) =>
        ContextProcessing.Process(run, run.Cache.Initial(null, run.Options), JsonTree.Parse(context), null);

    [Fact]
    public void A_credential_compacted_with_its_own_context_expands_to_the_same_graph()
    {
        var options = new JsonLdOptions();
        var original = (Dictionary<string, object?>)JsonTree.Parse(MillTestReport)!;
        var context = JsonTree.Serialize(original["@context"]);

        var compacted = JsonLdProcessor.Compact(MillTestReport, context, options);

        var expandedOriginal = JsonTree.Parse(JsonLdProcessor.Expand(MillTestReport, options));
        var expandedCompacted = JsonTree.Parse(JsonLdProcessor.Expand(compacted, options));
        Assert.True(JsonLdComparison.Equivalent(expandedOriginal, expandedCompacted), compacted);
    }

    [Fact]
    public void Concurrent_compactions_with_shared_options_agree()
    {
        var options = new JsonLdOptions();
        var original = (Dictionary<string, object?>)JsonTree.Parse(MillTestReport)!;
        var context = JsonTree.Serialize(original["@context"]);
        var results = new string[64];

        Parallel.For(0, results.Length, i => results[i] = JsonLdProcessor.Compact(MillTestReport, context, options));

        Assert.All(results, r => Assert.Equal(results[0], r));
        Assert.Contains("\"heatNumber\":\"H24-118734\"", results[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_compacts_to_its_short_terms()
    {
        var original = (Dictionary<string, object?>)JsonTree.Parse(MillTestReport)!;
        var compacted = Compact(MillTestReport, JsonTree.Serialize(original["@context"]));

        Assert.Equal("urn:uuid:6f1c2a4e-3b7d-4e8a-9c2f-5d0e1a7b3c91", compacted["id"]);
        Assert.Equal(new List<object?> { "VerifiableCredential", "MillTestReportCredential" }, compacted["type"]);
        var subject = (Dictionary<string, object?>)compacted["credentialSubject"]!;
        Assert.Equal("2025-03-02", subject["meltDate"]);
        Assert.Equal("H24-118734", subject["heatNumber"]);
        Assert.Equal(original["@context"], compacted["@context"], JsonTreeComparer.Instance);
    }

    [Fact]
    public void Type_coerced_terms_compact_values_to_strings()
    {
        var compacted = Compact(
            """{"http://example.org/p": [{"@id": "http://example.org/a"}], "http://example.org/d": {"@value": "2025-01-01", "@type": "http://www.w3.org/2001/XMLSchema#date"}}""",
            """{"p": {"@id": "http://example.org/p", "@type": "@id"}, "d": {"@id": "http://example.org/d", "@type": "http://www.w3.org/2001/XMLSchema#date"}}""");

        Assert.Equal("http://example.org/a", compacted["p"]);
        Assert.Equal("2025-01-01", compacted["d"]);
    }

    [Fact]
    public void Term_selection_prefers_the_term_whose_language_matches()
    {
        var compacted = Compact(
            """{"http://example.org/label": [{"@value": "bonjour", "@language": "fr"}, {"@value": "hello", "@language": "en"}, {"@value": "plain"}]}""",
            """{"label": "http://example.org/label", "labelEn": {"@id": "http://example.org/label", "@language": "en"}, "labelFr": {"@id": "http://example.org/label", "@language": "fr"}}""");

        Assert.Equal("bonjour", compacted["labelFr"]);
        Assert.Equal("hello", compacted["labelEn"]);
        Assert.Equal("plain", compacted["label"]);
    }

    [Fact]
    public void Language_maps_and_list_containers_are_used()
    {
        var compacted = Compact(
            """{"http://example.org/name": [{"@value": "Stahl", "@language": "de"}, {"@value": "steel", "@language": "en"}], "http://example.org/steps": [{"@list": [{"@value": "melt"}, {"@value": "pour"}]}]}""",
            """{"name": {"@id": "http://example.org/name", "@container": "@language"}, "steps": {"@id": "http://example.org/steps", "@container": "@list"}}""");

        var names = (Dictionary<string, object?>)compacted["name"]!;
        Assert.Equal("Stahl", names["de"]);
        Assert.Equal("steel", names["en"]);
        Assert.Equal(new List<object?> { "melt", "pour" }, compacted["steps"]);
    }

    [Fact]
    public void CompactArrays_false_keeps_single_values_and_the_top_level_in_arrays()
    {
        var compacted = Compact(
            """{"http://example.org/p": "v"}""",
            """{"p": "http://example.org/p"}""",
            new JsonLdOptions { CompactArrays = false });

        var node = (Dictionary<string, object?>)Assert.Single((List<object?>)compacted["@graph"]!)!;
        Assert.Equal(new List<object?> { "v" }, node["p"]);
    }

    [Fact]
    public void Several_top_level_nodes_go_under_graph()
    {
        var compacted = Compact(
            """[{"@id": "http://example.org/a", "http://example.org/p": "1"}, {"@id": "http://example.org/b", "http://example.org/p": "2"}]""",
            """{"p": "http://example.org/p"}""");

        Assert.Equal(2, ((List<object?>)compacted["@graph"]!).Count);
        Assert.True(compacted.ContainsKey("@context"));
    }

    [Fact]
    public void An_empty_context_is_not_added_to_the_output()
    {
        var compacted = Compact("""{"http://example.org/p": "v"}""", "{}");

        Assert.False(compacted.ContainsKey("@context"));
        Assert.Equal("v", compacted["http://example.org/p"]);
    }

    [Fact]
    public void The_inverse_context_is_created_once_per_active_context()
    {
        var run = new JsonLdRun(new JsonLdOptions());
        var context = Process(run, """{"p": "http://example.org/p"}""");

        var first = InverseContextCreation.Get(context);
        var second = InverseContextCreation.Get(context);

        Assert.Same(first, second);
        Assert.Equal("p", first.Entries["http://example.org/p"]["@none"].Any["@none"]);
    }

    [Fact]
    public void Inverse_context_keys_containers_in_code_point_order()
    {
        Assert.Equal("@graph@id@set", InverseContextCreation.ContainerKey(ContainerKind.Set | ContainerKind.Graph | ContainerKind.Id));
        Assert.Equal("@set@type", InverseContextCreation.ContainerKey(ContainerKind.Type | ContainerKind.Set));
        Assert.Equal("@none", InverseContextCreation.ContainerKey(ContainerKind.None));
    }

    [Fact]
    public void Iri_compaction_uses_terms_vocab_prefixes_and_base()
    {
        var run = new JsonLdRun(new JsonLdOptions());
        var context = Process(run, """{"@vocab": "http://vocab.example/", "@base": "http://base.example/dir/", "ex": "http://example.org/", "name": "http://schema.org/name"}""");

        Assert.Equal("name", IriCompaction.Compact(run, context, "http://schema.org/name"));
        Assert.Equal("title", IriCompaction.Compact(run, context, "http://vocab.example/title"));
        Assert.Equal("ex:thing", IriCompaction.Compact(run, context, "http://example.org/thing"));
        Assert.Equal("doc", IriCompaction.Compact(run, context, "http://base.example/dir/doc", vocab: false));
        Assert.Equal("http://other.example/x", IriCompaction.Compact(run, context, "http://other.example/x"));
        Assert.Null(IriCompaction.Compact(run, context, null));
    }

    [Fact]
    public void Keywords_compact_to_their_aliases()
    {
        var run = new JsonLdRun(new JsonLdOptions());
        var context = Process(run, """{"id": "@id", "type": "@type"}""");

        Assert.Equal("id", IriCompaction.Compact(run, context, "@id"));
        Assert.Equal("type", IriCompaction.Compact(run, context, "@type"));
        Assert.Equal("@graph", IriCompaction.Compact(run, context, "@graph"));
    }

    [Fact]
    public void An_iri_that_reads_as_a_compact_iri_is_an_error()
    {
        var run = new JsonLdRun(new JsonLdOptions());
        var context = Process(run, """{"tag": {"@id": "http://example.org/tag/", "@prefix": true}}""");

        var error = Assert.Throws<JsonLdException>(() => IriCompaction.Compact(run, context, "tag:example.com,2025:thing"));
        Assert.Equal(JsonLdErrorCode.IriConfusedWithPrefix, error.Code);
    }

    [Fact]
    public void Value_compaction_leaves_values_that_do_not_match_the_term()
    {
        var run = new JsonLdRun(new JsonLdOptions());
        var context = Process(run, """{"@language": "en", "p": "http://example.org/p"}""");
        var french = new Dictionary<string, object?> { ["@value"] = "bonjour", ["@language"] = "fr" };
        var english = new Dictionary<string, object?> { ["@value"] = "hello", ["@language"] = "EN" };
        var number = new Dictionary<string, object?> { ["@value"] = 5.0 };

        Assert.IsType<Dictionary<string, object?>>(ValueCompaction.Compact(run, context, "p", french));
        Assert.Equal("hello", ValueCompaction.Compact(run, context, "p", english));
        Assert.Equal(5.0, ValueCompaction.Compact(run, context, "p", number));
    }

    [Fact]
    public void Nest_values_that_are_not_nest_are_an_error()
    {
        var error = Assert.Throws<JsonLdException>(() => Compact(
            """{"http://example.org/p": "v"}""",
            """{"@version": 1.1, "p": {"@id": "http://example.org/p", "@nest": "nothing"}}"""));

        Assert.Equal(JsonLdErrorCode.InvalidNestValue, error.Code);
    }

    [Fact]
    public void Add_value_builds_arrays_only_when_asked_or_needed()
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        CompactionAlgorithm.AddValue(map, "a", "1", asArray: false);
        CompactionAlgorithm.AddValue(map, "b", "1", asArray: true);
        CompactionAlgorithm.AddValue(map, "a", "2", asArray: false);
        CompactionAlgorithm.AddValue(map, "c", new List<object?>(), asArray: true);

        Assert.Equal(new List<object?> { "1", "2" }, map["a"]);
        Assert.Equal(new List<object?> { "1" }, map["b"]);
        Assert.Equal(new List<object?>(), map["c"]);
    }

    private sealed class JsonTreeComparer : IEqualityComparer<object?>
    {
        public static readonly JsonTreeComparer Instance = new();

        public new bool Equals(object? x, object? y) => JsonTree.DeepEquals(x, y);

        public int GetHashCode(object? obj) => 0;
    }
}
