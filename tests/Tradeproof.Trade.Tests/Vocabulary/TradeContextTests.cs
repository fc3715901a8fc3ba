using System.Security.Cryptography;
using System.Text;
using Tradeproof.JsonLd;
using Tradeproof.JsonLd.Loading;
using Tradeproof.Trade.Vocabulary;

namespace Tradeproof.Trade.Tests.Vocabulary;

/// <summary>Behaviour: our versioned context is served offline, over the embedded contexts, and nothing else is fetched.</summary>
public sealed class TradeContextTests
{
    [Fact]
    public void The_loader_serves_our_context_and_defers_the_rest_to_the_embedded_contexts()
    {
        var ours = TradeContext.DocumentLoader.LoadDocument(TradeContext.Url);
        Assert.Equal(TradeContext.Url, ours.DocumentUrl);
        Assert.Contains("CustodyTransferCredential", Encoding.UTF8.GetString(ours.Content.Span), StringComparison.Ordinal);

        var traceability = TradeContext.DocumentLoader.LoadDocument("https://w3id.org/traceability/v1");
        Assert.Equal(EmbeddedDocumentLoader.Instance.GetBytes("https://w3id.org/traceability/v1")!.Value.ToArray(), traceability.Content.ToArray());

        var error = Assert.Throws<JsonLdException>(() => TradeContext.DocumentLoader.LoadDocument("https://tradeproof.dev/contexts/trade/v2"));
        Assert.Equal(JsonLdErrorCode.LoadingDocumentFailed, error.Code);
    }

    [Fact]
    public void Without_our_loader_the_context_is_not_found()
    {
        var json = """{"@context": "https://tradeproof.dev/contexts/trade/v1", "@type": "CustodyTransfer"}""";
        Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(json, new JsonLdOptions()));

        var expanded = JsonLdProcessor.Expand(json, new JsonLdOptions { DocumentLoader = TradeContext.DocumentLoader, SafeMode = true });
        Assert.Contains(TradeContext.VocabularyIri + "CustodyTransfer", expanded, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_1_never_changes()
    {
        // A published context version is immutable: credentials signed over it must keep verifying. A new or changed
        // term goes into https://tradeproof.dev/contexts/trade/v2 (a new file), never into v1.
        Assert.Equal(
            "e4fae33e3aef95dba98edab897b78e12af8657194a0e61e3c8fae5d1d5384733",
            Convert.ToHexStringLower(SHA256.HashData(TradeContext.Document.Span)));
    }

    [Fact]
    public void Our_terms_are_protected()
    {
        // A later context may not redefine a term of ours (JSON-LD 1.1 §4.1.11).
        var json = """
            {"@context": ["https://tradeproof.dev/contexts/trade/v1", {"CustodyTransferCredential": "https://example.com/other"}],
             "@type": "CustodyTransferCredential"}
            """;
        Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(json, new JsonLdOptions { DocumentLoader = TradeContext.DocumentLoader }));
    }

    [Fact]
    public void An_in_memory_loader_chains_to_any_fallback_and_refuses_relative_urls()
    {
        var documents = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal)
        {
            ["https://example.com/a"] = Encoding.UTF8.GetBytes("""{"@context": {"a": "https://example.com/vocab#a"}}"""),
        };
        var inner = TradeContext.WithFallback(EmbeddedDocumentLoader.Instance);
        var loader = new InMemoryDocumentLoader(documents, inner);
        Assert.Equal(["https://example.com/a"], loader.Urls);
        Assert.Equal("https://example.com/a", loader.LoadDocument("https://example.com/a").DocumentUrl);
        Assert.Equal(TradeContext.Url, loader.LoadDocument(TradeContext.Url).DocumentUrl);
        Assert.Contains("https://example.com/vocab#a", JsonLdProcessor.Expand("""{"@context": "https://example.com/a", "a": 1}""", new JsonLdOptions { DocumentLoader = loader }), StringComparison.Ordinal);

        var relative = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal) { ["contexts/a"] = documents["https://example.com/a"] };
        Assert.Throws<ArgumentException>(() => new InMemoryDocumentLoader(relative));
    }
}
