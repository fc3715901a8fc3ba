using Tradeproof.Credentials.DataIntegrity;

namespace Tradeproof.Trade.Presentations;

/// <summary>How <see cref="TraceablePresentationSigner"/> signs a traceable presentation.</summary>
public sealed record PresentationSigningOptions
{
    /// <summary>The holder's verification method (a DID URL of the holder's DID); the JWS <c>kid</c> for VP-JWT.</summary>
    public required string VerificationMethod { get; init; }

    /// <summary>The Data Integrity cryptosuite (default <c>eddsa-rdfc-2022</c>); ignored for VP-JWT.</summary>
    public string Cryptosuite { get; init; } = "eddsa-rdfc-2022";

    /// <summary>The challenge the receiving node issued (Data Integrity <c>challenge</c>; VP-JWT <c>nonce</c>).</summary>
    public string? Challenge { get; init; }

    /// <summary>The receiving node's domain (Data Integrity <c>domain</c>; VP-JWT <c>aud</c>).</summary>
    public string? Domain { get; init; }

    /// <summary>The proof's <c>created</c>; null for the engine's clock.</summary>
    public DateTimeOffset? Created { get; init; }

    internal ProofOptions ToProofOptions() => new()
    {
        Cryptosuite = Cryptosuite,
        VerificationMethod = VerificationMethod,
        ProofPurpose = ProofPurposes.Authentication,
        Challenge = Challenge,
        Domain = Domain is null ? null : [Domain],
        Created = Created,
    };
}
