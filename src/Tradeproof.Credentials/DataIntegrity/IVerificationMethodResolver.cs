using Tradeproof.Cryptography;
using Tradeproof.Dids;

namespace Tradeproof.Credentials.DataIntegrity;

/// <summary>
/// Finds the public key behind a proof's <c>verificationMethod</c> and checks that the method may be used for
/// the proof's purpose (listed under the matching verification relationship).
/// </summary>
public interface IVerificationMethodResolver
{
    /// <summary>Resolves <paramref name="verificationMethod"/> for <paramref name="proofPurpose"/>; reports failure as a problem.</summary>
    ValueTask<VerificationMethodResolution> ResolveAsync(string verificationMethod, string proofPurpose, CancellationToken cancellationToken = default);
}

/// <summary>A resolved verification method: its id, type, controller and decoded public key.</summary>
public sealed record ResolvedVerificationMethod(string Id, string Type, string Controller, PublicKey PublicKey)
{
    /// <summary>The DID document the method was found in, when resolved through DIDs (the verifier reads the method's
    /// <c>revoked</c>/<c>expires</c> from it and hashes it into its receipt).</summary>
    public DidDocument? Document { get; init; }
}

/// <summary>The result of <see cref="IVerificationMethodResolver.ResolveAsync"/>: a method, or a problem.</summary>
public sealed record VerificationMethodResolution
{
    /// <summary>The method, when resolved.</summary>
    public ResolvedVerificationMethod? Method { get; init; }

    /// <summary>Why it was not, otherwise.</summary>
    public Problem? Problem { get; init; }

    /// <summary>True when the method could not be resolved for a reason outside the document (network, timeout,
    /// resolver failure): the verifier reports "could not check" rather than "invalid".</summary>
    public bool Unreachable { get; init; }

    /// <summary>A success.</summary>
    public static VerificationMethodResolution Success(ResolvedVerificationMethod method) => new() { Method = method };

    /// <summary>A failure with a <see cref="ProblemTypes.ProofVerificationError"/>.</summary>
    public static VerificationMethodResolution Failure(string detail) =>
        new() { Problem = new Problem(ProblemTypes.ProofVerificationError, "Verification method not usable", detail) };
}

/// <summary>
/// Resolves verification methods through DIDs (<see cref="DidResolver"/>: did:key locally, did:web through the
/// safe resolver): the DID URL must dereference to a method of that DID, listed under the relationship of the
/// purpose, with a key we can read and whose controller is named.
/// </summary>
/// <remarks>
/// Results for did:key and did:jwk, whose documents are derived from the DID itself and never change, are
/// memoised (at most <see cref="MaxCachedSelfCertifying"/> entries); other methods are resolved every time.
/// </remarks>
public sealed class DidVerificationMethodResolver : IVerificationMethodResolver
{
    /// <summary>The bound of the memo of did:key and did:jwk results.</summary>
    public const int MaxCachedSelfCertifying = 4096;

    private readonly DidResolver _resolver;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Method, string Purpose), VerificationMethodResolution> _selfCertifying = new();

    public DidVerificationMethodResolver(DidResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolver = resolver;
    }

    /// <summary>A resolver over did:key and did:jwk only (no network).</summary>
    public static DidVerificationMethodResolver Local { get; } = new(DidResolver.Create());

    /// <inheritdoc />
    public async ValueTask<VerificationMethodResolution> ResolveAsync(string verificationMethod, string proofPurpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verificationMethod);
        ArgumentNullException.ThrowIfNull(proofPurpose);
        var selfCertifying = verificationMethod.StartsWith("did:key:", StringComparison.Ordinal) || verificationMethod.StartsWith("did:jwk:", StringComparison.Ordinal);
        if (selfCertifying && _selfCertifying.TryGetValue((verificationMethod, proofPurpose), out var cached))
        {
            return cached;
        }

        var resolution = await ResolveUncachedAsync(verificationMethod, proofPurpose, cancellationToken).ConfigureAwait(false);
        if (selfCertifying && _selfCertifying.Count < MaxCachedSelfCertifying)
        {
            _selfCertifying.TryAdd((verificationMethod, proofPurpose), resolution);
        }

        return resolution;
    }

    private async ValueTask<VerificationMethodResolution> ResolveUncachedAsync(string verificationMethod, string proofPurpose, CancellationToken cancellationToken)
    {
        var relationship = ProofPurposes.RelationshipOf(proofPurpose);
        if (relationship is null)
        {
            return VerificationMethodResolution.Failure($"Unknown proof purpose '{proofPurpose}'.");
        }

        var result = await _resolver.ResolveVerificationMethodAsync(verificationMethod, relationship, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess || result.VerificationMethod is null || result.Document is null)
        {
            return VerificationMethodResolution.Failure($"{verificationMethod}: {result.Error} {result.ErrorMessage}".Trim()) with { Unreachable = IsUnreachable(result) };
        }

        var method = result.VerificationMethod;
        if (!method.TryGetPublicKey(out var key))
        {
            return VerificationMethodResolution.Failure($"{verificationMethod}: the method's public key cannot be read.");
        }

        var controller = result.Document.Absolute(method.Controller);
        return VerificationMethodResolution.Success(new ResolvedVerificationMethod(result.Document.Absolute(method.Id), method.Type, controller, key) { Document = result.Document });
    }

    /// <summary>A failure of the resolver or the network (timeouts, unreachable hosts), not of the document.</summary>
    private static bool IsUnreachable(DidDereferencingResult result) =>
        result.Error == DidErrorCodes.InternalError
        || (result.ErrorMessage?.StartsWith("The did:web host could not be", StringComparison.Ordinal) ?? false);
}
