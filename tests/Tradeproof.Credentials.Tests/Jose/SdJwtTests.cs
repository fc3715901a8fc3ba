using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography.Encoding;
using Tradeproof.Cryptography;
using static Tradeproof.Credentials.Tests.Jose.JoseTestSupport;

namespace Tradeproof.Credentials.Tests.Jose;

public sealed class SdJwtTests
{
    private const string Nonce = "n-42";
    private const string Audience = "https://verifier.example";

    private static JsonObject Claims(KeyPair issuer) => new()
    {
        ["iss"] = DidOf(issuer),
        ["vct"] = "https://trade.example/mill-test-report",
        ["iat"] = TestData.Now.ToUnixTimeSeconds(),
        ["heat_number"] = "H-1234",
        ["grade"] = "S355",
        ["address"] = new JsonObject { ["street"] = "Mill Road 1", ["country"] = "DE" },
        ["certifications"] = new JsonArray("ISO 9001", "EN 10204"),
    };

    private static string IssueSample(KeyPair issuer, KeyPair holder, int decoys = 0) => SdJwt.Issue(Claims(issuer), issuer, new SdJwtIssueOptions
    {
        Kid = TestData.MethodOf(issuer),
        Random = new CounterRandom(),
        Disclosable = ["/grade", "/address/street", "/address", "/certifications/1"],
        DecoysPerObject = decoys,
        HolderKey = holder.PublicKey,
    });

    private static SdJwtVerificationOptions Options() => new()
    {
        Jose = JoseTestSupport.Options() with { ExpectedNonce = Nonce, ExpectedAudience = Audience },
    };

    private static string PresentAll(string sdJwt, KeyPair holder) =>
        SdJwt.Present(sdJwt, _ => true, holder, Nonce, Audience, new FixedClock(TestData.Now));

    [Theory]
    [InlineData(KeyType.P256, KeyType.P256, 0)]
    [InlineData(KeyType.Ed25519, KeyType.P256, 2)]
    [InlineData(KeyType.P384, KeyType.Ed25519, 1)]
    [InlineData(KeyType.Secp256k1, KeyType.Secp256k1, 0)]
    public async Task Issue_present_all_and_verify_round_trips(KeyType issuerType, KeyType holderType, int decoys)
    {
        using var issuer = TestData.Key(issuerType, 1);
        using var holder = TestData.Key(holderType, 9);
        var sdJwt = IssueSample(issuer, holder, decoys);
        Assert.EndsWith("~", sdJwt, StringComparison.Ordinal);
        Assert.Equal(4, SdJwt.Disclosures(sdJwt).Count);
        var issuerPayload = DecodePart(sdJwt.Split('~')[0], 1);
        Assert.DoesNotContain("S355", issuerPayload, StringComparison.Ordinal);
        Assert.Contains("\"_sd_alg\":\"sha-256\"", issuerPayload, StringComparison.Ordinal);

        var result = await SdJwt.VerifyAsync(PresentAll(sdJwt, holder), Options());
        Assert.True(result.Verified, string.Join("; ", result.Problems));
        var payload = result.Payload!.Value;
        Assert.Equal("S355", payload.GetProperty("grade").GetString());
        Assert.Equal("Mill Road 1", payload.GetProperty("address").GetProperty("street").GetString());
        Assert.Equal(2, payload.GetProperty("certifications").GetArrayLength());
        Assert.Equal("EN 10204", payload.GetProperty("certifications")[1].GetString());
        Assert.False(payload.TryGetProperty("_sd_alg", out _));
        Assert.False(payload.GetProperty("address").TryGetProperty("_sd", out _));
    }

    [Fact]
    public async Task A_subset_reveals_only_what_was_chosen()
    {
        using var issuer = TestData.Key(KeyType.P256, 1);
        using var holder = TestData.Key(KeyType.P256, 9);
        var sdJwt = IssueSample(issuer, holder);
        var presented = SdJwt.Present(sdJwt, d => d.Name is "address", holder, Nonce, Audience, new FixedClock(TestData.Now));
        var result = await SdJwt.VerifyAsync(presented, Options());
        Assert.True(result.Verified, string.Join("; ", result.Problems));
        var payload = result.Payload!.Value;
        Assert.False(payload.TryGetProperty("grade", out _));
        Assert.Equal("DE", payload.GetProperty("address").GetProperty("country").GetString());
        Assert.False(payload.GetProperty("address").TryGetProperty("street", out _));
        Assert.Equal(1, payload.GetProperty("certifications").GetArrayLength());
    }

