using Tradeproof.Dids.Http;

namespace Tradeproof.Credentials.StatusLists;

/// <summary>
/// Fetches status list credentials over the network through <see cref="GuardedHttpFetcher"/> (HTTPS, public
/// addresses only, no redirects, size cap, timeout). Caching honouring <c>ttl</c> (Bitstring Status List §3.2) is done
/// by <see cref="BitstringStatusListChecker"/>, not here. A failed fetch throws <see cref="GuardedFetchException"/>
/// (an <see cref="IOException"/>), which the checker reports as <c>STATUS_RETRIEVAL_ERROR</c>.
/// </summary>
public sealed class GuardedStatusListProvider : IStatusListProvider, IDisposable
{
    /// <summary>The media types a status list credential is served as (VC Data Model 2.0 §6.3), most preferred first.</summary>
    private static readonly string[] AcceptedMediaTypes = ["application/vc", "application/vc+jwt", "application/ld+json", "application/json"];

    private readonly GuardedHttpFetcher _fetcher;
    private readonly bool _ownsFetcher;

    /// <summary>A provider with its own fetcher: <see cref="DefaultOptions"/> unless <paramref name="options"/> is given.</summary>
    public GuardedStatusListProvider(GuardedFetchOptions? options = null)
        : this(new GuardedHttpFetcher(options ?? DefaultOptions), ownsFetcher: true)
    {
    }

    /// <summary>A provider over a shared fetcher (not disposed by this provider).</summary>
    public GuardedStatusListProvider(GuardedHttpFetcher fetcher)
        : this(fetcher ?? throw new ArgumentNullException(nameof(fetcher)), ownsFetcher: false)
    {
    }

    private GuardedStatusListProvider(GuardedHttpFetcher fetcher, bool ownsFetcher)
    {
        _fetcher = fetcher;
        _ownsFetcher = ownsFetcher;
    }

    /// <summary>The defaults for status lists: HTTPS, public addresses, 5 s, and 2 MiB (the checker's <see cref="StatusCheckOptions.MaxCredentialBytes"/>).</summary>
    public static GuardedFetchOptions DefaultOptions { get; } = new() { MaxResponseBytes = 2 << 20 };

    /// <inheritdoc />
    /// <exception cref="GuardedFetchException">The URL was refused or the fetch failed (see <see cref="GuardedFetchException.Failure"/>).</exception>
    public async ValueTask<ReadOnlyMemory<byte>> FetchAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new GuardedFetchException(new GuardedFetchResult
            {
                Url = new Uri("about:blank"),
                Failure = GuardedFetchFailure.UrlRefused,
                Message = $"'{url}' is not an absolute URL.",
            });
        }

        var result = await _fetcher.FetchAsync(uri, AcceptedMediaTypes, cancellationToken).ConfigureAwait(false);
        return result.EnsureSuccess();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsFetcher)
        {
            _fetcher.Dispose();
        }
    }
}
