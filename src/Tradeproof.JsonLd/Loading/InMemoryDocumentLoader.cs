using System.Collections.Frozen;
using Tradeproof.JsonLd.Json;

namespace Tradeproof.JsonLd.Loading;

/// <summary>
/// Serves a fixed set of documents given as UTF-8 JSON bytes, keyed by exact URL (for example the versioned
/// contexts a higher layer embeds in its own assembly), and defers every other URL to a fallback loader
/// (default <see cref="EmbeddedDocumentLoader.Instance"/>). Like the embedded loader it never touches the network
/// by itself, and each document is parsed once (on first use) and the parsed tree shared, so context processing
/// caches by identity. Thread-safe. A URL served here shadows the same URL of the fallback.
/// </summary>
public sealed class InMemoryDocumentLoader : IDocumentLoader
{
    private readonly FrozenDictionary<string, Lazy<RemoteDocument>> _documents;
    private readonly IDocumentLoader _fallback;

    /// <param name="documents">URL to document bytes (UTF-8 JSON). URLs must be absolute.</param>
    /// <param name="fallback">The loader for every other URL (default <see cref="EmbeddedDocumentLoader.Instance"/>).</param>
    /// <exception cref="ArgumentException">A URL is not absolute.</exception>
    public InMemoryDocumentLoader(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> documents, IDocumentLoader? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var url in documents.Keys)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                throw new ArgumentException("Not an absolute URL: " + url, nameof(documents));
            }
        }

        _fallback = fallback ?? EmbeddedDocumentLoader.Instance;
        _documents = documents.ToFrozenDictionary(
            p => p.Key,
            p => new Lazy<RemoteDocument>(() => new RemoteDocument(p.Key, p.Value, "application/ld+json")
            {
                Parsed = JsonTree.Parse(p.Value.Span, 1000),
                IsParsed = true,
            }),
            StringComparer.Ordinal);
    }

    /// <summary>The URLs served by this loader itself (not those of the fallback).</summary>
    public IEnumerable<string> Urls => _documents.Keys;

    /// <inheritdoc />
    public RemoteDocument LoadDocument(string url, LoadDocumentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        return _documents.TryGetValue(url, out var document) ? document.Value : _fallback.LoadDocument(url, options);
    }
}
