using System.Text.Json;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Credentials.Verification;

/// <summary>
/// Step 4, proof structure (security.md; VC Data Integrity 1.0 §4.4 steps 1-5): every proof readable, its suite
/// known and allowlisted, the expected <c>proofPurpose</c>, a verification method URL with an allowlisted DID
/// method, a well-formed <c>proofValue</c>; for presentations <c>challenge</c> and <c>domain</c> present. For JOSE:
/// a <c>kid</c> naming a DID URL of an allowlisted method, <c>cty</c>, SD-JWT <c>_sd_alg</c> and key binding present.
/// </summary>
internal static class ProofStructureCheck
{
    public static ValueTask<CheckResult> RunAsync(VerificationContext c, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var problems = new List<Problem>();
        if (c.Format is CredentialFormat.DataIntegrityCredential or CredentialFormat.DataIntegrityPresentation)
        {
            DataIntegrity(c, problems);
        }
        else
        {
            Jose(c, problems);
        }

        return ValueTask.FromResult(problems.Count == 0
            ? CheckResult.Pass(CheckNames.ProofStructure, c.Proofs.Count > 0 ? string.Join(", ", c.Proofs.Select(p => p.Cryptosuite ?? p.Type)) : c.Jws?.Header.Alg)
            : CheckResult.Fail(CheckNames.ProofStructure, problems));
    }

    private static void DataIntegrity(VerificationContext c, List<Problem> problems)
    {
        if (!c.Document.TryGetProperty("proof", out var member))
        {
            problems.Add(ProofProblem("No proof", "The document has no 'proof'."));
            return;
        }

        List<JsonElement> elements = member.ValueKind switch
        {
            JsonValueKind.Object => [member],
            JsonValueKind.Array => [.. member.EnumerateArray()],
            _ => [],
        };
        if (elements.Count == 0)
        {
            problems.Add(ProofProblem("Malformed proof", "'proof' must be an object or a non-empty list of objects."));
            return;
        }

        var registry = c.Verifier.Engine.Registry;
        var presentation = c.IsPresentation;
        var challengeRequired = presentation && (c.Request.Challenge is not null || c.Options.RequirePresentationChallenge);
        var domainRequired = presentation && c.ExpectedDomains is { Count: > 0 };
        foreach (var element in elements)
        {
            if (!DataIntegrityProof.TryParse(element, out var proof, out var problem))
            {
                problems.Add(problem!);
                continue;
            }

            c.Proofs.Add(proof!);
            var name = proof!.Cryptosuite ?? proof.Type;
            if (!registry.TryGet(proof, out var suite) || (c.Options.AllowedCryptosuites is { } allowed && !allowed.Contains(suite.Name)))
            {
                problems.Add(ProofProblem("Unsupported cryptosuite", $"'{name}' is not an accepted suite."));
                continue;
            }

            if (!string.Equals(proof.ProofPurpose, c.ExpectedPurpose, StringComparison.Ordinal))
            {
                problems.Add(ProofProblem("Mismatched proof purpose", $"Expected '{c.ExpectedPurpose}', found '{proof.ProofPurpose}'."));
            }

            if (DidMethodProblem(c, proof.VerificationMethod) is { } methodProblem)
            {
                problems.Add(ProofProblem("Verification method not acceptable", methodProblem));
            }
            else if (!c.MethodUrls.Contains(proof.VerificationMethod))
            {
                c.MethodUrls.Add(proof.VerificationMethod);
            }

            if (proof.ProofValue is { } value)
            {
                if (!IsMultibase(value))
                {
                    problems.Add(ProofProblem("Malformed proofValue", "proofValue is not a multibase value."));
                }
            }
            else if (proof.Jws is not { } jws || jws.Split('.') is not [{ Length: > 0 }, { Length: 0 }, { Length: > 0 }])
            {
                problems.Add(ProofProblem("Malformed proof", "The proof has no well-formed 'proofValue' (or detached 'jws')."));
            }

            if (challengeRequired && proof.Challenge is null)
            {
                problems.Add(new Problem(ProblemTypes.InvalidChallengeError, "Missing challenge", "A presentation proof must carry the challenge we issued."));
            }

            if (domainRequired && proof.Domain.Count == 0)
            {
                problems.Add(new Problem(ProblemTypes.InvalidDomainError, "Missing domain", "A presentation proof must name our domain."));
            }
        }
    }

