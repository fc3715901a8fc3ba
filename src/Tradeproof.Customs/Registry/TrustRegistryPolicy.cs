using Tradeproof.Credentials.Verification;

namespace Tradeproof.Customs.Registry;

/// <summary>
/// The verifier's issuer trust hook (<see cref="IIssuerTrustPolicy"/>) over a trust registry: the registry is read
/// through <paramref name="registry"/> on each call (so an edit applies at once); no registry is "could not check".
/// </summary>
public sealed class TrustRegistryPolicy(Func<CancellationToken, ValueTask<TrustRegistry?>> registry) : IIssuerTrustPolicy
{
    /// <summary>A policy over a fixed registry.</summary>
    public TrustRegistryPolicy(TrustRegistry registry)
        : this(_ => ValueTask.FromResult<TrustRegistry?>(registry))
    {
    }

    /// <inheritdoc />
    public async ValueTask<IssuerTrustDecision> EvaluateAsync(string issuer, IReadOnlyList<string> types, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(types);
        var current = await registry(cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return IssuerTrustDecision.CouldNotCheck("This customs authority has no trust registry yet.");
        }

        var answer = current.Evaluate(issuer, types);
        return answer.Allowed ? IssuerTrustDecision.Trusted : IssuerTrustDecision.NotTrusted(answer.Reason);
    }
}
