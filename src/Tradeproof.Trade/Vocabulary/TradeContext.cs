using Tradeproof.JsonLd.Loading;

namespace Tradeproof.Trade.Vocabulary;

/// <summary>
/// Tradeproof's own JSON-LD context for the trade types the traceability vocabulary lacks (AEO certificate, export
/// declaration, provisional message, sensor and meter readings, in-bond movement, custody transfer). Versioned in its
/// URL: a published version never changes; new terms go into a new version. Embedded, never fetched.
/// </summary>
public static class TradeContext
{
    /// <summary>The context's URL (version 1).</summary>
    public const string Url = "https://tradeproof.dev/contexts/trade/v1";

    /// <summary>The namespace of the context's terms: <c>https://tradeproof.dev/vocab/trade#Term</c>.</summary>
    public const string VocabularyIri = "https://tradeproof.dev/vocab/trade#";

    private static readonly Lazy<byte[]> s_document = new(() => VocabularyResources.ReadBytes("trade/context-v1.json"));
    private static readonly Lazy<InMemoryDocumentLoader> s_loader = new(() => WithFallback(EmbeddedDocumentLoader.Instance));

    /// <summary>The context document (UTF-8 JSON), exactly as embedded.</summary>
    public static ReadOnlyMemory<byte> Document => s_document.Value;

    /// <summary>
    /// A document loader serving this context and, for every other URL, the JSON-LD library's embedded contexts
    /// (<see cref="EmbeddedDocumentLoader"/>): set it as <c>JsonLdOptions.DocumentLoader</c> to process trade credentials offline.
    /// </summary>
    public static IDocumentLoader DocumentLoader => s_loader.Value;

    /// <summary>A loader serving this context, deferring every other URL to <paramref name="fallback"/>.</summary>
    public static InMemoryDocumentLoader WithFallback(IDocumentLoader fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new InMemoryDocumentLoader(new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal) { [Url] = Document }, fallback);
    }
}
