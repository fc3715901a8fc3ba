using Tradeproof.Credentials;

namespace Tradeproof.Trade.Presentations;

/// <summary>The outcome of verifying a traceable presentation: its own problems and each credential's.</summary>
public sealed record TraceablePresentationVerificationResult
{
    /// <summary>The presentation, when it could be read (even if a proof failed).</summary>
    public TraceablePresentation? Presentation { get; init; }

    /// <summary>The presentation's problems: data model, traceable rules, proof, holder binding, challenge and domain.</summary>
    public required IReadOnlyList<Problem> Problems { get; init; }

    /// <summary>One result per embedded credential, in order.</summary>
    public IReadOnlyList<CredentialVerification> Credentials { get; init; } = [];

    /// <summary>True when the presentation was read, has no problem, and every credential verified.</summary>
    public bool Verified => Presentation is not null && Problems.Count == 0 && Credentials.All(c => c.Verified);
}

/// <summary>The outcome of verifying one embedded credential.</summary>
/// <param name="Index">Its position in <c>verifiableCredential</c>.</param>
/// <param name="Id">Its id, when read.</param>
/// <param name="Issuer">Its issuer, when read.</param>
/// <param name="Problems">What was wrong (data model, validity period, proof or signature, issuer binding).</param>
public sealed record CredentialVerification(int Index, string? Id, string? Issuer, IReadOnlyList<Problem> Problems)
{
    /// <summary>True when the credential verified.</summary>
    public bool Verified => Problems.Count == 0;
}
