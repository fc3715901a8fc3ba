using Tradeproof.JsonLd.Json;

namespace Tradeproof.JsonLd.Tests.Behaviour;

/// <summary>Safe mode: expansion fails with a typed error wherever plain JSON-LD would silently drop or guess.</summary>
public sealed class SafeModeTests
{
    private const string Context = """{"name": "http://schema.org/name", "Person": "http://schema.org/Person"}""";

    private static JsonLdOptions Safe() => new() { SafeMode = true };

    private static string Doc(string body) => "{\"@context\": " + Context + ", " + body + "}";

    [Fact]
    public void Undefined_term_fails_in_safe_mode_and_is_dropped_otherwise()
    {
        var json = Doc("\"@id\": \"urn:x:1\", \"name\": \"A\", \"nickname\": \"B\"");
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(json, Safe()));
        Assert.Equal(JsonLdErrorCode.SafeModeUndefinedTerm, e.Code);
        Assert.DoesNotContain("nickname", JsonLdProcessor.Expand(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_type_fails_in_safe_mode_even_with_a_base()
    {
        var json = Doc("\"@id\": \"urn:x:1\", \"@type\": [\"Person\", \"Robot\"], \"name\": \"A\"");
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(json, new JsonLdOptions { SafeMode = true, Base = "https://example.org/" }));
        Assert.Equal(JsonLdErrorCode.SafeModeUndefinedType, e.Code);
        Assert.Contains("https://example.org/Robot", JsonLdProcessor.Expand(json, new JsonLdOptions { Base = "https://example.org/" }), StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_id_fails_in_safe_mode()
    {
        var json = Doc("\"@id\": \"people/alice\", \"name\": \"A\"");
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(json, Safe()));
        Assert.Equal(JsonLdErrorCode.SafeModeRelativeIri, e.Code);
        Assert.Contains("people/alice", JsonLdProcessor.Expand(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_language_tag_fails_in_safe_mode()
    {
        var json = Doc("\"@id\": \"urn:x:1\", \"name\": {\"@value\": \"A\", \"@language\": \"not a tag!\"}");
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(json, Safe()));
        Assert.Equal(JsonLdErrorCode.SafeModeInvalidValue, e.Code);
    }

    [Fact]
    public void Free_floating_value_fails_in_safe_mode()
    {
        var json = "{\"@context\": " + Context + ", \"@graph\": [\"just a string\", {\"@id\": \"urn:x:1\", \"name\": \"A\"}]}";
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(json, Safe()));
        Assert.Equal(JsonLdErrorCode.SafeModeInvalidValue, e.Code);
    }

    [Fact]
    public void A_well_formed_credential_passes_safe_mode_unchanged()
    {
        var json = File.ReadAllText(Fixtures.MillTestReport);
        var safe = JsonTree.Parse(JsonLdProcessor.Expand(json, Safe()));
        var plain = JsonTree.Parse(JsonLdProcessor.Expand(json));
        Assert.True(JsonTree.DeepEquals(plain, safe));
        Assert.Equal(68, JsonLdProcessor.ToRdf(json, Safe()).Count);
    }
}
