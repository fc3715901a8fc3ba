namespace Tradeproof.Storage;

/// <summary>Outcome of consuming a challenge.</summary>
public enum ChallengeOutcome
{
    /// <summary>The challenge was valid and is now consumed (no one else will get this outcome for it).</summary>
    Consumed,

    /// <summary>No such challenge for the tenant.</summary>
    Unknown,

    /// <summary>The challenge expired before it was used.</summary>
    Expired,

    /// <summary>The challenge was consumed before (a replay).</summary>
    AlreadyConsumed,

    /// <summary>The challenge was issued for another domain than the one presented (nothing consumed).</summary>
    DomainMismatch,
}

/// <summary>
/// Challenges (nonces) for presentations (VC-API "challenges for presentations"): issued with an expiry, consumed
/// atomically at most once by a conditional update.
/// </summary>
public interface IChallengeStore
{
    /// <summary>Stores an issued challenge valid until <paramref name="expiresAt"/>; false when the value exists already.</summary>
    ValueTask<bool> IssueAsync(string tenantId, string challenge, DateTimeOffset expiresAt, string? domain = null, CancellationToken cancellationToken = default);

    /// <summary>Consumes the challenge if it is known, unexpired and unused; at most one caller ever gets <see cref="ChallengeOutcome.Consumed"/>.</summary>
    ValueTask<ChallengeOutcome> ConsumeAsync(string tenantId, string challenge, CancellationToken cancellationToken = default);

    /// <summary>
    /// Consumes the challenge together with the domain it is presented for: a challenge issued for a domain is consumed
    /// only when <paramref name="domain"/> is that domain (otherwise <see cref="ChallengeOutcome.DomainMismatch"/>,
    /// nothing consumed); one issued without a domain fits any. At most one caller ever gets <see cref="ChallengeOutcome.Consumed"/>.
    /// </summary>
    ValueTask<ChallengeOutcome> ConsumeAsync(string tenantId, string challenge, string? domain, CancellationToken cancellationToken = default);

    /// <summary>Deletes challenges that expired before <paramref name="before"/>; returns how many.</summary>
    ValueTask<int> PurgeExpiredAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken = default);
}
