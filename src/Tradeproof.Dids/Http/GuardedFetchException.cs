namespace Tradeproof.Dids.Http;

/// <summary>A guarded fetch failed (from <see cref="GuardedFetchResult.EnsureSuccess"/>); <see cref="Result"/> says why.</summary>
public sealed class GuardedFetchException : IOException
{
    /// <summary>Creates the exception for a failed result.</summary>
    public GuardedFetchException(GuardedFetchResult result)
        : base((result ?? throw new ArgumentNullException(nameof(result))).Message)
    {
        Result = result;
    }

    /// <summary>The failed result.</summary>
    public GuardedFetchResult Result { get; }

    /// <summary>Why the fetch failed.</summary>
    public GuardedFetchFailure Failure => Result.Failure;
}
