using Tradeproof.Cryptography;

namespace Tradeproof.Credentials.DataIntegrity;

/// <summary>Options of a <see cref="DataIntegrityEngine"/>: its suites, clock, randomness and transformations.</summary>
public sealed record DataIntegrityEngineOptions
{
    /// <summary>The suites (default: <see cref="CryptosuiteRegistry.CreateDefault"/>).</summary>
    public CryptosuiteRegistry? Registry { get; init; }

    /// <summary>The clock (default <see cref="TimeProvider.System"/>): <c>created</c> of new proofs, expiry checks.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The random source handed to suites that need randomness.</summary>
    public IRandomSource Random { get; init; } = SystemRandomSource.Instance;

    /// <summary>The transformations (default: <see cref="ProofTransforms.Default"/>, safe mode, embedded contexts).</summary>
    public ProofTransforms? Transforms { get; init; }
}

/// <summary>Options of one verification (<see cref="DataIntegrityEngine.VerifyAsync(ReadOnlyMemory{byte}, ProofVerificationOptions, CancellationToken)"/>).</summary>
public sealed record ProofVerificationOptions
{
    /// <summary>Finds and checks the key of each proof (e.g. <see cref="DidVerificationMethodResolver.Local"/>).</summary>
    public required IVerificationMethodResolver Resolver { get; init; }

    /// <summary>The proof purpose every proof must have (default <see cref="ProofPurposes.AssertionMethod"/>).</summary>
    public string ExpectedProofPurpose { get; init; } = ProofPurposes.AssertionMethod;

    /// <summary>When set, every proof's <c>domain</c> must contain one of these (INVALID_DOMAIN_ERROR otherwise).</summary>
    public IReadOnlyList<string>? ExpectedDomain { get; init; }

    /// <summary>When set, every proof's <c>challenge</c> must equal it (INVALID_CHALLENGE_ERROR otherwise).</summary>
    public string? ExpectedChallenge { get; init; }

    /// <summary>When set, only these suite names (<see cref="ICryptosuite.Name"/>) are accepted.</summary>
    public IReadOnlyCollection<string>? AllowedCryptosuites { get; init; }

    /// <summary>Tolerance for <c>created</c> in the future and <c>expires</c> in the past (default 5 minutes).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A presentation: where the RDFC suites' toRdf of the document without <c>proof</c> keeps the expanded
    /// credentials of its <c>verifiableCredential</c> (<see cref="Tradeproof.JsonLd.EmbeddedDocuments"/>), for
    /// <see cref="Embedded"/> of each credential's own verification. Null: nothing kept.
    /// </summary>
    internal Tradeproof.JsonLd.EmbeddedDocuments? KeepEmbedded { get; init; }

    /// <summary>
    /// A credential inside a presentation: its expanded form kept by the presentation's verification, which stands
    /// for the toRdf of the credential without <c>proof</c> where it provably gives the same dataset. Null: none.
    /// </summary>
    internal EmbeddedDocument? Embedded { get; init; }
}

/// <summary>Value <paramref name="Index"/> of <paramref name="Documents"/>' member: an embedded credential's expansion kept by its presentation's toRdf.</summary>
internal sealed record EmbeddedDocument(Tradeproof.JsonLd.EmbeddedDocuments Documents, int Index);