    [Fact]
    public async Task A_disclosure_whose_parent_is_withheld_is_unreferenced_and_fails()
    {
        using var issuer = TestData.Key(KeyType.P256, 1);
        using var holder = TestData.Key(KeyType.P256, 9);
        var presented = SdJwt.Present(IssueSample(issuer, holder), d => d.Name is "street", holder, Nonce, Audience, new FixedClock(TestData.Now));
        var result = await SdJwt.VerifyAsync(presented, Options());
        Assert.Contains(result.Problems, p => p.Detail!.Contains("not referenced", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Duplicated_disclosures_fail()
    {
        using var issuer = TestData.Key(KeyType.P256, 1);
        using var holder = TestData.Key(KeyType.P256, 9);
        var sdJwt = IssueSample(issuer, holder);
        var first = SdJwt.Disclosures(sdJwt)[0].Encoded;
        var presented = SdJwt.Present(sdJwt + first + "~", _ => true, holder, Nonce, Audience, new FixedClock(TestData.Now));
        Assert.False((await SdJwt.VerifyAsync(presented, Options())).Verified);
    }

    [Fact]
    public async Task Edited_or_injected_disclosures_fail()
    {
        using var issuer = TestData.Key(KeyType.P256, 1);
        using var holder = TestData.Key(KeyType.P256, 9);
        var sdJwt = IssueSample(issuer, holder);
        var grade = SdJwt.Disclosures(sdJwt).Single(d => d.Name == "grade");
        var edited = Base64UrlStrict.Encode(Encoding.UTF8.GetBytes($"[\"{grade.Salt}\",\"grade\",\"S235\"]"));
        var tampered = SdJwt.Present(sdJwt.Replace(grade.Encoded, edited, StringComparison.Ordinal), _ => true, holder, Nonce, Audience, new FixedClock(TestData.Now));
        var result = await SdJwt.VerifyAsync(tampered, Options());
        Assert.False(result.Verified);

        var injected = Base64UrlStrict.Encode("[\"c2FsdA\",\"admin\",true]"u8);
        var withExtra = SdJwt.Present(sdJwt + injected + "~", _ => true, holder, Nonce, Audience, new FixedClock(TestData.Now));
        Assert.False((await SdJwt.VerifyAsync(withExtra, Options())).Verified);
    }

    [Theory]
    [InlineData("[\"c2FsdA\",\"_sd\",[]]")]
    [InlineData("[\"c2FsdA\",\"...\",\"x\"]")]
    [InlineData("[\"c2FsdA\"]")]
    [InlineData("[\"c2FsdA\",1,2]")]
    [InlineData("{\"a\":1}")]
    [InlineData("[\"c2FsdA\",\"a\",1,2]")]
    public async Task Reserved_or_malformed_disclosures_fail(string disclosureJson)
    {
        using var issuer = TestData.Key(KeyType.P256, 1);
        using var holder = TestData.Key(KeyType.P256, 9);
        var sdJwt = IssueSample(issuer, holder) + Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(disclosureJson)) + "~";
        var result = await SdJwt.VerifyAsync(sdJwt, Options() with { RequireKeyBinding = false });
        Assert.False(result.Verified);
        Assert.Equal(ProblemTypes.MalformedValueError, result.Problems[0].Type);
    }

    [Fact]
    public async Task Stripped_or_wrong_key_binding_fails()
    {
        using var issuer = TestData.Key(KeyType.P256, 1);
        using var holder = TestData.Key(KeyType.P256, 9);
        using var thief = TestData.Key(KeyType.P256, 10);
        var sdJwt = IssueSample(issuer, holder);
        var clock = new FixedClock(TestData.Now);

        var stripped = SdJwt.Present(sdJwt, _ => true, null, null, null);
        Assert.Contains((await SdJwt.VerifyAsync(stripped, Options())).Problems, p => p.Title == "Key binding missing");
        Assert.True((await SdJwt.VerifyAsync(stripped, Options() with { RequireKeyBinding = false })).Verified);

        var stolen = SdJwt.Present(sdJwt, _ => true, thief, Nonce, Audience, clock);
        Assert.Contains((await SdJwt.VerifyAsync(stolen, Options())).Problems, p => p.Title == "Key binding does not verify");

        var good = PresentAll(sdJwt, holder);
        Assert.Contains((await SdJwt.VerifyAsync(good, Options() with { Jose = Options().Jose with { ExpectedNonce = "other" } })).Problems, p => p.Type == ProblemTypes.InvalidChallengeError);
        Assert.Contains((await SdJwt.VerifyAsync(good, Options() with { Jose = Options().Jose with { ExpectedAudience = "https://x" } })).Problems, p => p.Type == ProblemTypes.InvalidDomainError);

        var old = SdJwt.Present(sdJwt, _ => true, holder, Nonce, Audience, new FixedClock(TestData.Now.AddHours(-1)));
        Assert.Contains((await SdJwt.VerifyAsync(old, Options())).Problems, p => p.Type == ProblemTypes.RangeError);

        // A key binding JWT moved onto a presentation with fewer disclosures no longer matches sd_hash.
        var kb = good[(good.LastIndexOf('~') + 1)..];
        var fewer = SdJwt.Present(sdJwt, d => d.Name == "grade", null, null, null) + kb;
        Assert.Contains((await SdJwt.VerifyAsync(fewer, Options())).Problems, p => p.Title == "Key binding sd_hash mismatch");
    }

    [Fact]
    public async Task Unsupported_hash_algorithms_are_refused()
    {
        using var issuer = TestData.Key(KeyType.P256, 1);
        var claims = Claims(issuer);
        claims["_sd_alg"] = "md5";
        var jws = CompactJws.Sign(Encoding.UTF8.GetBytes(claims.ToJsonString()), issuer, TestData.MethodOf(issuer), "dc+sd-jwt");
        var result = await SdJwt.VerifyAsync(jws + "~", Options() with { RequireKeyBinding = false });
        Assert.Equal("Unsupported _sd_alg", Assert.Single(result.Problems).Title);
    }

    [Fact]
    public async Task Wrong_typ_wrong_issuer_and_missing_vct_fail()
    {
        using var issuer = TestData.Key(KeyType.P256, 1);
        using var attacker = TestData.Key(KeyType.P256, 2);
        var options = new SdJwtIssueOptions { Kid = TestData.MethodOf(issuer), Random = new CounterRandom(), Disclosable = [] };
        var wrongTyp = SdJwt.Issue(Claims(issuer), issuer, options with { Type = "JWT" });
        Assert.False((await SdJwt.VerifyAsync(wrongTyp, Options() with { RequireKeyBinding = false })).Verified);

        var impostor = SdJwt.Issue(Claims(issuer), attacker, options with { Kid = TestData.MethodOf(attacker) });
        Assert.Contains((await SdJwt.VerifyAsync(impostor, Options() with { RequireKeyBinding = false })).Problems, p => p.Title == "Issuer is not the signer");

        var noVct = Claims(issuer);
        noVct.Remove("vct");
        Assert.Contains((await SdJwt.VerifyAsync(SdJwt.Issue(noVct, issuer, options), Options() with { RequireKeyBinding = false })).Problems, p => p.Title == "SD-JWT VC without vct");
    }

    [Fact]
    public void Issuing_reserved_or_missing_paths_is_misuse()
    {
        using var issuer = TestData.Key(KeyType.P256, 1);
        var options = new SdJwtIssueOptions { Kid = TestData.MethodOf(issuer), Random = new CounterRandom(), Disclosable = ["/nope"] };
        Assert.Throws<ArgumentException>(() => SdJwt.Issue(Claims(issuer), issuer, options));
        var reserved = Claims(issuer);
        reserved["_sd"] = new JsonArray();
        Assert.Throws<ArgumentException>(() => SdJwt.Issue(reserved, issuer, options with { Disclosable = [] }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("~")]
    [InlineData("a.b.c~")]
    [InlineData("~~~")]
    [InlineData("eyJhbGciOiJub25lIn0.e30.~")]
    public async Task Garbage_is_reported_never_thrown(string? input)
    {
        var result = await SdJwt.VerifyAsync(input, Options());
        Assert.False(result.Verified);
    }

    [Fact]
    public void Disclosure_digest_matches_the_rfc_example()
    {
        // RFC 9901 §5.1 example: the disclosure of "family_name": "Doe".
        Assert.Equal("TGf4oLbgwd5JQaHyKVQZU9UdGE0w5rtDsrZzfUaomLo", SdJwt.Disclosures("x~WyJlbHVWNU9nM2dTTklJOEVZbnN4QV9BIiwgImZhbWlseV9uYW1lIiwgIkRvZSJd~")[0].Digest);
    }
}
