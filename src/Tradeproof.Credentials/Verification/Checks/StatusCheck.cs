using System.Text.Json;
using Tradeproof.Credentials.StatusLists;

namespace Tradeproof.Credentials.Verification;

/// <summary>
/// Step 11, status (security.md; Bitstring Status List v1.0 §3.2) through <see cref="BitstringStatusListChecker"/>:
/// a revocation or suspension bit set is invalid; a list that cannot be retrieved (or no status source configured,
/// or a status mechanism we do not know) is "could not check", never valid; a list that is broken, too short, from
/// another issuer, of another purpose or too small for the index makes the status invalid.
/// </summary>
internal static class StatusCheck
{
    public static async ValueTask<CheckResult> RunAsync(VerificationContext c, CancellationToken cancellationToken)
    {
        if (c.IsPresentation)
        {
            return CheckResult.NotApplicable(CheckNames.Status, "presentations have no status; each credential's is checked");
        }

        if (c.Request.IsStatusList)
        {
            return CheckResult.NotApplicable(CheckNames.Status, "a status list credential");
        }

        var entries = Entries(c);
        if (entries.Count == 0)
        {
            return CheckResult.NotApplicable(CheckNames.Status, "no credentialStatus");
        }

        if (c.Verifier.StatusChecker is not { } checker)
        {
            return CheckResult.Unknown(CheckNames.Status, [new Problem(StatusProblemTypes.RetrievalError, "No status list source", "The credential has a status but no status list source is configured.")]);
        }

        var failed = new List<Problem>();
        var unknown = new List<Problem>();
        var notes = new List<string>();
        foreach (var entry in entries)
        {
            if (!IsKnownEntry(entry))
            {
                unknown.Add(new Problem(StatusProblemTypes.VerificationError, "Unknown status mechanism", "Only BitstringStatusListEntry and StatusList2021Entry are understood; unknown status is never valid."));
                continue;
            }

            var result = await checker.CheckAsync(entry, c.Party ?? "", cancellationToken).ConfigureAwait(false);
            if (entry.TryGetProperty("statusListCredential", out var url) && url.ValueKind == JsonValueKind.String
                && c.Verifier.StatusListHash(url.GetString()!) is { } hash && !c.StatusLists.Any(s => s.Id == url.GetString()))
            {
                c.StatusLists.Add(new ReceiptEntry(url.GetString()!, hash));
            }

            switch (result.Outcome)
            {
                case StatusOutcome.Unset:
                    notes.Add($"{result.Purpose}: not set");
                    break;
                case StatusOutcome.Set when result.Purpose is "revocation" or "suspension":
                    failed.Add(result.Problem!);
                    break;
                case StatusOutcome.Set:
                    // refresh and message purposes inform; they do not invalidate (Bitstring Status List §2.1).
                    notes.Add($"{result.Purpose}: {result.Status}{(result.Message is null ? "" : " " + result.Message)}");
                    break;
                default:
                    (result.Problem?.Type == StatusProblemTypes.RetrievalError ? unknown : failed).Add(result.Problem!);
                    break;
            }
        }

        if (failed.Count > 0)
        {
            return CheckResult.Fail(CheckNames.Status, [.. failed, .. unknown]);
        }

        return unknown.Count > 0 ? CheckResult.Unknown(CheckNames.Status, unknown) : CheckResult.Pass(CheckNames.Status, string.Join("; ", notes));
    }

    private static List<JsonElement> Entries(VerificationContext c)
    {
        if (c.Credential is { } credential)
        {
            return [.. credential.CredentialStatus];
        }

        // SD-JWT VC: a credentialStatus claim is read the same way; the IETF 'status' claim is not supported.
        if (c.Claims is { ValueKind: JsonValueKind.Object } claims)
        {
            if (claims.TryGetProperty("credentialStatus", out var status))
            {
                return DataModelRules.Objects(status) ?? [status];
            }

            if (claims.TryGetProperty("status", out var other))
            {
                return [other];
            }
        }

        return [];
    }

    private static bool IsKnownEntry(JsonElement entry) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("type", out var type)
        && DataModelRules.Strings(type) is { } types && (types.Contains("BitstringStatusListEntry") || types.Contains("StatusList2021Entry"));
}
