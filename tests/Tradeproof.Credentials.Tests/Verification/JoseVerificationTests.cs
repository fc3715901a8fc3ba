using System.Text;
using Tradeproof.Credentials.Jose;
using Tradeproof.Credentials.Tests.Jose;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using Tradeproof.Cryptography.Encoding;
using static Tradeproof.Credentials.Tests.Verification.VerificationFixture;

namespace Tradeproof.Credentials.Tests.Verification;

/// <summary>VC-JWT through the verifier: each JWT attack reported by the check that owns it, with its type.</summary>
public sealed class JoseVerificationTests
{
    private readonly VerificationFixture _f = new();

    private static string Header(string alg, string kid, string? typ = "vc+jwt", string extra = "") =>
        $"{{\"alg\":\"{alg}\",\"kid\":\"{kid}\"{(typ is null ? "" : $",\"typ\":\"{typ}\"")}{extra}}}";

    [Fact]
    public void A_VC_JWT_is_detected_and_valid()
    {
        using var key = TestData.Key(KeyType.P256);
        var jwt = VcJose.IssueCredential(Credential(DidOf(key)), key, MethodOf(key));
        var result = Run(_f.Verifier(), jwt);
        AssertValid(result);
        Assert.Equal(CredentialFormat.VcJwt, result.Format);
        Assert.Equal(DidOf(key), result.Credential!.Issuer);
        Assert.Equal(CheckOutcome.NotApplicable, result.Check(CheckNames.ProofSetChain)!.Outcome);
    }

    [Fact]
    public void An_enveloped_VC_JWT_given_on_its_own_is_unwrapped_and_verified()
    {
        var jwt = VcJose.IssueCredential(Credential(_f.IssuerDid), _f.Issuer, MethodOf(_f.Issuer));
        var result = Run(_f.Verifier(), VcJose.Envelope(jwt));
        AssertValid(result);
        Assert.Equal(CredentialFormat.VcJwt, result.Format);
    }

    [Fact]
    public void An_envelope_whose_media_type_does_not_match_the_token_is_a_parsing_error()
    {
        var jwt = VcJose.IssueCredential(Credential(_f.IssuerDid), _f.Issuer, MethodOf(_f.Issuer));
        AssertInvalidAt(Run(_f.Verifier(), VcJose.Envelope(jwt, VcJose.PresentationMediaType)), CheckNames.StrictParse, ProblemTypes.ParsingError);
    }

    [Fact]
    public void A_tampered_payload_fails_the_signature_with_a_cryptographic_security_error()
    {
        var jwt = VcJose.IssueCredential(Credential(_f.IssuerDid), _f.Issuer, MethodOf(_f.Issuer));
        var parts = jwt.Split('.');
        var edited = Encoding.UTF8.GetString(Credential(_f.IssuerDid)).Replace("did:example:subject", "did:example:mallory", StringComparison.Ordinal);
        var tampered = parts[0] + "." + Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(edited)) + "." + parts[2];
        AssertInvalidAt(Run(_f.Verifier(), tampered), CheckNames.TransformAndVerify, ProblemTypes.CryptographicSecurityError);
    }

    [Fact]
    public void Alg_none_is_refused_when_parsing()
    {
        var input = Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(Header("none", MethodOf(_f.Issuer)))) + "." + Base64UrlStrict.Encode(Credential(_f.IssuerDid)) + ".";
        Assert.Equal(CheckNames.StrictParse, FailedCheck(Run(_f.Verifier(), input)).Name);
    }

    [Fact]
    public void Algorithm_confusion_is_refused_when_resolving_the_key()
    {
        using var p256 = TestData.Key(KeyType.P256);
        var jwt = JoseTestSupport.Craft(Header("EdDSA", MethodOf(p256)), Credential(DidOf(p256)), _f.Issuer);
        AssertInvalidAt(Run(_f.Verifier(), jwt), CheckNames.ResolveVerificationMethod, ProblemTypes.CryptographicSecurityError);
    }

    [Theory]
    [InlineData(",\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}")]
    [InlineData(",\"jku\":\"https://attacker.example/keys\"")]
    [InlineData(",\"x5u\":\"https://attacker.example/cert\"")]
    [InlineData(",\"x5c\":[\"MIIB\"]")]
    public void Key_material_in_the_header_is_refused_when_parsing(string injection)
    {
        var jwt = JoseTestSupport.Craft(Header("EdDSA", MethodOf(_f.Issuer), extra: injection), Credential(_f.IssuerDid), _f.Issuer);
        Assert.Equal(CheckNames.StrictParse, FailedCheck(Run(_f.Verifier(), jwt)).Name);
    }

    [Fact]
    public void A_kid_naming_the_attackers_key_for_the_victims_credential_fails_issuer_binding()
    {
        var jwt = JoseTestSupport.Craft(Header("EdDSA", MethodOf(_f.Attacker)), Credential(_f.IssuerDid), _f.Attacker);
        AssertInvalidAt(Run(_f.Verifier(), jwt), CheckNames.IssuerBinding, ProblemTypes.CryptographicSecurityError);
    }

    [Theory]
    [InlineData("https://attacker.example/key")]
    [InlineData("did:evil:abc#1")]
    public void A_kid_that_is_no_DID_URL_of_an_allowed_method_fails_the_proof_structure_check(string kid)
    {
        var jwt = JoseTestSupport.Craft(Header("EdDSA", kid), Credential(_f.IssuerDid), _f.Issuer);
        AssertInvalidAt(Run(_f.Verifier(), jwt), CheckNames.ProofStructure, ProblemTypes.CryptographicSecurityError);
    }

    [Fact]
    public void A_zero_ECDSA_signature_is_refused()
    {
        using var key = TestData.Key(KeyType.P256);
        var jwt = JoseTestSupport.Craft(Header("ES256", MethodOf(key)), Credential(DidOf(key)), key, new byte[64]);
        AssertInvalidAt(Run(_f.Verifier(), jwt), CheckNames.TransformAndVerify, ProblemTypes.CryptographicSecurityError);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("JWT")]
    [InlineData("dc+sd-jwt")]
    public void A_missing_or_wrong_typ_is_refused_when_parsing(string? typ)
    {
        var jwt = CompactJws.Sign(Credential(_f.IssuerDid), _f.Issuer, MethodOf(_f.Issuer), typ);
        var result = Run(_f.Verifier(), jwt);
        Assert.Equal(CheckNames.StrictParse, FailedCheck(result).Name);
        Assert.Equal(ProblemTypes.MalformedValueError, Assert.Single(result.Problems).Type);
    }

    [Fact]
    public void An_expired_VC_JWT_is_a_range_error_at_the_validity_check()
    {
        var jwt = VcJose.IssueCredential(Credential(_f.IssuerDid, "\"validUntil\": \"2025-02-01T00:00:00Z\","), _f.Issuer, MethodOf(_f.Issuer));
        AssertInvalidAt(Run(_f.Verifier(), jwt), CheckNames.ValidityPeriod, ProblemTypes.RangeError);

        var exp = VcJose.IssueCredential(Credential(_f.IssuerDid, $"\"exp\": {TestData.Now.AddHours(-1).ToUnixTimeSeconds()},"), _f.Issuer, MethodOf(_f.Issuer));
        AssertInvalidAt(Run(_f.Verifier(), exp), CheckNames.ValidityPeriod, ProblemTypes.RangeError);
    }

    [Fact]
    public void An_iss_claim_naming_someone_else_fails_issuer_binding()
    {
        var jwt = VcJose.IssueCredential(Credential(_f.IssuerDid, "\"iss\": \"did:example:other\","), _f.Issuer, MethodOf(_f.Issuer));
        AssertInvalidAt(Run(_f.Verifier(), jwt), CheckNames.IssuerBinding, ProblemTypes.MalformedValueError);
    }

    [Fact]
    public void A_JOSE_algorithm_outside_the_allowlist_is_refused_when_parsing()
    {
        var jwt = VcJose.IssueCredential(Credential(_f.IssuerDid), _f.Issuer, MethodOf(_f.Issuer));
        var verifier = _f.Verifier(o => o with { AllowedJoseAlgorithms = [JwsAlgorithms.ES256] });
        Assert.Equal(CheckNames.StrictParse, FailedCheck(Run(verifier, jwt)).Name);
    }

    [Fact]
    public void Every_truncation_of_a_VC_JWT_or_SD_JWT_is_invalid_and_never_throws()
    {
        var jwt = VcJose.IssueCredential(Credential(_f.IssuerDid), _f.Issuer, MethodOf(_f.Issuer));
        var sdJwt = SdJwt.Issue(new System.Text.Json.Nodes.JsonObject { ["iss"] = _f.IssuerDid, ["vct"] = "https://trade.example/x", ["grade"] = "S355" }, _f.Issuer, new SdJwtIssueOptions
        {
            Kid = MethodOf(_f.Issuer),
            Random = new CounterRandom(),
            Disclosable = ["/grade"],
        });
        var verifier = _f.Verifier(o => o with { RequireSdJwtKeyBinding = false });
        AssertValid(Run(verifier, sdJwt));
        foreach (var token in new[] { jwt, sdJwt })
        {
            for (var length = 0; length < token.Length - 1; length += 7)
            {
                if (token[..length].EndsWith('~'))
                {
                    continue; // the SD-JWT with fewer disclosures: still a valid presentation
                }

                Assert.Equal(VerificationOutcome.Invalid, Run(verifier, token[..length]).Outcome);
            }
        }
    }
}
