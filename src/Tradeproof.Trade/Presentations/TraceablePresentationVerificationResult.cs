using Tradeproof.Credentials;
using Tradeproof.Credentials.Verification;

namespace Tradeproof.Trade.Presentations;

/// <summary>The outcome of verifying a traceable presentation: the verifier's result, the traceable rules, and each credential's outcome.</summary>
public sealed record TraceablePresentationVerificationResult
{
    /// <summary>The full result of the credential verifier (every named check, the receipt, the embedded credentials' results).</summary>
    public required VerificationResult Verification { get; init; }

    /// <summary>The presentation, when it could be read as a traceable presentation (even if a check failed).</summary>
    public TraceablePresentation? Presentation { get; init; }

    /// <summary>
    /// The presentation's own problems: those of every check but the embedded credentials' (data model, proof,
    /// challenge and domain, holder binding, ...) and the traceable rules (<see cref="TraceablePresentation.TryParse"/>).
    /// </summary>
    public required IReadOnlyList<Problem> Problems { get; init; }

    /// <summary>One outcome per embedded credential the verifier reached, in order (none when the presentation failed before them).</summary>
    public IReadOnlyList<CredentialVerification> Credentials { get; init; } = [];

    /// <summary>True when the verifier found the presentation and every credential valid and the traceable rules hold.</summary>
    public bool Verified => Verification.Verified && Presentation is not null && Problems.Count == 0 && Credentials.All(c => c.Verified);
}

/// <summary>The outcome of verifying one embedded credential.</summary>
/// <param name="Index">Its position in <c>verifiableCredential</c>.</param>
/// <param name="Id">Its id, when read.</param>
/// <param name="Issuer">Its issuer, when read.</param>
/// <param name="Outcome">Valid, invalid, or indeterminate (something could not be checked).</param>
/// <param name="Problems">What was wrong.</param>
public sealed record CredentialVerification(int Index, string? Id, string? Issuer, VerificationOutcome Outcome, IReadOnlyList<Problem> Problems)
{
    /// <summary>True when the credential is valid.</summary>
    public bool Verified => Outcome == VerificationOutcome.Valid;
}