    private static void Jose(VerificationContext c, List<Problem> problems)
    {
        var header = c.Jws!.Header;
        if (c.Format is CredentialFormat.VcJwt or CredentialFormat.VpJwt && header.Cty is { } cty
            && !CompactJws.TypeMatches(cty, c.Format == CredentialFormat.VpJwt ? "vp" : "vc"))
        {
            problems.Add(CompactJws.Malformed($"The JWS 'cty' is '{cty}'."));
        }

        // The key is named by kid (a DID URL, a bare fragment relative to the issuer or holder) and only resolved.
        if (header.Kid is not { Length: > 0 } kid)
        {
            problems.Add(CompactJws.Security("The JWS header has no 'kid'; the key must be named and resolved."));
        }
        else
        {
            var url = kid.StartsWith('#') && c.Party is not null ? c.Party + kid : kid;
            if (DidMethodProblem(c, url) is { } methodProblem)
            {
                problems.Add(CompactJws.Security(methodProblem));
            }
            else
            {
                c.MethodUrls.Add(url);
            }
        }

        if (c.Format == CredentialFormat.SdJwtVc)
        {
            // RFC 9901 §7.1 step 3: only the hash algorithms we support.
            if (c.Document.TryGetProperty("_sd_alg", out var alg) && !(alg.ValueKind == JsonValueKind.String && alg.ValueEquals(SdJwt.HashAlgorithm)))
            {
                problems.Add(new Problem(ProblemTypes.CryptographicSecurityError, "Unsupported _sd_alg", $"Only {SdJwt.HashAlgorithm} is accepted, not {alg.GetRawText()}."));
            }

            if (RequiresKeyBinding(c) && c.SdJwtKeyBinding.Length == 0)
            {
                problems.Add(new Problem(ProblemTypes.CryptographicSecurityError, "Key binding missing", "A key binding JWT is required (the SD-JWT must end with a KB-JWT)."));
            }
        }
        else if (c.Format == CredentialFormat.VpJwt)
        {
            if ((c.Request.Challenge is not null || c.Options.RequirePresentationChallenge) && !c.Document.TryGetProperty("nonce", out _))
            {
                problems.Add(new Problem(ProblemTypes.InvalidChallengeError, "Missing nonce", "A VP-JWT must carry the challenge we issued as 'nonce'."));
            }

            if (c.ExpectedDomains is { Count: > 0 } && !c.Document.TryGetProperty("aud", out _))
            {
                problems.Add(new Problem(ProblemTypes.InvalidDomainError, "Missing aud", "A VP-JWT must name our domain in 'aud'."));
            }
        }
    }

    /// <summary>Key binding is required for SD-JWT VCs verified on their own (not inside a presentation) when configured or a challenge is expected.</summary>
    internal static bool RequiresKeyBinding(VerificationContext c) =>
        !c.Request.IsEmbedded && (c.Options.RequireSdJwtKeyBinding || c.Request.Challenge is not null);

    /// <summary>Null when <paramref name="url"/> is a DID URL of an allowlisted method, otherwise why not.</summary>
    private static string? DidMethodProblem(VerificationContext c, string url)
    {
        if (!url.StartsWith("did:", StringComparison.Ordinal))
        {
            return $"'{Shorten(url)}' is not a DID URL.";
        }

        var end = url.IndexOf(':', 4);
        var method = end < 0 ? "" : url[4..end];
        if (method.Length == 0 || !method.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch)))
        {
            return $"'{Shorten(url)}' is not a DID URL.";
        }

        return c.Options.AllowedDidMethods.Contains(method) ? null : $"The DID method '{method}' is not accepted.";
    }

    private static bool IsMultibase(string value)
    {
        if (value.Length < 2)
        {
            return false;
        }

        try
        {
            Multibase.Decode(value);
            return true;
        }
        catch (Exception e) when (e is MultibaseException or FormatException or ArgumentException)
        {
            return false;
        }
    }

    private static string Shorten(string value) => value.Length > 80 ? value[..80] + "..." : value;

    private static Problem ProofProblem(string title, string detail) => new(ProblemTypes.ProofVerificationError, title, detail);
}
