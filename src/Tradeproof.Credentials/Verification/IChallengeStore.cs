namespace Tradeproof.Credentials.Verification;

/// <summary>What happened when a challenge was presented for consumption.</summary>
public enum ChallengeConsumption
{
    /// <summary>The challenge was ours, unused and unexpired; it is now used.</summary>
    Consumed,

    /// <summary>We never issued it (or it was for another domain).</summary>
    Unknown,

    /// <summary>It was already used (a replay).</summary>
    AlreadyUsed,

    /// <summary>It expired.</summary>
    Expired,
}

/// <summary>
/// The challenges a verifier issued (security.md step 6). <see cref="TryConsumeAsync"/> must be atomic: of any
/// number of concurrent calls with the same challenge, at most one returns <see cref="ChallengeConsumption.Consumed"/>.
/// </summary>
public interface IChallengeStore
{
    /// <summary>Consumes <paramref name="challenge"/> (issued for <paramref name="domain"/>, when given), atomically.</summary>
    ValueTask<ChallengeConsumption> TryConsumeAsync(string challenge, string? domain, CancellationToken cancellationToken = default);
}
