using System.Text.Json;

namespace Tradeproof.Credentials.Verification;

/// <summary>
/// Step 3, data model (VC Data Model 2.0 §4, 1.1 for Data Integrity): <c>@context</c> first and exact (and, when
/// configured, one of the allowlisted sequences), <c>type</c>, issuer or holder, subjects, dates. VC-JOSE-COSE
/// secures 2.0 only. An SD-JWT VC needs <c>iss</c> and <c>vct</c>.
/// </summary>
internal static class DataModelCheck
{
    private static readonly DataModelVersion[] JoseVersions = [DataModelVersion.V2_0];

    public static ValueTask<CheckResult> RunAsync(VerificationContext c, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Run(c));
    }

    private static CheckResult Run(VerificationContext c)
    {
        var options = c.Options.DataModel;
        IReadOnlyList<Problem> problems;
        switch (c.Format)
        {
            case CredentialFormat.DataIntegrityCredential:
            case CredentialFormat.VcJwt:
                {
                    var model = c.Format == CredentialFormat.VcJwt ? options with { Versions = JoseVersions } : options;
                    var bytes = c.Format == CredentialFormat.VcJwt ? c.Jws!.Payload : c.Input;
                    if (!VerifiableCredential.TryRead(bytes, c.Document, model, out var credential, out problems))
                    {
                        return CheckResult.Fail(CheckNames.DataModel, problems);
                    }

                    c.Credential = credential;
                    c.Document = credential!.Json;
                    c.Party = credential.Issuer;
                    c.Types = credential.Types;
                    break;
                }

            case CredentialFormat.DataIntegrityPresentation:
            case CredentialFormat.VpJwt:
                {
                    var model = c.Format == CredentialFormat.VpJwt ? options with { Versions = JoseVersions } : options;
                    var bytes = c.Format == CredentialFormat.VpJwt ? c.Jws!.Payload : c.Input;
                    if (!VerifiablePresentation.TryRead(bytes, c.Document, model, out var presentation, out problems))
                    {
                        return CheckResult.Fail(CheckNames.DataModel, problems);
                    }

                    c.Presentation = presentation;
                    c.Document = presentation!.Json;
                    c.Party = presentation.Holder;
                    c.Types = presentation.Types;
                    break;
                }

            case CredentialFormat.SdJwtVc:
                return SdJwtVc(c);

            default:
                return CheckResult.Fail(CheckNames.DataModel, new Problem(ProblemTypes.ParsingError, "Unknown format", "The input's format was not detected."));
        }

        if (c.Options.AllowedContextSequences is { } sequences && !MatchesASequence(c.Document, sequences))
        {
            return CheckResult.Fail(CheckNames.DataModel, DataModelRules.Malformed("Context sequence not allowed", "@context is not exactly one of the allowlisted sequences (a context missing, added, reordered or a look-alike URL)."));
        }

        return CheckResult.Pass(CheckNames.DataModel, c.Credential?.Version.ToString() ?? c.Presentation?.Version.ToString());
    }

    /// <summary>SD-JWT VC (draft-ietf-oauth-sd-jwt-vc §3.2.2): <c>iss</c> a URL, <c>vct</c> a non-empty string.</summary>
    private static CheckResult SdJwtVc(VerificationContext c)
    {
        var problems = new List<Problem>();
        var iss = c.Document.TryGetProperty("iss", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        if (iss is null || !DataModelRules.IsUrl(iss))
        {
            problems.Add(DataModelRules.Malformed("Invalid iss", "An SD-JWT VC names its issuer in 'iss', a URL."));
        }

        var vct = c.Document.TryGetProperty("vct", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (string.IsNullOrEmpty(vct))
        {
            problems.Add(DataModelRules.Malformed("SD-JWT VC without vct", "'vct' must be a non-empty string (never selectively disclosed)."));
        }

        if (problems.Count > 0)
        {
            return CheckResult.Fail(CheckNames.DataModel, problems);
        }

        c.Party = iss;
        c.Types = [vct!];
        return CheckResult.Pass(CheckNames.DataModel, "SD-JWT VC");
    }

    private static bool MatchesASequence(JsonElement document, IReadOnlyList<IReadOnlyList<string>> sequences)
    {
        if (!document.TryGetProperty("@context", out var context) || DataModelRules.Strings(context) is not { } urls)
        {
            return false;
        }

        foreach (var sequence in sequences)
        {
            if (sequence.SequenceEqual(urls, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
