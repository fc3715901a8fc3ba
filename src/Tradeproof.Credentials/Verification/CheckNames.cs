namespace Tradeproof.Credentials.Verification;

/// <summary>
/// The names of the verifier's checks, in the order they run (security.md "Verification, in order", steps 2-13;
/// step 1, transport and access, belongs to the HTTP node).
/// </summary>
public static class CheckNames
{
    /// <summary>Step 2: strict JSON (depth, duplicate keys, caps) or a well-formed compact JWS / SD-JWT; the format is detected.</summary>
    public const string StrictParse = "strict-parse";

    /// <summary>Step 3: VC Data Model rules (contexts exact and allowlisted, types, issuer, subject, dates).</summary>
    public const string DataModel = "data-model";

    /// <summary>Step 4: allowlisted cryptosuite or algorithm, expected purpose, verification method with an allowlisted DID method, well-formed proof value.</summary>
    public const string ProofStructure = "proof-structure";

    /// <summary>Step 5: <c>validFrom</c>/<c>validUntil</c>, proof <c>created</c>/<c>expires</c>, JWT <c>exp</c>/<c>nbf</c>, with clock skew.</summary>
    public const string ValidityPeriod = "validity-period";

    /// <summary>Step 6 (presentations): the challenge is the expected one and is consumed atomically; the domain is ours.</summary>
    public const string ChallengeDomain = "challenge-domain";

    /// <summary>Step 7: the verification method resolves, is listed under the purpose's relationship, not revoked or expired, key type fits.</summary>
    public const string ResolveVerificationMethod = "resolve-verification-method";

    /// <summary>Step 8: the issuer (holder) controls the method; the trust policy allows this issuer to issue these types.</summary>
    public const string IssuerBinding = "issuer-binding";

    /// <summary>Step 9: transformation (JSON-LD safe mode + RDFC, or JCS) and signature (Data Integrity, JWS, SD-JWT with disclosures and key binding).</summary>
    public const string TransformAndVerify = "transform-and-verify";

    /// <summary>Step 10: every proof of a proof set verifies, every <c>previousProof</c> of a chain resolves.</summary>
    public const string ProofSetChain = "proof-set-chain";

    /// <summary>Presentations: every credential inside verifies (each with its own pipeline, in <see cref="VerificationResult.Credentials"/>).</summary>
    public const string Credentials = "credentials";

    /// <summary>Step 11: Bitstring Status List (or StatusList2021); unknown status is never valid.</summary>
    public const string Status = "status";

    /// <summary>Step 12: business rules of the trade layer (<see cref="ICredentialBusinessCheck"/>).</summary>
    public const string BusinessRules = "business-rules";

    /// <summary>Step 13: the verification receipt (hashes of the input, DID documents and status lists used).</summary>
    public const string Receipt = "receipt";
}
