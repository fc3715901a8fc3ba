using System.Text.Json;

namespace Tradeproof.Credentials.Verification;

/// <summary>
/// What the verifier found (a value, never an exception for a bad input): the outcome, every check run in order
/// with its outcome, every problem (VC Data Model 2.0 / Data Integrity / Bitstring Status List types), the parsed
/// credential or presentation, per-credential results for presentations, and the receipt.
/// </summary>
public sealed class VerificationResult
{
    /// <summary>The verdict.</summary>
    public required VerificationOutcome Outcome { get; init; }

    /// <summary>True only when <see cref="Outcome"/> is <see cref="VerificationOutcome.Valid"/>.</summary>
    public bool Verified => Outcome == VerificationOutcome.Valid;

    /// <summary>The detected format.</summary>
    public required CredentialFormat Format { get; init; }

    /// <summary>Every check of the pipeline, in order, with its outcome.</summary>
    public required IReadOnlyList<CheckResult> Checks { get; init; }

    /// <summary>Every problem of every failed or indeterminate check, in check order.</summary>
    public IReadOnlyList<Problem> Problems => Checks.SelectMany(c => c.Problems).ToList();

    /// <summary>The credential, when the input is a credential that passed the data-model check (for a VC-JWT, its payload).</summary>
    public VerifiableCredential? Credential { get; init; }

    /// <summary>The presentation, when the input is a presentation that passed the data-model check.</summary>
    public VerifiablePresentation? Presentation { get; init; }

    /// <summary>
    /// The claims as verified: the credential or presentation JSON, or for an SD-JWT VC the processed payload
    /// (disclosures applied) once its signature verified.
    /// </summary>
    public JsonElement? Claims { get; init; }

    /// <summary>The issuer (credentials) or holder (presentations), when read.</summary>
    public string? Party { get; init; }

    /// <summary>For presentations: one result per credential inside, in order (empty when the presentation's own checks failed first).</summary>
    public IReadOnlyList<VerificationResult> Credentials { get; init; } = [];

    /// <summary>The receipt (always present).</summary>
    public required VerificationReceipt Receipt { get; init; }

    /// <summary>The record of the check named <paramref name="name"/> (see <see cref="CheckNames"/>), or null when it did not run.</summary>
    public CheckResult? Check(string name) => Checks.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
