using System.Runtime.InteropServices;
using System.Text.Json;
using Tradeproof.Credentials.DataIntegrity;

namespace Tradeproof.Credentials.Verification;

/// <summary>
/// Presentations: every credential inside (VC Data Model 2.0 §4.13: embedded Data Integrity credentials, or
/// <c>EnvelopedVerifiableCredential</c>s holding a VC-JWT or SD-JWT VC, VC-JOSE-COSE §3.1.3) runs the whole pipeline
/// of its own. Runs only after the presentation's own checks passed: an invalid presentation is rejected without
/// verifying what it wraps.
/// </summary>
internal static class CredentialsCheck
{
    public static async ValueTask<CheckResult> RunAsync(VerificationContext c, CancellationToken cancellationToken)
    {
        if (!c.IsPresentation)
        {
            return CheckResult.NotApplicable(CheckNames.Credentials, "a credential");
        }

        var credentials = c.Presentation!.VerifiableCredentials;
        if (credentials.Count == 0)
        {
            return CheckResult.NotApplicable(CheckNames.Credentials, "the presentation holds no credential");
        }

        if (credentials.Count > c.Options.MaxCredentialsPerPresentation)
        {
            return CheckResult.Fail(CheckNames.Credentials, DataModelRules.Malformed("Too many credentials", $"The presentation holds {credentials.Count} credentials; at most {c.Options.MaxCredentialsPerPresentation} are accepted."));
        }

        var request = new VerificationRequest { IsEmbedded = true };
        var failed = new List<Problem>();
        var unknown = new List<Problem>();
        for (var i = 0; i < credentials.Count; i++)
        {
            // The credential's own bytes, and its value in the presentation's strict parse (not parsed again).
            // Value i of the presentation's verifiableCredential is credential i (VerifiablePresentation.TryRead keeps
            // them in order, objects only), and the proof verification's toRdf read the same text: its expansion
            // of it, when kept, stands for the credential's own toRdf.
            var credential = credentials[i];
            var kept = c.KeptCredentials is { } k && k.Count == credentials.Count && k.IsKept(i) ? new EmbeddedDocument(k, i) : null;
            var result = await c.Verifier.VerifyAsync(JsonMarshal.GetRawUtf8Value(credential).ToArray(), credential.ValueKind == JsonValueKind.Object ? credential : null, kept, request, cancellationToken).ConfigureAwait(false);
            c.Embedded.Add(result);
            if (result.Outcome == VerificationOutcome.Valid)
            {
                continue;
            }

            var first = result.Problems.FirstOrDefault();
            var summary = new Problem(
                first?.Type ?? ProblemTypes.CryptographicSecurityError,
                result.Outcome == VerificationOutcome.Invalid ? "A credential in the presentation is invalid" : "A credential in the presentation could not be checked",
                $"Credential {i} ({result.Format.Name()}): {first?.Title} {first?.Detail}".Trim());
            (result.Outcome == VerificationOutcome.Invalid ? failed : unknown).Add(summary);
        }

        if (failed.Count > 0)
        {
            return CheckResult.Fail(CheckNames.Credentials, [.. failed, .. unknown]);
        }

        return unknown.Count > 0
            ? CheckResult.Unknown(CheckNames.Credentials, unknown)
            : CheckResult.Pass(CheckNames.Credentials, $"{credentials.Count} credential(s) verified");
    }
}
