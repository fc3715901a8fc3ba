namespace Tradeproof.Credentials.Verification;

/// <summary>
/// Step 10, proof sets and chains (VC Data Integrity 1.0 §4.5): with more than one proof, every proof verified
/// (checked in step 9) and every <c>previousProof</c> names another proof of the document.
/// </summary>
internal static class ProofSetChainCheck
{
    public static ValueTask<CheckResult> RunAsync(VerificationContext c, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (c.Jws is not null)
        {
            return ValueTask.FromResult(CheckResult.NotApplicable(CheckNames.ProofSetChain, "one JWS signature"));
        }

        var chained = c.Proofs.Any(p => p.PreviousProof.Count > 0);
        if (c.Proofs.Count < 2 && !chained)
        {
            return ValueTask.FromResult(CheckResult.NotApplicable(CheckNames.ProofSetChain, "a single proof"));
        }

        var problems = c.ProofResults?.Problems.Where(p => p.Title == TransformAndVerifyCheck.UnknownPreviousProof).ToList() ?? [];
        return ValueTask.FromResult(problems.Count > 0
            ? CheckResult.Fail(CheckNames.ProofSetChain, problems)
            : CheckResult.Pass(CheckNames.ProofSetChain, chained ? $"a chain of {c.Proofs.Count} proofs" : $"a set of {c.Proofs.Count} proofs"));
    }
}
