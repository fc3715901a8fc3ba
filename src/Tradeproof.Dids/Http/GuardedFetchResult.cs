namespace Tradeproof.Dids.Http;

/// <summary>
/// What <see cref="GuardedHttpFetcher.FetchAsync"/> got: the body with its content type and caching headers, or a
/// typed <see cref="GuardedFetchFailure"/> with a message.
/// </summary>
public sealed record GuardedFetchResult
{
    /// <summary>Why there is no body; <see cref="GuardedFetchFailure.None"/> on success.</summary>
    public GuardedFetchFailure Failure { get; init; }

    /// <summary>Whether the body was fetched.</summary>
    public bool IsSuccess => Failure == GuardedFetchFailure.None;

    /// <summary>The URL that was fetched.</summary>
    public required Uri Url { get; init; }

    /// <summary>The body (empty on failure).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The media type of the body (<c>Content-Type</c> without parameters), if the server sent one.</summary>
    public string? ContentType { get; init; }

    /// <summary>The HTTP status code, when the server answered.</summary>
    public int? StatusCode { get; init; }

    /// <summary><c>Cache-Control: max-age</c>, if sent.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>Whether <c>Cache-Control</c> says <c>no-store</c> or <c>no-cache</c>.</summary>
    public bool NoCache { get; init; }

    /// <summary>The <c>Expires</c> header, if sent.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The <c>ETag</c> header, if sent.</summary>
    public string? ETag { get; init; }

    /// <summary>The <c>Last-Modified</c> header, if sent.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>What went wrong (null on success).</summary>
    public string? Message { get; init; }

    /// <summary>The body, or a <see cref="GuardedFetchException"/> carrying this result.</summary>
    /// <exception cref="GuardedFetchException">The fetch failed.</exception>
    public ReadOnlyMemory<byte> EnsureSuccess() => IsSuccess ? Body : throw new GuardedFetchException(this);

    internal static GuardedFetchResult Fail(Uri url, GuardedFetchFailure failure, string message, int? status = null) =>
        new() { Url = url, Failure = failure, Message = message, StatusCode = status };
}
