using System.Collections.Frozen;
using System.Reflection;
using Tradeproof.JsonLd.Json;

namespace Tradeproof.JsonLd.Loading;

/// <summary>
/// Serves the JSON-LD contexts embedded in this assembly (Contexts/, byte-exact copies of
/// shared/conformance/contexts, keyed by URL exactly as in its index.json). Any other URL fails at
/// once with <c>loading document failed</c>: this loader never touches the network. Documents are
/// parsed once and the parsed tree is shared, so context processing can cache by identity.
/// </summary>
public sealed class EmbeddedDocumentLoader : IDocumentLoader
{
    private const string ResourcePrefix = "Tradeproof.JsonLd.Contexts.";

    private readonly FrozenDictionary<string, Lazy<RemoteDocument>> _documents;

    private EmbeddedDocumentLoader()
    {
        var assembly = typeof(EmbeddedDocumentLoader).Assembly;
        var index = (Dictionary<string, object?>)JsonTree.Parse(ReadResource(assembly, "index.json"))!;
        _documents = index.ToFrozenDictionary(
            p => p.Key,
            p => new Lazy<RemoteDocument>(() =>
            {
                var bytes = ReadResource(assembly, (string)p.Value!);
                return new RemoteDocument(p.Key, bytes, "application/ld+json") { Parsed = JsonTree.Parse(bytes, 1000), IsParsed = true };
            }),
            StringComparer.Ordinal);
    }

    /// <summary>The shared instance.</summary>
    public static EmbeddedDocumentLoader Instance { get; } = new();

    /// <summary>The URLs served.</summary>
    public IEnumerable<string> Urls => _documents.Keys;

    /// <summary>The exact embedded bytes of the document at <paramref name="url"/>, or null.</summary>
    public ReadOnlyMemory<byte>? GetBytes(string url) => _documents.TryGetValue(url, out var d) ? d.Value.Content : null;

    /// <inheritdoc />
    public RemoteDocument LoadDocument(string url, LoadDocumentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_documents.TryGetValue(url, out var document))
        {
            return document.Value;
        }

        throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, "not an embedded document: " + url);
    }

    private static byte[] ReadResource(Assembly assembly, string file)
    {
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException("Missing embedded resource " + file);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
