using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.Jose;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using Tradeproof.Cryptography.Encoding;
using static Tradeproof.Credentials.Tests.Verification.VerificationFixture;

namespace Tradeproof.Credentials.Tests.Verification;

/// <summary>
/// The status of an SD-JWT credential (VC-JOSE-COSE's SD-JWT form: a <c>credentialStatus</c> claim with Bitstring Status
/// List entries) through the same status list checker as Data Integrity credentials: valid, revoked, an unreachable
/// list is "could not check"; a status claim is never selectively disclosable (issuer refuses, verifier refuses).
/// </summary>
public sealed class SdJwtStatusTests
{
    private readonly VerificationFixture _f = new();
    private readonly KeyPair _issuer;

    public SdJwtStatusTests() => _issuer = _f.Issuer;

    private CredentialVerifier Verifier() => _f.Verifier(o => o with { RequireSdJwtKeyBinding = false });

    private async Task<(string SdJwt, int Index)> IssueWithStatusAsync(string purpose = "revocation", IReadOnlyCollection<string>? disclosable = null)
    {
        var entries = await _f.StatusIssuer.AllocateAsync(new CredentialStatusRequest { CredentialId = "urn:uuid:" + Guid.NewGuid(), Issuer = DidOf(_issuer), StatusPurposes = [purpose] });
        var claims = Claims();
        claims["credentialStatus"] = JsonNode.Parse(entries[0].Json.GetRawText());
        var sdJwt = SdJwt.Issue(claims, _issuer, new SdJwtIssueOptions { Kid = MethodOf(_issuer), Random = new CounterRandom(), Disclosable = disclosable ?? ["/grade"] });
        return (sdJwt, int.Parse(entries[0].Json.GetProperty("statusListIndex").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private JsonObject Claims() => new()
    {
        ["iss"] = DidOf(_issuer),
        ["vct"] = "https://trade.example/mill-test-report",
        ["iat"] = TestData.Now.ToUnixTimeSeconds(),
        ["heat_number"] = "H-1234",
        ["grade"] = "S355",
    };

    [Fact]
    public async Task An_SD_JWT_credential_whose_status_bit_is_not_set_is_valid_and_the_receipt_names_the_list()
    {
        var (sdJwt, _) = await IssueWithStatusAsync();
        await _f.PublishAsync(RevocationUrl);
        var result = Run(Verifier(), sdJwt);
        AssertValid(result);
        Assert.Equal(CheckOutcome.Passed, result.Check(CheckNames.Status)!.Outcome);
        Assert.Equal([RevocationUrl], result.Receipt.StatusLists.Select(s => s.Id));
    }

    [Fact]
    public async Task A_revoked_SD_JWT_credential_is_invalid_at_the_status_check()
    {
        var (sdJwt, index) = await IssueWithStatusAsync();
        await _f.StatusIssuer.SetStatusAsync(RevocationUrl, index, 1);
        await _f.PublishAsync(RevocationUrl);
        var result = Run(Verifier(), sdJwt);
        AssertInvalidAt(result, CheckNames.Status, ProblemTypes.RangeError);
        Assert.Contains(result.Problems, p => p.Title == "Revoked");
    }

    [Fact]
    public async Task An_SD_JWT_credential_whose_list_is_unreachable_could_not_be_checked()
    {
        var (sdJwt, _) = await IssueWithStatusAsync();
        var result = Run(Verifier(), sdJwt);
        Assert.Equal(VerificationOutcome.Indeterminate, result.Outcome);
        Assert.Equal(CheckOutcome.Indeterminate, result.Check(CheckNames.Status)!.Outcome);
    }

    [Fact]
    public async Task A_list_published_by_another_issuer_does_not_vouch_for_the_SD_JWT_credential()
    {
        var (sdJwt, _) = await IssueWithStatusAsync();
        await _f.PublishAsync(RevocationUrl, _f.Attacker);
        Assert.Equal(CheckOutcome.Failed, Run(Verifier(), sdJwt).Check(CheckNames.Status)!.Outcome);
    }

    [Theory]
    [InlineData("/credentialStatus")]
    [InlineData("/credentialStatus/statusListIndex")]
    [InlineData("/status")]
    public void The_issuer_refuses_to_make_a_status_claim_selectively_disclosable(string pointer)
    {
        var claims = Claims();
        claims["credentialStatus"] = new JsonObject { ["type"] = "BitstringStatusListEntry", ["statusListIndex"] = "3" };
        claims["status"] = new JsonObject { ["status_list"] = new JsonObject { ["idx"] = 3, ["uri"] = "https://issuer.example/tsl" } };
        var refused = Assert.Throws<ArgumentException>(() => SdJwt.Issue(claims, _issuer, new SdJwtIssueOptions { Kid = MethodOf(_issuer), Random = new CounterRandom(), Disclosable = [pointer] }));
        Assert.Contains("always disclosed", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_SD_JWT_whose_signed_payload_conceals_its_status_is_refused_even_when_the_status_is_disclosed()
    {
        // Made by hand as a careless issuer would: credentialStatus behind a top-level digest. A holder could drop that
        // disclosure and the credential would look status-free; the verifier refuses it whether disclosed or not.
        var (_, index) = await IssueWithStatusAsync();
        await _f.PublishAsync(RevocationUrl);
        var entry = new JsonObject
        {
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = "revocation",
            ["statusListIndex"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["statusListCredential"] = RevocationUrl,
        };
        var disclosure = Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(new JsonArray("c2FsdHNhbHRzYWx0", "credentialStatus", entry).ToJsonString()));
        var payload = Claims();
        payload["_sd"] = new JsonArray(SdJwt.Digest(disclosure));
        payload["_sd_alg"] = SdJwt.HashAlgorithm;
        var jws = CompactJws.Sign(Encoding.UTF8.GetBytes(payload.ToJsonString()), _issuer, MethodOf(_issuer), SdJwt.SdJwtVcType);

        AssertInvalidAt(Run(Verifier(), jws + "~" + disclosure + "~"), CheckNames.TransformAndVerify, ProblemTypes.MalformedValueError);

        // Digests inside the status claim: the holder could withhold the index.
        var inner = Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(new JsonArray("c2FsdHNhbHRzYWx0", "statusListIndex", "0").ToJsonString()));
        var nested = Claims();
        nested["credentialStatus"] = new JsonObject { ["type"] = "BitstringStatusListEntry", ["statusPurpose"] = "revocation", ["statusListCredential"] = RevocationUrl, ["_sd"] = new JsonArray(SdJwt.Digest(inner)) };
        nested["_sd_alg"] = SdJwt.HashAlgorithm;
        var nestedJws = CompactJws.Sign(Encoding.UTF8.GetBytes(nested.ToJsonString()), _issuer, MethodOf(_issuer), SdJwt.SdJwtVcType);
        AssertInvalidAt(Run(Verifier(), nestedJws + "~"), CheckNames.TransformAndVerify, ProblemTypes.MalformedValueError);
    }
}
