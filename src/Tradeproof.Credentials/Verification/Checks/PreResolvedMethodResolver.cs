using Tradeproof.Credentials.DataIntegrity;

namespace Tradeproof.Credentials.Verification;

/// <summary>Hands the engine the methods step 7 already resolved (no second did:web fetch); anything else goes to the configured resolver.</summary>
internal sealed class PreResolvedMethodResolver(IReadOnlyDictionary<string, ResolvedVerificationMethod> resolved, IVerificationMethodResolver fallback) : IVerificationMethodResolver
{
    public ValueTask<VerificationMethodResolution> ResolveAsync(string verificationMethod, string proofPurpose, CancellationToken cancellationToken = default) =>
        resolved.TryGetValue(verificationMethod, out var method)
            ? ValueTask.FromResult(VerificationMethodResolution.Success(method))
            : fallback.ResolveAsync(verificationMethod, proofPurpose, cancellationToken);
}
