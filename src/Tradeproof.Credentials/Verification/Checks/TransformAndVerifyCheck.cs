using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;

namespace Tradeproof.Credentials.Verification;

/// <summary>
/// Step 9, transform and verify (security.md; VC Data Integrity 1.0 §4.4, RFC 7515 §5.2, RFC 9901 §7): delegates to
/// <see cref="DataIntegrityEngine"/> (JSON-LD safe mode with the pinned loader and RDFC with a work limit, or JCS;
/// strict signature verification), to <see cref="CompactJws.VerifySignature"/> for VC-JWT/VP-JWT, and to
/// <see cref="SdJwt.VerifyAsync"/> for SD-JWT (signature, every disclosure referenced once, reserved names, key
/// binding). The methods resolved in step 7 are reused, never resolved twice.
/// </summary>
internal static class TransformAndVerifyCheck
{
    /// <summary>The engine's title for a <c>previousProof</c> naming no proof: reported by the proof-set check.</summary>
    internal const string UnknownPreviousProof = "Unknown previous proof";

    /// <summary>The IRI of <c>proof</c> (VC Data Integrity 1.0 §2.1, <c>https://w3id.org/security#proof</c>).</summary>
    internal const string ProofProperty = "https://w3id.org/security#proof";

    public static async ValueTask<CheckResult> RunAsync(VerificationContext c, CancellationToken cancellationToken)
    {
        var resolver = new PreResolvedMethodResolver(c.Methods, c.Options.Resolver);
        switch (c.Format)
        {
            case CredentialFormat.DataIntegrityCredential:
            case CredentialFormat.DataIntegrityPresentation:
                {
                    var presentation = c.IsPresentation;
                    if (presentation)
                    {
                        // VC 2.0: each credential's own toRdf may come from the presentation's (see EmbeddedDocuments).
                        c.KeptCredentials = new Tradeproof.JsonLd.EmbeddedDocuments("verifiableCredential", "proof", ProofProperty);
                    }

                    // The document is the strict parse's (StrictParseCheck): the engine cuts proof out of its text.
                    var result = await c.Verifier.Engine.VerifyAsync(c.Document, new ProofVerificationOptions
                    {
                        Resolver = resolver,
                        ExpectedProofPurpose = c.ExpectedPurpose,
                        ExpectedChallenge = presentation ? c.Request.Challenge : null,
                        ExpectedDomain = presentation ? c.ExpectedDomains : null,
                        AllowedCryptosuites = c.Options.AllowedCryptosuites,
                        ClockSkew = c.Options.ClockSkew,
                        KeepEmbedded = c.KeptCredentials,
                        Embedded = c.Expansion,
                    }, strictlyParsed: true, cancellationToken).ConfigureAwait(false);
                    c.ProofResults = result;
                    var problems = result.Problems.Where(p => p.Title != UnknownPreviousProof).ToList();
                    if (problems.Count > 0)
                    {
                        return CheckResult.Fail(CheckNames.TransformAndVerify, problems);
                    }

                    c.Claims = c.Document;
                    return CheckResult.Pass(CheckNames.TransformAndVerify, $"{result.Proofs.Count(p => p.Verified)} of {result.Proofs.Count} proofs verified");
                }

            case CredentialFormat.VcJwt:
            case CredentialFormat.VpJwt:
                {
                    var jws = c.Jws!;
                    var method = c.Methods.Values.Single();
                    if (!jws.VerifySignature(method.PublicKey))
                    {
                        return CheckResult.Fail(CheckNames.TransformAndVerify, new Problem(ProblemTypes.CryptographicSecurityError, "Signature does not verify", $"The {jws.Header.Alg} signature does not verify with {method.Id}."));
                    }

                    c.Claims = c.Document;
                    return CheckResult.Pass(CheckNames.TransformAndVerify, jws.Header.Alg);
                }

            default:
                {
                    var result = await SdJwt.VerifyAsync(c.Token, new SdJwtVerificationOptions
                    {
                        Jose = new JoseVerificationOptions
                        {
                            Resolver = resolver,
                            TimeProvider = c.Options.TimeProvider,
                            ClockSkew = c.Options.ClockSkew,
                            AllowedAlgorithms = c.Options.AllowedJoseAlgorithms,
                            MaxLength = c.Options.MaxTokenLength,
                            ExpectedNonce = c.Request.IsEmbedded ? null : c.Request.Challenge,
                            ExpectedAudience = c.Request.IsEmbedded ? null : c.ExpectedDomains?.FirstOrDefault(),
                        },
                        RequireKeyBinding = ProofStructureCheck.RequiresKeyBinding(c),
                    }, cancellationToken).ConfigureAwait(false);
                    if (!result.Verified)
                    {
                        return CheckResult.Fail(CheckNames.TransformAndVerify, result.Problems);
                    }

                    c.Claims = result.Payload;
                    return CheckResult.Pass(CheckNames.TransformAndVerify, c.SdJwtKeyBinding.Length > 0 ? "issuer signature, disclosures and key binding" : "issuer signature and disclosures (no key binding)");
                }
        }
    }
}
