using System.Collections.Concurrent;
using Tradeproof.Dids.Http;

namespace Tradeproof.Dids;

/// <summary>
/// The did:web resolver: DID to URL, then the guarded fetch (<see cref="GuardedHttpFetcher"/>: address checks before
/// the request and at connect time, no redirects, a size cap, a timeout), a TTL cache, and the rule that the
/// document's id equals the DID. Every failure is a result with an error code.
/// </summary>
public sealed class DidWebResolver : IDidMethodResolver, IDisposable
{
    private static readonly string[] AcceptedMediaTypes = [DidMediaTypes.DidJson, "application/json"];
    private readonly DidWebOptions _options;
    private readonly GuardedHttpFetcher _fetcher;
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);

    public DidWebResolver(DidWebOptions? options = null)
    {
        _options = options ?? DidWebOptions.Default;
        _fetcher = new GuardedHttpFetcher(_options.ToFetchOptions());
    }

    /// <inheritdoc />
    public string Method => "web";

    /// <inheritdoc />
    public async ValueTask<DidResolutionResult> ResolveAsync(Did did, DidResolutionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(did);
        ArgumentNullException.ThrowIfNull(options);
        if (!DidMediaTypes.TrySelect(options.Accept, out var contentType))
        {
            return DidResolutionResult.Failure(DidErrorCodes.RepresentationNotSupported, $"The representation '{options.Accept}' is not supported.");
        }

        // Read step 1-5: the URL (syntax errors, IP literals and odd hosts are invalidDid).
        if (!DidWeb.TryGetUrl(did, _options.AllowHttpForLocalhost && _options.AllowLoopback, out var url, out var error))
        {
            return DidResolutionResult.Failure(DidErrorCodes.InvalidDid, error);
        }

        var key = did.ToString();
        var now = _options.TimeProvider.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return DidResolutionResult.Success(cached.Document, contentType);
        }

        var fetched = await _fetcher.FetchAsync(url, AcceptedMediaTypes, cancellationToken).ConfigureAwait(false);
        if (!fetched.IsSuccess)
        {
            return DidResolutionResult.Failure(ErrorCodeOf(fetched), "did:web: " + fetched.Message);
        }

        DidDocument document;
        try
        {
            document = DidDocument.Parse(fetched.Body);
        }
        catch (DidDocumentException e)
        {
            return DidResolutionResult.Failure(DidErrorCodes.InternalError, "The did:web document is not a valid DID document: " + e.Message);
        }

        // The document must describe this DID and no other.
        if (!string.Equals(document.Id, key, StringComparison.Ordinal))
        {
            return DidResolutionResult.Failure(DidErrorCodes.NotFound, "The did:web document's id is not the DID that was resolved.");
        }

        if (_options.CacheTimeToLive > TimeSpan.Zero)
        {
            if (_cache.Count >= _options.CacheCapacity)
            {
                _cache.Clear();
            }

            _cache[key] = new CacheEntry(document, now + _options.CacheTimeToLive);
        }

        return DidResolutionResult.Success(document, contentType);
    }

    /// <summary>Drops the cached documents.</summary>
    public void ClearCache() => _cache.Clear();

    /// <inheritdoc />
    public void Dispose() => _fetcher.Dispose();

    /// <summary>
    /// DID Resolution error codes: no document there (404/410, a refused address or redirect) is notFound; a host that
    /// cannot be reached, a server or size problem is internalError, so a verifier says "could not check", not "invalid".
    /// </summary>
    private static string ErrorCodeOf(GuardedFetchResult fetched) => fetched.Failure switch
    {
        GuardedFetchFailure.UrlRefused => DidErrorCodes.InvalidDid,
        GuardedFetchFailure.AddressRefused or GuardedFetchFailure.Redirect => DidErrorCodes.NotFound,
        GuardedFetchFailure.HttpStatus when fetched.StatusCode is 404 or 410 => DidErrorCodes.NotFound,
        _ => DidErrorCodes.InternalError,
    };

    private sealed record CacheEntry(DidDocument Document, DateTimeOffset Expires);
}
