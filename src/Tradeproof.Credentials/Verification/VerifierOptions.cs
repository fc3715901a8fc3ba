using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;
using Tradeproof.Credentials.StatusLists;

namespace Tradeproof.Credentials.Verification;

/// <summary>
/// The configuration of a <see cref="CredentialVerifier"/>, fixed for its lifetime. The defaults are secure: local
/// DIDs only (did:key, did:jwk; add did:web through a resolver built with the guarded client), every suite of the
/// registry, the four JOSE algorithms, 5 minutes of clock skew, presentations must carry a proof and the challenge
/// we issued, SD-JWT key binding required, status lists only from a configured source.
/// </summary>
public sealed record VerifierOptions
{
    /// <summary>The clock (validity periods, proof times, status list validity, the receipt).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Tolerance on every time comparison (default 5 minutes).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Resolves verification methods (default <see cref="DidVerificationMethodResolver.Local"/>: did:key and did:jwk, no network).</summary>
    public IVerificationMethodResolver Resolver { get; init; } = DidVerificationMethodResolver.Local;

    /// <summary>The DID methods a verification method may use (default key, jwk, web).</summary>
    public IReadOnlySet<string> AllowedDidMethods { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "key", "jwk", "web" };

    /// <summary>The suites (default <see cref="CryptosuiteRegistry.CreateDefault"/>).</summary>
    public CryptosuiteRegistry? Registry { get; init; }

    /// <summary>The JSON-LD / RDFC / JCS transformations (default <see cref="ProofTransforms.Default"/>: safe mode, embedded contexts).</summary>
    public ProofTransforms? Transforms { get; init; }

    /// <summary>When set, only these suites (<see cref="ICryptosuite.Name"/>: cryptosuite names or legacy proof types) are accepted.</summary>
    public IReadOnlySet<string>? AllowedCryptosuites { get; init; }

    /// <summary>JWS algorithms accepted for VC-JWT, VP-JWT and SD-JWT (default ES256, ES384, EdDSA, ES256K; never <c>none</c>).</summary>
    public IReadOnlyList<string> AllowedJoseAlgorithms { get; init; } = JwsAlgorithms.All;

    /// <summary>Data-model rules: versions, strict JSON limits, the allowlist of context URLs after the base one.</summary>
    public DataModelOptions DataModel { get; init; } = DataModelOptions.Default;

    /// <summary>
    /// When set, a document's <c>@context</c> must be exactly one of these sequences of URLs (security.md step 3: an
    /// exact allowlisted sequence; a reordered or extended list fails).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>>? AllowedContextSequences { get; init; }

    /// <summary>The proof purpose of credentials (default <c>assertionMethod</c>).</summary>
    public string CredentialProofPurpose { get; init; } = ProofPurposes.AssertionMethod;

    /// <summary>The proof purpose of presentations (default <c>authentication</c>).</summary>
    public string PresentationProofPurpose { get; init; } = ProofPurposes.Authentication;

    /// <summary>A presentation must carry the challenge of the request (default true; without a request challenge it fails).</summary>
    public bool RequirePresentationChallenge { get; init; } = true;

    /// <summary>Our domains: a presentation's <c>domain</c>/<c>aud</c> must name one (when set, or when the request names one).</summary>
    public IReadOnlyList<string>? Domains { get; init; }

    /// <summary>Consumes challenges atomically (replay protection). Without it the challenge is only compared with the request's.</summary>
    public IChallengeStore? ChallengeStore { get; init; }

    /// <summary>An SD-JWT VC must carry a key binding JWT (default true).</summary>
    public bool RequireSdJwtKeyBinding { get; init; } = true;

    /// <summary>Where status list credentials come from. Without it, a credential with a status is "could not check".</summary>
    public IStatusListProvider? StatusListProvider { get; init; }

    /// <summary>Size and decompression caps of status lists.</summary>
    public StatusListLimits StatusListLimits { get; init; } = StatusListLimits.Default;

    /// <summary>May this issuer issue these types (the trade layer's trust registry)? Without it, only the key binding is checked.</summary>
    public IIssuerTrustPolicy? IssuerTrustPolicy { get; init; }

    /// <summary>Business rules run on every credential that passed the earlier checks, in order.</summary>
    public IReadOnlyList<ICredentialBusinessCheck> BusinessChecks { get; init; } = [];

    /// <summary>The most credentials a presentation may hold (default 100).</summary>
    public int MaxCredentialsPerPresentation { get; init; } = 100;

    /// <summary>The longest compact JWS / SD-JWT accepted, in characters (default 1 MiB).</summary>
    public int MaxTokenLength { get; init; } = 1 << 20;
}
