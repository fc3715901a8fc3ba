namespace Tradeproof.Credentials.DataIntegrity;

/// <summary>The outcome of verifying one proof: verified, or the problems found (never an exception).</summary>
public sealed class ProofVerificationResult
{
    /// <summary>The proof (null when the proof object could not even be read).</summary>
    public DataIntegrityProof? Proof { get; init; }

    /// <summary>The verification method, when it was resolved.</summary>
    public ResolvedVerificationMethod? VerificationMethod { get; init; }

    /// <summary>What was wrong; empty when the proof verified.</summary>
    public IReadOnlyList<Problem> Problems { get; init; } = [];

    /// <summary>True when the proof verified.</summary>
    public bool Verified => Problems.Count == 0;
}

/// <summary>
/// The outcome of verifying a secured document (VC Data Integrity 1.0 §4.4 "Verify Proof", §4.5 for proof sets
/// and chains): every proof's result, and every problem (document-level ones and each proof's).
/// </summary>
public sealed class DataIntegrityVerificationResult
{
    /// <summary>One result per proof, in document order.</summary>
    public IReadOnlyList<ProofVerificationResult> Proofs { get; init; } = [];

    /// <summary>Every problem: the document's (unparseable JSON, no proof) then each proof's.</summary>
    public IReadOnlyList<Problem> Problems { get; init; } = [];

    /// <summary>True when there is at least one proof and every proof verified.</summary>
    public bool Verified => Problems.Count == 0 && Proofs.Count > 0;

    internal static DataIntegrityVerificationResult Failure(Problem problem) => new() { Problems = [problem] };
}
