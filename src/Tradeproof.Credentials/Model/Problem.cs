namespace Tradeproof.Credentials;

/// <summary>
/// One reason a credential, presentation or proof is not valid (VC Data Model 2.0 §7.1 "Problem Details",
/// RFC 9457 shape): <see cref="Type"/> is one of <see cref="ProblemTypes"/>, <see cref="Title"/> a short
/// stable summary, <see cref="Detail"/> what exactly was found. Problems are values, never exceptions.
/// </summary>
/// <param name="Type">The problem type URI (see <see cref="ProblemTypes"/>).</param>
/// <param name="Title">A short, stable title.</param>
/// <param name="Detail">What exactly was wrong (never contains secret material).</param>
public sealed record Problem(string Type, string Title, string? Detail = null)
{
    /// <summary>The error code the specs attach to <see cref="Type"/> (e.g. -17), or 0 when none.</summary>
    public int Code => ProblemTypes.CodeOf(Type);

    /// <inheritdoc />
    public override string ToString() => Detail is null ? $"{Type}: {Title}" : $"{Type}: {Title} ({Detail})";
}

/// <summary>
/// The problem type URIs: VC Data Model 2.0 §7.1 (<c>https://www.w3.org/ns/credentials#...</c>) and
/// VC Data Integrity 1.0 §4.7 "Processing Errors" (<c>https://w3id.org/security#...</c>, where that spec
/// requires its types to live).
/// </summary>
public static class ProblemTypes
{
    /// <summary>VC DM 2.0: the input could not be parsed (code -64).</summary>
    public const string ParsingError = "https://www.w3.org/ns/credentials#PARSING_ERROR";

    /// <summary>VC DM 2.0: a cryptographic security mechanism failed (code -65).</summary>
    public const string CryptographicSecurityError = "https://www.w3.org/ns/credentials#CRYPTOGRAPHIC_SECURITY_ERROR";

    /// <summary>VC DM 2.0: a value does not follow the data model (code -66).</summary>
    public const string MalformedValueError = "https://www.w3.org/ns/credentials#MALFORMED_VALUE_ERROR";

    /// <summary>VC DM 2.0: a value is out of range, e.g. a date outside the validity period (code -67).</summary>
    public const string RangeError = "https://www.w3.org/ns/credentials#RANGE_ERROR";

    /// <summary>Data Integrity: a proof could not be generated (code -16).</summary>
    public const string ProofGenerationError = "https://w3id.org/security#PROOF_GENERATION_ERROR";

    /// <summary>Data Integrity: a proof did not verify or is malformed (code -17).</summary>
    public const string ProofVerificationError = "https://w3id.org/security#PROOF_VERIFICATION_ERROR";

    /// <summary>Data Integrity: the transformation (JSON-LD, RDFC, JCS) failed (code -18).</summary>
    public const string ProofTransformationError = "https://w3id.org/security#PROOF_TRANSFORMATION_ERROR";

    /// <summary>Data Integrity: the proof's domain is not the expected one (code -19).</summary>
    public const string InvalidDomainError = "https://w3id.org/security#INVALID_DOMAIN_ERROR";

    /// <summary>Data Integrity: the proof's challenge is not the expected one (code -20).</summary>
    public const string InvalidChallengeError = "https://w3id.org/security#INVALID_CHALLENGE_ERROR";

    /// <summary>The spec's numeric code of a type, 0 when it has none.</summary>
    public static int CodeOf(string type) => type switch
    {
        ProofGenerationError => -16,
        ProofVerificationError => -17,
        ProofTransformationError => -18,
        InvalidDomainError => -19,
        InvalidChallengeError => -20,
        ParsingError => -64,
        CryptographicSecurityError => -65,
        MalformedValueError => -66,
        RangeError => -67,
        _ => 0,
    };
}
