using System.Text.Json;
using Tradeproof.Credentials.Jose;
using Tradeproof.Json;

namespace Tradeproof.Credentials.Verification;

/// <summary>
/// Step 6, presentations (security.md; VC Data Integrity 1.0 §4.4 steps 6-7; RFC 9901 §7.3): the challenge
/// (<c>challenge</c>, VP-JWT or KB-JWT <c>nonce</c>) is the one we issued and the domain (<c>domain</c>, <c>aud</c>)
/// is ours; then the challenge is consumed atomically through <see cref="IChallengeStore"/> (replays fail).
/// </summary>
internal static class ChallengeDomainCheck
{
    public static async ValueTask<CheckResult> RunAsync(VerificationContext c, CancellationToken cancellationToken)
    {
        if (c.Request.IsEmbedded)
        {
            return CheckResult.NotApplicable(CheckNames.ChallengeDomain, "inside a presentation: the presentation's challenge covers it");
        }

        if (!c.IsPresentation && !(c.Format == CredentialFormat.SdJwtVc && c.SdJwtKeyBinding.Length > 0))
        {
            return CheckResult.NotApplicable(CheckNames.ChallengeDomain, "a credential, not a presentation");
        }

        var expected = c.Request.Challenge;
        if (expected is null && c.Options.RequirePresentationChallenge && c.IsPresentation)
        {
            return CheckResult.Fail(CheckNames.ChallengeDomain, new Problem(ProblemTypes.InvalidChallengeError, "No challenge expected", "Presentations are verified against a challenge we issued; none was given."));
        }

        if (!TryReadPresented(c, out var challenges, out var domains, out var problem))
        {
            return CheckResult.Fail(CheckNames.ChallengeDomain, problem!);
        }

        var problems = new List<Problem>();
        if (expected is not null && (challenges.Count == 0 || challenges.Any(ch => !string.Equals(ch, expected, StringComparison.Ordinal))))
        {
            problems.Add(new Problem(ProblemTypes.InvalidChallengeError, "Invalid challenge", "The presented challenge is not the one we issued."));
        }

        string? domain = null;
        if (c.ExpectedDomains is { Count: > 0 } ours)
        {
            domain = domains.FirstOrDefault(d => ours.Contains(d, StringComparer.Ordinal));
            if (domain is null)
            {
                problems.Add(new Problem(ProblemTypes.InvalidDomainError, "Invalid domain", $"The presentation does not name our domain ({string.Join(", ", ours)})."));
            }
        }

        if (problems.Count > 0)
        {
            return CheckResult.Fail(CheckNames.ChallengeDomain, problems);
        }

        if (expected is null)
        {
            return CheckResult.Skip(CheckNames.ChallengeDomain, "no challenge expected: replay is not prevented" + (domain is null ? "" : "; domain checked"));
        }

        if (c.Options.ChallengeStore is not { } store)
        {
            return CheckResult.Pass(CheckNames.ChallengeDomain, "challenge compared with the request's (no challenge store: not consumed)");
        }

        var consumption = await store.TryConsumeAsync(expected, domain, cancellationToken).ConfigureAwait(false);
        return consumption switch
        {
            ChallengeConsumption.Consumed => CheckResult.Pass(CheckNames.ChallengeDomain, "challenge consumed"),
            ChallengeConsumption.AlreadyUsed => CheckResult.Fail(CheckNames.ChallengeDomain, new Problem(ProblemTypes.InvalidChallengeError, "Challenge already used", "The challenge was consumed by an earlier presentation (a replay).")),
            ChallengeConsumption.Expired => CheckResult.Fail(CheckNames.ChallengeDomain, new Problem(ProblemTypes.InvalidChallengeError, "Challenge expired", "The challenge is past its lifetime.")),
            _ => CheckResult.Fail(CheckNames.ChallengeDomain, new Problem(ProblemTypes.InvalidChallengeError, "Unknown challenge", "We did not issue this challenge (for this domain).")),
        };
    }

    /// <summary>The challenges and domains the input presents (one per proof for Data Integrity).</summary>
    private static bool TryReadPresented(VerificationContext c, out List<string> challenges, out List<string> domains, out Problem? problem)
    {
        challenges = [];
        domains = [];
        problem = null;
        if (c.Format == CredentialFormat.DataIntegrityPresentation)
        {
            foreach (var proof in c.Proofs)
            {
                challenges.Add(proof.Challenge ?? "");
                domains.AddRange(proof.Domain);
            }

            return true;
        }

        JsonElement claims;
        if (c.Format == CredentialFormat.SdJwtVc)
        {
            // The KB-JWT's nonce and aud (its signature is checked with the holder key in transform-and-verify).
            if (!CompactJws.TryParse(c.SdJwtKeyBinding, new JwsParseOptions { AllowedAlgorithms = c.Options.AllowedJoseAlgorithms, RequiredType = SdJwt.KeyBindingType }, out var kb, out problem))
            {
                return false;
            }

            try
            {
                claims = StrictJson.ParseElement(kb!.Payload);
            }
            catch (JsonInputException e)
            {
                problem = new Problem(ProblemTypes.ParsingError, "Key binding payload is not JSON", e.Message);
                return false;
            }
        }
        else
        {
            claims = c.Document;
        }

        if (claims.ValueKind == JsonValueKind.Object)
        {
            if (claims.TryGetProperty("nonce", out var nonce) && nonce.ValueKind == JsonValueKind.String)
            {
                challenges.Add(nonce.GetString()!);
            }

            if (claims.TryGetProperty("aud", out var aud))
            {
                domains.AddRange(DataModelRules.Strings(aud) ?? []);
            }
        }

        return true;
    }
}
