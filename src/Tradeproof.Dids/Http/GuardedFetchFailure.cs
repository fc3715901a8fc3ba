namespace Tradeproof.Dids.Http;

/// <summary>Why <see cref="GuardedHttpFetcher"/> returned no body.</summary>
public enum GuardedFetchFailure
{
    /// <summary>No failure: the body was fetched.</summary>
    None,

    /// <summary>The URL is not absolute, uses a scheme that is not allowed, or names an IP literal.</summary>
    UrlRefused,

    /// <summary>The host resolves (before the request or at connect time) to an address that is not public.</summary>
    AddressRefused,

    /// <summary>The host has no address or could not be reached.</summary>
    Unreachable,

    /// <summary>The server answered with a redirect (3xx); redirects are never followed.</summary>
    Redirect,

    /// <summary>The server answered with a status other than 2xx or 3xx (see <see cref="GuardedFetchResult.StatusCode"/>).</summary>
    HttpStatus,

    /// <summary>The body is larger than <see cref="GuardedFetchOptions.MaxResponseBytes"/>.</summary>
    TooLarge,

    /// <summary>DNS, connection or response did not complete within <see cref="GuardedFetchOptions.Timeout"/>.</summary>
    Timeout,
}
