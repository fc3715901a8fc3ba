using System.Text;

namespace Tradeproof.JsonLd.Tests.Behaviour;

/// <summary>Limits: each a named option with a default; exceeding one is a typed error, never a crash or a loop.</summary>
public sealed class LimitTests
{
    [Fact]
    public void Defaults_are_documented_values()
    {
        var options = new JsonLdOptions();
        Assert.Equal(JsonLdOptions.DefaultMaxDepth, options.MaxDepth);
        Assert.Equal(JsonLdOptions.DefaultMaxContexts, options.MaxContexts);
        Assert.Equal(JsonLdOptions.DefaultMaxImportChain, options.MaxImportChain);
    }

    [Fact]
    public void The_default_limits_admit_a_credential_with_the_traceability_context_on_a_cold_cache()
    {
        var json = """{"@context": ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/traceability/v1"], "type": ["VerifiableCredential"], "credentialSubject": {"type": "Organization", "name": "x"}}""";
        var expanded = JsonLdProcessor.Expand(json, new JsonLdOptions());
        Assert.Contains("https://schema.org/Organization", expanded, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_nested_10000_deep_is_refused_with_a_typed_error()
    {
        var json = new StringBuilder().Append('[', 10_000).Append(']', 10_000).ToString();
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(json));
        Assert.Equal(JsonLdErrorCode.MaxDepthExceeded, e.Code);
    }

    [Fact]
    public void Nesting_within_the_limit_is_processed()
    {
        var json = "{\"@context\": {\"@vocab\": \"http://ex/\"}, \"a\": " + string.Concat(Enumerable.Repeat("{\"a\": ", 20)) + "1" + new string('}', 20) + "}";
        Assert.Contains("http://ex/a", JsonLdProcessor.Expand(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_contexts_is_refused()
    {
        var contexts = string.Join(",", Enumerable.Range(0, 20).Select(i => "{\"t" + i + "\": \"http://ex/" + i + "\"}"));
        var json = "{\"@context\": [" + contexts + "], \"t1\": \"x\"}";
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(json, new JsonLdOptions { MaxContexts = 10 }));
        Assert.Equal(JsonLdErrorCode.MaxContextsExceeded, e.Code);
        Assert.Contains("http://ex/1", JsonLdProcessor.Expand(json), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_of_remote_contexts_is_context_overflow()
    {
        var loader = new InMemoryLoader(new()
        {
            ["https://ex/a"] = """{"@context": ["https://ex/b", {"a": "http://ex/a"}]}""",
            ["https://ex/b"] = """{"@context": ["https://ex/a"]}""",
        });
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand("""{"@context": "https://ex/a", "a": 1}""", new JsonLdOptions { DocumentLoader = loader }));
        Assert.Equal(JsonLdErrorCode.ContextOverflow, e.Code);
    }

    [Fact]
    public void A_chain_of_remote_contexts_longer_than_the_limit_is_refused()
    {
        var documents = new Dictionary<string, string>();
        for (var i = 0; i < 30; i++)
        {
            documents["https://ex/c" + i] = "{\"@context\": [\"https://ex/c" + (i + 1) + "\"]}";
        }

        documents["https://ex/c30"] = """{"@context": {"a": "http://ex/a"}}""";
        var json = """{"@context": "https://ex/c0", "a": 1}""";
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(json, new JsonLdOptions { DocumentLoader = new InMemoryLoader(documents) }));
        Assert.Equal(JsonLdErrorCode.MaxImportChainExceeded, e.Code);
        Assert.Contains("http://ex/a", JsonLdProcessor.Expand(json, new JsonLdOptions { DocumentLoader = new InMemoryLoader(documents), MaxImportChain = 40 }), StringComparison.Ordinal);
    }

    [Fact]
    public void An_import_cycle_is_an_error()
    {
        var loader = new InMemoryLoader(new()
        {
            ["https://ex/a"] = """{"@context": {"@import": "https://ex/a", "a": "http://ex/a"}}""",
        });
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand("""{"@context": "https://ex/a", "a": 1}""", new JsonLdOptions { DocumentLoader = loader }));
        Assert.Equal(JsonLdErrorCode.ContextOverflow, e.Code);
    }
}
