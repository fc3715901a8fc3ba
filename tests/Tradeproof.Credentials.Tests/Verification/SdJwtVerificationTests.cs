using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.Jose;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using Tradeproof.Cryptography.Encoding;
using static Tradeproof.Credentials.Tests.Verification.VerificationFixture;

namespace Tradeproof.Credentials.Tests.Verification;

/// <summary>SD-JWT VC through the verifier: disclosures, reserved names, key binding, hash algorithm, each at its check.</summary>
public sealed class SdJwtVerificationTests
{
    private const string Audience = "https://verifier.example";
    private readonly VerificationFixture _f = new();
    private readonly KeyPair _issuer = TestData.Key(KeyType.P256, 1);
    private readonly KeyPair _holder = TestData.Key(KeyType.P256, 9);

    private JsonObject Claims() => new()
    {
        ["iss"] = DidOf(_issuer),
        ["vct"] = "https://trade.example/mill-test-report",
        ["iat"] = TestData.Now.ToUnixTimeSeconds(),
        ["heat_number"] = "H-1234",
        ["grade"] = "S355",
        ["address"] = new JsonObject { ["street"] = "Mill Road 1", ["country"] = "DE" },
    };

    private string Issue(JsonObject? claims = null) => SdJwt.Issue(claims ?? Claims(), _issuer, new SdJwtIssueOptions
    {
        Kid = MethodOf(_issuer),
        Random = new CounterRandom(),
        Disclosable = ["/grade", "/address/street"],
        HolderKey = _holder.PublicKey,
    });

    private string Present(string sdJwt, string nonce, KeyPair? holder = null, Func<SdJwtDisclosure, bool>? keep = null) =>
        SdJwt.Present(sdJwt, keep ?? (_ => true), holder ?? _holder, nonce, Audience, _f.Clock);

    private (CredentialVerifier Verifier, string Challenge) WithChallenge()
    {
        var store = new InMemoryChallengeStore(_f.Clock, new CounterRandom());
        return (_f.Verifier(o => o with { ChallengeStore = store, Domains = [Audience] }), store.Issue(Audience));
    }

    [Fact]
    public void An_SD_JWT_VC_with_key_binding_is_valid_and_its_claims_are_the_disclosed_ones()
    {
        var (verifier, challenge) = WithChallenge();
        var result = Run(verifier, Present(Issue(), challenge, keep: d => d.Name == "grade"), new VerificationRequest { Challenge = challenge });
        AssertValid(result);
        Assert.Equal(CredentialFormat.SdJwtVc, result.Format);
        Assert.Equal("S355", result.Claims!.Value.GetProperty("grade").GetString());
        Assert.False(result.Claims!.Value.GetProperty("address").TryGetProperty("street", out _));
        Assert.Equal(DidOf(_issuer), result.Party);
        Assert.Equal("challenge consumed", result.Check(CheckNames.ChallengeDomain)!.Reason);
    }

    [Fact]
    public void Stripped_key_binding_fails_the_proof_structure_check()
    {
        var (verifier, challenge) = WithChallenge();
        var stripped = SdJwt.Present(Issue(), _ => true, null, null, null);
        AssertInvalidAt(Run(verifier, stripped, new VerificationRequest { Challenge = challenge }), CheckNames.ProofStructure, ProblemTypes.CryptographicSecurityError);
    }

    [Fact]
    public void Without_key_binding_an_SD_JWT_VC_verifies_when_it_is_not_required()
    {
        var stripped = SdJwt.Present(Issue(), _ => true, null, null, null);
        AssertValid(Run(_f.Verifier(o => o with { RequireSdJwtKeyBinding = false }), stripped));
    }

    [Fact]
    public void Key_binding_by_another_key_fails_transform_and_verify()
    {
        var (verifier, challenge) = WithChallenge();
        using var thief = TestData.Key(KeyType.P256, 10);
        var stolen = Present(Issue(), challenge, thief);
        var result = Run(verifier, stolen, new VerificationRequest { Challenge = challenge });
        AssertInvalidAt(result, CheckNames.TransformAndVerify, ProblemTypes.CryptographicSecurityError);
        Assert.Contains(result.Problems, p => p.Title == "Key binding does not verify");
    }

