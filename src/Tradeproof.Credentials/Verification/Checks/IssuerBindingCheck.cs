using System.Text.Json;

namespace Tradeproof.Credentials.Verification;

/// <summary>
/// Step 8, issuer binding (security.md; VC DM 2.0 §4.7, VC-JOSE-COSE §3.1): the issuer (a presentation's holder)
/// is the controller of every verification method used (an attacker's valid key cannot speak for a customs
/// authority's DID); a JWT <c>iss</c> names the same party; and the <see cref="IIssuerTrustPolicy"/> allows this
/// issuer to issue these types.
/// </summary>
internal static class IssuerBindingCheck
{
    public static async ValueTask<CheckResult> RunAsync(VerificationContext c, CancellationToken cancellationToken)
    {
        var party = c.Party;
        var role = c.IsPresentation ? "holder" : "issuer";
        if (party is null)
        {
            return CheckResult.NotApplicable(CheckNames.IssuerBinding, "the presentation names no holder");
        }

        var problemType = c.Jws is null ? ProblemTypes.ProofVerificationError : ProblemTypes.CryptographicSecurityError;
        var problems = new List<Problem>();
        foreach (var (url, method) in c.Methods)
        {
            if (!string.Equals(method.Controller, party, StringComparison.Ordinal))
            {
                problems.Add(new Problem(problemType, c.IsPresentation ? "Holder is not the signer" : "Issuer is not the signer", $"The key {url} is controlled by {method.Controller}, not the {role} {party}."));
            }
        }

        if (c.Jws is not null && c.Format != CredentialFormat.SdJwtVc && c.Document.TryGetProperty("iss", out var iss)
            && (iss.ValueKind != JsonValueKind.String || !iss.ValueEquals(party)))
        {
            problems.Add(new Problem(ProblemTypes.MalformedValueError, "iss does not match the " + role, $"'iss' is {iss.GetRawText()}, the {role} is {party}."));
        }

        if (problems.Count > 0)
        {
            return CheckResult.Fail(CheckNames.IssuerBinding, problems);
        }

        // Status list credentials: the status checker requires the credential's own issuer, no registry question.
        if (c.IsPresentation || c.Request.IsStatusList || c.Options.IssuerTrustPolicy is not { } policy)
        {
            return CheckResult.Pass(CheckNames.IssuerBinding, $"the {role} controls the key" + (c.IsPresentation || c.Request.IsStatusList ? "" : "; no trust policy configured"));
        }

        var decision = await policy.EvaluateAsync(party, c.Types, c.Document, cancellationToken).ConfigureAwait(false);
        return decision.Outcome switch
        {
            CheckOutcome.Passed => CheckResult.Pass(CheckNames.IssuerBinding, "the issuer controls the key and is trusted for these types"),
            CheckOutcome.Indeterminate => CheckResult.Unknown(CheckNames.IssuerBinding, [decision.Problem ?? IssuerTrustDecision.CouldNotCheck(party).Problem!]),
            _ => CheckResult.Fail(CheckNames.IssuerBinding, decision.Problem ?? IssuerTrustDecision.NotTrusted(party).Problem!),
        };
    }
}
