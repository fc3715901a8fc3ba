namespace Tradeproof.Credentials.DataIntegrity.EcdsaSd;

/// <summary>
/// An ecdsa-sd-2023 processing error, carrying the VC Data Integrity error code
/// (<c>PROOF_GENERATION_ERROR</c>, <c>PROOF_VERIFICATION_ERROR</c> or <c>PROOF_TRANSFORMATION_ERROR</c>):
/// a JSON pointer that selects nothing, a malformed proof value, a base proof where a derived one is expected.
/// </summary>
public sealed class EcdsaSdException : Exception
{
    /// <summary>The code of proof creation errors.</summary>
    public const string ProofGenerationError = "PROOF_GENERATION_ERROR";

    /// <summary>The code of proof verification errors.</summary>
    public const string ProofVerificationError = "PROOF_VERIFICATION_ERROR";

    /// <summary>The code of transformation errors.</summary>
    public const string ProofTransformationError = "PROOF_TRANSFORMATION_ERROR";

    public EcdsaSdException()
        : this(ProofGenerationError, "ecdsa-sd-2023 processing failed.")
    {
    }

    public EcdsaSdException(string message)
        : this(ProofGenerationError, message)
    {
    }

    public EcdsaSdException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ProofGenerationError;
    }

    public EcdsaSdException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public EcdsaSdException(string code, string message, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>The Data Integrity error code.</summary>
    public string Code { get; }
}
