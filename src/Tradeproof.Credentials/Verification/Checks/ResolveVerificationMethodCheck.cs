using System.Text.Json;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;

namespace Tradeproof.Credentials.Verification;

/// <summary>
/// Step 7, resolve the verification method (security.md; Controlled Identifiers §2.2): through the configured
/// resolver (did:key locally, did:web through the guarded client), listed under the relationship of the purpose,
/// controlled by its DID, not <c>revoked</c> and not past <c>expires</c>, a key type that fits the suite or the
/// JWS <c>alg</c>. A resolver or network failure is "could not check", not invalid.
/// </summary>
internal static class ResolveVerificationMethodCheck
{
    public static async ValueTask<CheckResult> RunAsync(VerificationContext c, CancellationToken cancellationToken)
    {
        var failed = new List<Problem>();
        var unreachable = new List<Problem>();
        foreach (var url in c.MethodUrls)
        {
            VerificationMethodResolution resolution;
            try
            {
                resolution = await c.Options.Resolver.ResolveAsync(url, c.ExpectedPurpose, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                failed.Add(new Problem(ProblemTypes.ProofVerificationError, "Verification method not usable", e.Message));
                continue;
            }

            if (resolution.Method is not { } method)
            {
                var problem = resolution.Problem ?? VerificationMethodResolution.Failure(url).Problem!;
                (resolution.Unreachable ? unreachable : failed).Add(problem);
                continue;
            }

            if (Lifetime(c, method) is { } lifetimeProblem)
            {
                failed.Add(lifetimeProblem);
                continue;
            }

            if (KeyTypeProblem(c, url, method) is { } keyProblem)
            {
                failed.Add(keyProblem);
                continue;
            }

            c.Methods[url] = method;
        }

        if (failed.Count > 0)
        {
            return CheckResult.Fail(CheckNames.ResolveVerificationMethod, [.. failed, .. unreachable]);
        }

        return unreachable.Count > 0
            ? CheckResult.Unknown(CheckNames.ResolveVerificationMethod, unreachable)
            : CheckResult.Pass(CheckNames.ResolveVerificationMethod, string.Join(", ", c.Methods.Keys));
    }

    /// <summary>Controlled Identifiers 1.0 §2.2: a method with <c>revoked</c> at or before now, or <c>expires</c> before now, is not usable.</summary>
    private static Problem? Lifetime(VerificationContext c, ResolvedVerificationMethod method)
    {
        if (method.Document?.FindVerificationMethod(method.Id) is not { } source)
        {
            return null;
        }

        if (source.AdditionalProperties.TryGetValue("revoked", out var revoked))
        {
            if (revoked.ValueKind != JsonValueKind.String || !DateTimeSyntax.TryParse(revoked.GetString()!, out var at) || at <= c.Now + c.Options.ClockSkew)
            {
                return new Problem(ProblemTypes.ProofVerificationError, "Verification method revoked", $"{method.Id} was revoked ({revoked.GetRawText()}).");
            }
        }

        if (source.AdditionalProperties.TryGetValue("expires", out var expires))
        {
            if (expires.ValueKind != JsonValueKind.String || !DateTimeSyntax.TryParse(expires.GetString()!, out var at) || at < c.Now - c.Options.ClockSkew)
            {
                return new Problem(ProblemTypes.ProofVerificationError, "Verification method expired", $"{method.Id} expired ({expires.GetRawText()}).");
            }
        }

        return null;
    }

    private static Problem? KeyTypeProblem(VerificationContext c, string url, ResolvedVerificationMethod method)
    {
        if (c.Jws is { } jws)
        {
            // No algorithm confusion: the key type decides the algorithm.
            return JwsAlgorithms.Fits(jws.Header.Alg, method.PublicKey.Type)
                ? null
                : CompactJws.Security($"The header says {jws.Header.Alg} but {url} is a {method.PublicKey.Type} key.");
        }

        foreach (var proof in c.Proofs)
        {
            if (string.Equals(proof.VerificationMethod, url, StringComparison.Ordinal)
                && c.Verifier.Engine.Registry.TryGet(proof, out var suite) && !suite.SupportsKeyType(method.PublicKey.Type))
            {
                return new Problem(ProblemTypes.ProofVerificationError, "Key type does not fit the suite", $"{suite.Name} cannot use a {method.PublicKey.Type} key.");
            }
        }

        return null;
    }
}
