using Tradeproof.Credentials.Verification;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>The verifier's challenge hook over the store's per-tenant challenges (consumed atomically, once).</summary>
/// <remarks>
/// Inside <see cref="Defer"/> (the submission endpoints) the challenge is only noted, and the caller consumes it in
/// the unit of work that stores the submission: one durable commit instead of two, and a submission that fails after
/// verification spends nothing. The caller must then treat any outcome but <see cref="ChallengeOutcome.Consumed"/> as
/// "verify again without deferring" (which consumes, or refuses with the verifier's own problem).
/// </remarks>
internal sealed class StoreChallengeAdapter(ITradeproofStore store, string tenantId) : Credentials.Verification.IChallengeStore
{
    private static readonly AsyncLocal<DeferredChallenge?> Deferred = new();

    /// <summary>Until disposed, challenges met by verifiers on this async flow are noted in <paramref name="into"/>, not consumed.</summary>
    public static IDisposable Defer(DeferredChallenge into)
    {
        Deferred.Value = into;
        return new Scope();
    }

    public async ValueTask<ChallengeConsumption> TryConsumeAsync(string challenge, string? domain, CancellationToken cancellationToken = default)
    {
        if (Deferred.Value is { } deferred && deferred.Challenge is null)
        {
            (deferred.TenantId, deferred.Challenge, deferred.Domain) = (tenantId, challenge, domain);
            return ChallengeConsumption.Consumed;
        }

        // The challenge and the domain it is presented for are checked together (a challenge issued for a domain is
        // unknown for any other); a mismatch consumes nothing.
        var outcome = await store.Challenges.ConsumeAsync(tenantId, challenge, domain, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            ChallengeOutcome.Consumed => ChallengeConsumption.Consumed,
            ChallengeOutcome.Expired => ChallengeConsumption.Expired,
            ChallengeOutcome.AlreadyConsumed => ChallengeConsumption.AlreadyUsed,
            _ => ChallengeConsumption.Unknown,
        };
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() => Deferred.Value = null;
    }
}

/// <summary>A challenge a verifier met under <see cref="StoreChallengeAdapter.Defer"/>, to consume in the caller's unit of work.</summary>
internal sealed class DeferredChallenge
{
    public string? TenantId { get; set; }

    public string? Challenge { get; set; }

    public string? Domain { get; set; }

    /// <summary>Consumes the noted challenge in <paramref name="unit"/>; true when there was none or it was consumed now.</summary>
    public async ValueTask<bool> ConsumeAsync(IStoreRepositories unit, CancellationToken cancellationToken) =>
        Challenge is null || await unit.Challenges.ConsumeAsync(TenantId!, Challenge, Domain, cancellationToken).ConfigureAwait(false) == ChallengeOutcome.Consumed;
}