    [Fact]
    public void A_key_binding_nonce_that_is_not_our_challenge_fails_the_challenge_check()
    {
        var (verifier, challenge) = WithChallenge();
        AssertInvalidAt(Run(verifier, Present(Issue(), "other", null), new VerificationRequest { Challenge = challenge }), CheckNames.ChallengeDomain, ProblemTypes.InvalidChallengeError);
    }

    [Fact]
    public void An_unreferenced_disclosure_fails_transform_and_verify()
    {
        var (verifier, challenge) = WithChallenge();
        var injected = Base64UrlStrict.Encode("[\"c2FsdA\",\"admin\",true]"u8);
        var presented = Present(Issue() + injected + "~", challenge);
        AssertInvalidAt(Run(verifier, presented, new VerificationRequest { Challenge = challenge }), CheckNames.TransformAndVerify, ProblemTypes.MalformedValueError);
    }

    [Fact]
    public void A_duplicated_disclosure_fails_transform_and_verify()
    {
        var (verifier, challenge) = WithChallenge();
        var sdJwt = Issue();
        var presented = Present(sdJwt + SdJwt.Disclosures(sdJwt)[0].Encoded + "~", challenge);
        Assert.Equal(CheckNames.TransformAndVerify, FailedCheck(Run(verifier, presented, new VerificationRequest { Challenge = challenge })).Name);
    }

    [Fact]
    public void An_edited_disclosure_fails_transform_and_verify()
    {
        var (verifier, challenge) = WithChallenge();
        var sdJwt = Issue();
        var grade = SdJwt.Disclosures(sdJwt).Single(d => d.Name == "grade");
        var edited = Base64UrlStrict.Encode(Encoding.UTF8.GetBytes($"[\"{grade.Salt}\",\"grade\",\"S235\"]"));
        var presented = Present(sdJwt.Replace(grade.Encoded, edited, StringComparison.Ordinal), challenge);
        Assert.Equal(CheckNames.TransformAndVerify, FailedCheck(Run(verifier, presented, new VerificationRequest { Challenge = challenge })).Name);
    }

    [Theory]
    [InlineData("[\"c2FsdA\",\"_sd\",[]]")]
    [InlineData("[\"c2FsdA\",\"...\",\"x\"]")]
    public void Reserved_claim_names_in_a_disclosure_fail_with_a_malformed_value(string disclosure)
    {
        var sdJwt = Issue() + Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(disclosure)) + "~";
        AssertInvalidAt(Run(_f.Verifier(o => o with { RequireSdJwtKeyBinding = false }), sdJwt), CheckNames.TransformAndVerify, ProblemTypes.MalformedValueError);
    }

    [Fact]
    public void An_unsupported_hash_algorithm_fails_the_proof_structure_check()
    {
        var claims = Claims();
        claims["_sd_alg"] = "md5";
        var jws = CompactJws.Sign(Encoding.UTF8.GetBytes(claims.ToJsonString()), _issuer, MethodOf(_issuer), SdJwt.SdJwtVcType);
        AssertInvalidAt(Run(_f.Verifier(o => o with { RequireSdJwtKeyBinding = false }), jws + "~"), CheckNames.ProofStructure, ProblemTypes.CryptographicSecurityError);
    }

    [Fact]
    public void An_SD_JWT_signed_by_a_key_its_iss_does_not_control_fails_issuer_binding()
    {
        using var attacker = TestData.Key(KeyType.P256, 2);
        var forged = SdJwt.Issue(Claims(), attacker, new SdJwtIssueOptions { Kid = MethodOf(attacker), Random = new CounterRandom(), Disclosable = [] });
        AssertInvalidAt(Run(_f.Verifier(o => o with { RequireSdJwtKeyBinding = false }), forged), CheckNames.IssuerBinding, ProblemTypes.CryptographicSecurityError);
    }

    [Fact]
    public void An_SD_JWT_without_vct_fails_the_data_model_check()
    {
        var claims = Claims();
        claims.Remove("vct");
        AssertInvalidAt(Run(_f.Verifier(o => o with { RequireSdJwtKeyBinding = false }), Issue(claims)), CheckNames.DataModel, ProblemTypes.MalformedValueError);
    }
}
