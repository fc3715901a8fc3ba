using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;

namespace Tradeproof.Credentials.Verification;

/// <summary>
/// Step 5, time (security.md): the credential's <c>validFrom</c>/<c>validUntil</c> (VC DM 2.0 §4.9; 1.1
/// issuanceDate/expirationDate), each proof's <c>created</c> (not in the future) and <c>expires</c> (not past), and
/// the JWT <c>exp</c>/<c>nbf</c> (RFC 7519 §4.1.4-5), all widened by the clock skew.
/// </summary>
internal static class ValidityPeriodCheck
{
    public static ValueTask<CheckResult> RunAsync(VerificationContext c, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var problems = new List<Problem>();
        var skew = c.Options.ClockSkew;
        if (c.Credential is { } credential)
        {
            problems.AddRange(credential.CheckValidityPeriod(c.Now, skew));
        }

        foreach (var proof in c.Proofs)
        {
            if (proof.Created is { } created && created > c.Now + skew)
            {
                problems.Add(new Problem(ProblemTypes.ProofVerificationError, "Proof created in the future", $"created {DataIntegrityProof.FormatDateTime(created)}."));
            }

            if (proof.Expires is { } expires && expires < c.Now - skew)
            {
                problems.Add(new Problem(ProblemTypes.ProofVerificationError, "Proof expired", $"expires {DataIntegrityProof.FormatDateTime(expires)}."));
            }
        }

        if (c.Jws is not null)
        {
            if (JwtClaims.TryNumericDate(c.Document, "exp", problems, out var exp) && exp is { } e && c.Now - skew >= e)
            {
                problems.Add(new Problem(ProblemTypes.RangeError, "Expired", $"exp {e:O}."));
            }

            if (JwtClaims.TryNumericDate(c.Document, "nbf", problems, out var nbf) && nbf is { } n && c.Now + skew < n)
            {
                problems.Add(new Problem(ProblemTypes.RangeError, "Not yet valid", $"nbf {n:O}."));
            }

            JwtClaims.TryNumericDate(c.Document, "iat", problems, out _);
        }

        return ValueTask.FromResult(problems.Count == 0
            ? CheckResult.Pass(CheckNames.ValidityPeriod)
            : CheckResult.Fail(CheckNames.ValidityPeriod, problems));
    }
}
