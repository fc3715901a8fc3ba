namespace Tradeproof.JsonLd.Loading;

/// <summary>
/// Loads a remote document or context (JSON-LD 1.1 API §9.4.4 <c>LoadDocumentCallback</c>).
/// Synchronous by design: the default loaders serve embedded documents, and the configurable
/// HTTP loader uses the synchronous <c>HttpClient.Send</c>. A failure throws a
/// <see cref="JsonLdException"/> with code <c>loading document failed</c> (the processor reports
/// <c>loading remote context failed</c> when a context was being loaded).
/// </summary>
public interface IDocumentLoader
{
    /// <summary>Loads the document at <paramref name="url"/>.</summary>
    /// <param name="url">An absolute IRI.</param>
    /// <param name="options">Request details (profile, requested profile); may be null.</param>
    RemoteDocument LoadDocument(string url, LoadDocumentOptions? options = null);
}

/// <summary>JSON-LD 1.1 API §9.4.5 <c>LoadDocumentOptions</c>.</summary>
public sealed class LoadDocumentOptions
{
    public bool ExtractAllScripts { get; init; }

    public string? Profile { get; init; }

    public string? RequestProfile { get; init; }
}

/// <summary>JSON-LD 1.1 API §9.4.6 <c>RemoteDocument</c>: the loaded bytes and the HTTP details that matter.</summary>
public sealed class RemoteDocument
{
    public RemoteDocument(string documentUrl, ReadOnlyMemory<byte> content, string? contentType = "application/ld+json", string? contextUrl = null, string? profile = null)
    {
        ArgumentNullException.ThrowIfNull(documentUrl);
        DocumentUrl = documentUrl;
        Content = content;
        ContentType = contentType;
        ContextUrl = contextUrl;
        Profile = profile;
    }

    /// <summary>The final URL of the document (after redirects).</summary>
    public string DocumentUrl { get; }

    /// <summary>The document's bytes (UTF-8 JSON).</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>The media type, without parameters.</summary>
    public string? ContentType { get; }

    /// <summary>The URL of a context from an HTTP Link header (rel=http://www.w3.org/ns/json-ld#context), or null.</summary>
    public string? ContextUrl { get; }

    /// <summary>The profile parameter of the content type, or null.</summary>
    public string? Profile { get; }

    /// <summary>The parsed JSON tree, when the loader caches it (shared: never mutated).</summary>
    internal object? Parsed { get; init; }

    internal bool IsParsed { get; init; }
}
