namespace Tradeproof.Storage;

/// <summary>Outcome kind of claiming an idempotency key.</summary>
public enum IdempotencyOutcome
{
    /// <summary>The key is new: perform the effect, then <see cref="IIdempotencyStore.CompleteAsync"/> in the same transaction.</summary>
    Claimed,

    /// <summary>The key was used with the same body and completed: answer with <see cref="IdempotencyClaim.Response"/>, do nothing.</summary>
    Replay,

    /// <summary>The key was used with the same body but its effect has not completed (claimed outside a transaction): answer 409, do nothing.</summary>
    InProgress,

    /// <summary>The key was used with a different body: answer 422, do nothing.</summary>
    Mismatch,
}

/// <summary>A stored response to replay.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="ContentType">The content type, if any.</param>
/// <param name="Body">The body bytes.</param>
public sealed record StoredResponse(int StatusCode, string? ContentType, ReadOnlyMemory<byte> Body);

/// <summary>The result of <see cref="IIdempotencyStore.ClaimAsync"/>.</summary>
public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, StoredResponse? Response = null);

/// <summary>
/// Idempotency keys. Exactly one effect per key: claim the key, perform the effect and complete the key in ONE unit
/// of work (<see cref="ITradeproofStore.BeginAsync"/>). A concurrent claim of the same key waits for the first
/// transaction: it then sees the stored response (or claims the key if the first rolled back).
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>Claims <paramref name="key"/> for a request whose body hashes to <paramref name="requestHash"/> (e.g. SHA-256).</summary>
    ValueTask<IdempotencyClaim> ClaimAsync(string tenantId, string key, ReadOnlyMemory<byte> requestHash, CancellationToken cancellationToken = default);

    /// <summary>Stores the response of a claimed key; false when the key is not claimed or is completed already.</summary>
    ValueTask<bool> CompleteAsync(string tenantId, string key, StoredResponse response, CancellationToken cancellationToken = default);

    /// <summary>Deletes keys created before <paramref name="before"/> (retention); returns how many.</summary>
    ValueTask<int> PurgeAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken = default);
}
