using System.Text.Json;
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
    public ValueTask<IssuerTrustDecision> EvaluateAsync(string issuer, IReadOnlyList<string> types, CancellationToken cancellationToken = default) =>
        EvaluateAsync(issuer, types, default, cancellationToken);

    /// <summary>
    /// As the registry decides in the customs assessment (<see cref="TrustRegistry.Evaluate"/>): the issuer's country is
    /// the credential's <c>issuer.location.address.addressCountry</c> when it states one.
    /// </summary>
    public async ValueTask<IssuerTrustDecision> EvaluateAsync(string issuer, IReadOnlyList<string> types, JsonElement credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(types);
        var current = await registry(cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return IssuerTrustDecision.CouldNotCheck("This customs authority has no trust registry yet.");
        }

        var answer = current.Evaluate(issuer, types, Intake.CredentialFields.IssuerCountry(credential));
        return answer.Allowed ? IssuerTrustDecision.Trusted : IssuerTrustDecision.NotTrusted(answer.Reason);
    }
}
