namespace Tradeproof.JsonLd.Tests.Behaviour;

/// <summary>Odd but valid input gets a result or a typed error, never another exception.</summary>
public sealed class RobustnessTests
{
    [Fact]
    public void A_graph_index_container_given_a_graph_object_converts_to_rdf_without_crashing()
    {
        // compact/0083-out.jsonld used as input: the index map's keys are keywords, so values end up free-floating in graphs.
        var json = """
            {"@context": {"@vocab": "http://example.org/", "input": {"@container": ["@graph", "@index"]}},
             "input": {"@id": "http://example.org/id", "@index": "g1", "@graph": {"value": "x"}}}
            """;
        var dataset = JsonLdProcessor.ToRdf(json);
        Assert.Contains(dataset, q => q.Object is Tradeproof.Rdf.Literal { LexicalForm: "x" });
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1, 2,]")]
    [InlineData("{\"a\": 1, \"a\": 2}")]
    [InlineData("1e400")]
    public void Malformed_json_is_loading_document_failed(string json)
    {
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(json));
        Assert.Equal(JsonLdErrorCode.LoadingDocumentFailed, e.Code);
    }

    [Fact]
    public void Malformed_utf8_or_a_lone_surrogate_inside_a_string_is_loading_document_failed()
    {
        // Found by the mutation fuzzer (tests/Tradeproof.Fuzzing.Tests, target jsonld): Utf8JsonReader.GetString threw
        // InvalidOperationException on a lone continuation byte inside a string.
        byte[] json = [.. "{\"@id\": \"http://example.org/"u8, 0x80, .. "\", \"http://example.org/p\": \"x\"}"u8];
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.ToRdf(json));
        Assert.Equal(JsonLdErrorCode.LoadingDocumentFailed, e.Code);
        var surrogate = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand("{\"http://example.org/p\": \"\\udc00\"}"));
        Assert.Equal(JsonLdErrorCode.LoadingDocumentFailed, surrogate.Code);
    }

    [Fact]
    public void A_long_base_iri_with_dots_resolves_in_linear_memory()
    {
        // Found by the mutation fuzzer (tests/Tradeproof.Fuzzing.Tests, target jsonld): RFC 3986 Remove Dot Segments
        // copied the rest of the path for every segment, so a 30 KB document with a long @base allocated 140 MB and a
        // 1 MB one would have run for minutes. 208 KB of path here: quadratic copying allocated well over 1 GB.
        var @base = "http://example.com/" + string.Concat(Enumerable.Repeat("some/deep/directory/a.com/", 8000));
        var json = "{\"@context\": {\"@base\": \"" + @base + "\"}, \"@id\": \"x/./z/../y\", \"http://example.org/p\": \"v\"}";
        var before = GC.GetAllocatedBytesForCurrentThread();
        var dataset = JsonLdProcessor.ToRdf(json);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(@base + "x/y", Assert.IsType<Tradeproof.Rdf.Iri>(Assert.Single(dataset).Subject).Value);
        Assert.InRange(allocated, 0, 64L << 20);
    }
}
