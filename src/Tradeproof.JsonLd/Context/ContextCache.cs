using System.Collections.Concurrent;
using Tradeproof.JsonLd.Loading;

namespace Tradeproof.JsonLd.Context;

/// <summary>
/// Caches of one <see cref="JsonLdOptions"/> instance: initial active contexts per base IRI,
/// remote context documents per URL (parsed once), and, on each shared active context, the
/// contexts derived from it by a shared local context (see <see cref="ActiveContext.Derived"/>).
/// Only contexts from loaded documents (and context URLs) are cached, never a document's inline
/// context objects, so the cache stays bounded by the set of known contexts.
/// </summary>
internal sealed class ContextCache
{
    /// <summary>Most derived contexts kept per active context.</summary>
    public const int MaxDerivedPerContext = 64;

    private readonly ConcurrentDictionary<string, ActiveContext> _initial = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RemoteDocument> _documents = new(StringComparer.Ordinal);
    private ActiveContext? _initialNoBase;

    /// <summary>The initial active context for a base IRI (shared, never mutated).</summary>
    public ActiveContext Initial(string? baseIri, JsonLdOptions options)
    {
        if (baseIri is null)
        {
            return _initialNoBase ??= new ActiveContext(null, null, options) { IsShared = true }.Freeze();
        }

        if (_initial.TryGetValue(baseIri, out var initial))
        {
            return initial;
        }

        initial = new ActiveContext(baseIri, baseIri, options) { IsShared = true }.Freeze();
        return _initial.Count < 1024 ? _initial.GetOrAdd(baseIri, initial) : initial;
    }

    /// <summary>A remote document, loaded and parsed once per URL through <paramref name="loader"/>.</summary>
    public RemoteDocument Load(string url, IDocumentLoader loader, int maxDepth)
    {
        if (_documents.TryGetValue(url, out var document))
        {
            return document;
        }

        document = loader.LoadDocument(url, new LoadDocumentOptions { Profile = "http://www.w3.org/ns/json-ld#context", RequestProfile = "http://www.w3.org/ns/json-ld#context" });
        if (!document.IsParsed)
        {
            // Parse once; the tree is shared by every later use of this URL.
            document = new RemoteDocument(document.DocumentUrl, document.Content, document.ContentType, document.ContextUrl, document.Profile)
            {
                Parsed = Json.JsonTree.Parse(document.Content.Span, maxDepth),
                IsParsed = true,
            };
        }

        if (_documents.Count < 1024)
        {
            _documents.TryAdd(url, document);
        }

        return document;
    }

    /// <summary>A context derived from <paramref name="active"/> by a shared local context, if cached (lock-free read).</summary>
    public static ActiveContext? TryGetDerived(ActiveContext active, in ActiveContext.DerivedKey key)
    {
        if (!active.IsShared)
        {
            return null;
        }

        return active.Derived.TryGetValue(key, out var result) ? result : null;
    }

    /// <summary>Remembers a derived context (marks it shared). Copy-on-write: readers never lock.</summary>
    public static void AddDerived(ActiveContext active, in ActiveContext.DerivedKey key, ActiveContext result)
    {
        if (!active.IsShared)
        {
            return;
        }

        result.IsShared = true;
        lock (active)
        {
            var current = active.Derived;
            if (current.Count < MaxDerivedPerContext && !current.ContainsKey(key))
            {
                active.Derived = new Dictionary<ActiveContext.DerivedKey, ActiveContext>(current) { [key] = result };
            }
        }
    }
}
