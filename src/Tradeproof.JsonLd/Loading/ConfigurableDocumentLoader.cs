using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Tradeproof.JsonLd.Json;

namespace Tradeproof.JsonLd.Loading;

/// <summary>
/// An operator-configured loader: embedded documents first, then URLs on an allow-list fetched
/// with an injected <see cref="HttpClient"/> (never used by default), each fetched document cached
/// for the loader's lifetime. A URL that is neither embedded nor allowed fails at once with
/// <c>loading document failed</c>. Responses larger than <see cref="MaxResponseBytes"/> fail. Media types and
/// Link headers are handled as JSON-LD 1.1 API §9.4.1 says (<see cref="HttpResponseInterpretation"/>).
/// </summary>
public sealed class ConfigurableDocumentLoader : IDocumentLoader
{
    private readonly HttpClient? _http;
    private readonly HashSet<string> _allowed;
    private readonly IDocumentLoader _embedded;
    private readonly ConcurrentDictionary<string, RemoteDocument> _cache = new(StringComparer.Ordinal);

    /// <param name="allowedUrls">Exact URLs that may be fetched.</param>
    /// <param name="httpClient">The client used for allowed URLs; null to serve embedded documents only.</param>
    /// <param name="embedded">The embedded loader consulted first (default <see cref="EmbeddedDocumentLoader.Instance"/>).</param>
    public ConfigurableDocumentLoader(IEnumerable<string> allowedUrls, HttpClient? httpClient = null, IDocumentLoader? embedded = null)
    {
        ArgumentNullException.ThrowIfNull(allowedUrls);
        _allowed = new HashSet<string>(allowedUrls, StringComparer.Ordinal);
        _http = httpClient;
        _embedded = embedded ?? EmbeddedDocumentLoader.Instance;
    }

    /// <summary>Maximum size of a fetched document (default 1 MiB).</summary>
    public int MaxResponseBytes { get; init; } = 1 << 20;

    /// <summary>Maximum time of one fetch (default 5 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public RemoteDocument LoadDocument(string url, LoadDocumentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_cache.TryGetValue(url, out var cached))
        {
            return cached;
        }

        try
        {
            return _embedded.LoadDocument(url, options);
        }
        catch (JsonLdException) when (_allowed.Contains(url) && _http is not null)
        {
            var fetched = Fetch(url);
            _cache.TryAdd(url, fetched);
            return fetched;
        }
    }

    private RemoteDocument Fetch(string url)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
            using var cts = new CancellationTokenSource(Timeout);
            using var response = _http!.Send(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"HTTP {(int)response.StatusCode} for {url}");
            }

            using var stream = response.Content.ReadAsStream(cts.Token);
            using var memory = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (memory.Length + read > MaxResponseBytes)
                {
                    throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, "response too large: " + url);
                }

                memory.Write(buffer, 0, read);
            }

            var bytes = memory.ToArray();
            var finalUrl = response.RequestMessage?.RequestUri?.OriginalString ?? url;
            var links = response.Headers.TryGetValues("Link", out var values) ? values.ToList() : [];
            var (document, alternate) = HttpResponseInterpretation.Interpret(finalUrl, response.Content.Headers.ContentType?.ToString(), links, bytes);
            if (document is null)
            {
                // A non-JSON response pointing to a JSON-LD alternate: followed only when that URL is allowed too.
                return _allowed.Contains(alternate!) ? Fetch(alternate!) : throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, "alternate not allowed: " + alternate);
            }

            return new RemoteDocument(document.DocumentUrl, bytes, document.ContentType, document.ContextUrl, document.Profile)
            {
                Parsed = JsonTree.Parse(bytes),
                IsParsed = true,
            };
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, url, e);
        }
    }
}
