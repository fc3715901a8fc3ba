using Tradeproof.Credentials.Verification;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>The verifier's challenge hook over the store's per-tenant challenges (consumed atomically, once).</summary>
internal sealed class StoreChallengeAdapter(ITradeproofStore store, string tenantId) : Credentials.Verification.IChallengeStore
{
    public async ValueTask<ChallengeConsumption> TryConsumeAsync(string challenge, string? domain, CancellationToken cancellationToken = default)
    {
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
}
