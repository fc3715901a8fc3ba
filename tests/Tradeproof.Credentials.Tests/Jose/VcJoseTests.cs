using System.Text;
using System.Text.Json;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography.Encoding;
using Tradeproof.Cryptography;
using static Tradeproof.Credentials.Tests.Jose.JoseTestSupport;

namespace Tradeproof.Credentials.Tests.Jose;

public sealed class VcJoseTests
{
    [Theory]
    [InlineData(KeyType.P256)]
    [InlineData(KeyType.P384)]
    [InlineData(KeyType.Ed25519)]
    [InlineData(KeyType.Secp256k1)]
    public async Task Credential_round_trips_and_the_payload_is_the_credential(KeyType type)
    {
        using var key = TestData.Key(type);
        var credential = CredentialFor(DidOf(key));
        var jwt = VcJose.IssueCredential(credential, key, TestData.MethodOf(key));
        Assert.Equal(Encoding.UTF8.GetString(credential), DecodePart(jwt, 1));
        Assert.Contains("\"typ\":\"vc+jwt\"", DecodePart(jwt, 0), StringComparison.Ordinal);

        var result = await VcJose.VerifyCredentialAsync(jwt, Options());
        Assert.True(result.Verified, string.Join("; ", result.Problems));
        Assert.Equal(TestData.MethodOf(key), result.VerificationMethod);
        Assert.Equal(DidOf(key), result.Controller);
        Assert.Equal("H-1234", result.Payload!.Value.GetProperty("credentialSubject").GetProperty("heatNumber").GetString());
    }

    [Fact]
    public async Task A_relative_kid_resolves_against_the_issuer()
    {
        using var key = TestData.Key(KeyType.P256);
        var jwt = VcJose.IssueCredential(CredentialFor(DidOf(key)), key, "#" + key.PublicKey.ToMultibase());
        Assert.True((await VcJose.VerifyCredentialAsync(jwt, Options())).Verified);
    }

    [Fact]
    public async Task An_attackers_valid_key_claiming_another_issuer_fails_issuer_binding()
    {
        using var customs = TestData.Key(KeyType.P256, 1);
        using var attacker = TestData.Key(KeyType.P256, 2);
        var jwt = VcJose.IssueCredential(CredentialFor(DidOf(customs)), attacker, TestData.MethodOf(attacker));
        var result = await VcJose.VerifyCredentialAsync(jwt, Options());
        Assert.False(result.Verified);
        Assert.Contains(result.Problems, p => p.Type == ProblemTypes.CryptographicSecurityError && p.Title == "Issuer is not the signer");
    }

    [Fact]
    public async Task A_kid_naming_the_issuers_key_over_an_attackers_signature_fails()
    {
        using var customs = TestData.Key(KeyType.P256, 1);
        using var attacker = TestData.Key(KeyType.P256, 2);
        var jwt = CompactJws.Sign(CredentialFor(DidOf(customs)), attacker, TestData.MethodOf(customs), "vc+jwt");
        var result = await VcJose.VerifyCredentialAsync(jwt, Options());
        Assert.Contains(result.Problems, p => p.Title == "Signature does not verify");
    }

    [Fact]
    public async Task Missing_kid_or_non_did_kid_fails()
    {
        using var key = TestData.Key(KeyType.P256);
        var credential = CredentialFor(DidOf(key));
        Assert.False((await VcJose.VerifyCredentialAsync(CompactJws.Sign(credential, key, null, "vc+jwt"), Options())).Verified);
        Assert.False((await VcJose.VerifyCredentialAsync(CompactJws.Sign(credential, key, "https://attacker.example/key", "vc+jwt"), Options())).Verified);
        Assert.False((await VcJose.VerifyCredentialAsync(CompactJws.Sign(credential, key, "did:key:zNotAKey#x", "vc+jwt"), Options())).Verified);
    }

    [Fact]
    public async Task Algorithm_confusion_against_the_resolved_key_fails()
    {
        using var key = TestData.Key(KeyType.P256);
        using var ed = TestData.Key(KeyType.Ed25519);
        var header = $"{{\"alg\":\"EdDSA\",\"kid\":\"{TestData.MethodOf(key)}\",\"typ\":\"vc+jwt\"}}";
        var jwt = Craft(header, CredentialFor(DidOf(key)), ed);
        var result = await VcJose.VerifyCredentialAsync(jwt, Options());
        Assert.Contains(result.Problems, p => p.Type == ProblemTypes.CryptographicSecurityError);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("JWT")]
    [InlineData("vp+jwt")]
    [InlineData("dc+sd-jwt")]
    public async Task Missing_or_wrong_typ_fails(string? typ)
    {
        using var key = TestData.Key(KeyType.P256);
        var jwt = CompactJws.Sign(CredentialFor(DidOf(key)), key, TestData.MethodOf(key), typ);
        var result = await VcJose.VerifyCredentialAsync(jwt, Options());
        Assert.False(result.Verified);
        Assert.Equal(ProblemTypes.MalformedValueError, Assert.Single(result.Problems).Type);
    }

    [Fact]
    public async Task Wrong_cty_fails()
    {
        using var key = TestData.Key(KeyType.P256);
        var jwt = CompactJws.Sign(CredentialFor(DidOf(key)), key, TestData.MethodOf(key), "vc+jwt", "vp");
        Assert.False((await VcJose.VerifyCredentialAsync(jwt, Options())).Verified);
        var ok = CompactJws.Sign(CredentialFor(DidOf(key)), key, TestData.MethodOf(key), "vc+jwt", "vc");
        Assert.True((await VcJose.VerifyCredentialAsync(ok, Options())).Verified);
    }

    [Fact]
    public async Task A_tampered_payload_fails()
    {
        using var key = TestData.Key(KeyType.P256);
        var jwt = VcJose.IssueCredential(CredentialFor(DidOf(key)), key, TestData.MethodOf(key));
        var parts = jwt.Split('.');
        var edited = Encoding.UTF8.GetString(CredentialFor(DidOf(key))).Replace("H-1234", "H-9999", StringComparison.Ordinal);
        var tampered = parts[0] + "." + Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(edited)) + "." + parts[2];
        var result = await VcJose.VerifyCredentialAsync(tampered, Options());
        Assert.Contains(result.Problems, p => p.Type == ProblemTypes.CryptographicSecurityError);
    }

    [Fact]
    public async Task Expired_and_not_yet_valid_credentials_are_range_errors()
    {
        using var key = TestData.Key(KeyType.P256);
        var jwt = VcJose.IssueCredential(CredentialFor(DidOf(key), "\n\"validUntil\": \"2025-02-01T00:00:00Z\","), key, TestData.MethodOf(key));
        var result = await VcJose.VerifyCredentialAsync(jwt, Options());
        Assert.Equal(ProblemTypes.RangeError, Assert.Single(result.Problems).Type);

        var early = await VcJose.VerifyCredentialAsync(VcJose.IssueCredential(CredentialFor(DidOf(key)), key, TestData.MethodOf(key)), Options(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(ProblemTypes.RangeError, Assert.Single(early.Problems).Type);
    }

    [Fact]
    public async Task Jwt_claims_beside_the_credential_are_checked()
    {
        using var key = TestData.Key(KeyType.P256);
        var exp = TestData.Now.AddMinutes(-10).ToUnixTimeSeconds();
        var expired = VcJose.IssueCredential(CredentialFor(DidOf(key), $"\n\"exp\": {exp},"), key, TestData.MethodOf(key));
        Assert.Contains((await VcJose.VerifyCredentialAsync(expired, Options())).Problems, p => p.Type == ProblemTypes.RangeError);

        var wrongIss = VcJose.IssueCredential(CredentialFor(DidOf(key), "\n\"iss\": \"did:example:other\","), key, TestData.MethodOf(key));
        Assert.Contains((await VcJose.VerifyCredentialAsync(wrongIss, Options())).Problems, p => p.Title == "iss does not match the issuer");

        var rightIss = VcJose.IssueCredential(CredentialFor(DidOf(key), $"\n\"iss\": \"{DidOf(key)}\","), key, TestData.MethodOf(key));
        Assert.True((await VcJose.VerifyCredentialAsync(rightIss, Options())).Verified);
    }

    [Fact]
    public async Task Payload_that_is_not_a_credential_is_a_data_model_problem()
    {
        using var key = TestData.Key(KeyType.P256);
        var notVc = CompactJws.Sign("{\"sub\":\"x\"}"u8, key, TestData.MethodOf(key), "vc+jwt");
        var result = await VcJose.VerifyCredentialAsync(notVc, Options());
        Assert.False(result.Verified);
        Assert.All(result.Problems, p => Assert.Equal(ProblemTypes.MalformedValueError, p.Type));

        var notJson = CompactJws.Sign("not json"u8, key, TestData.MethodOf(key), "vc+jwt");
        Assert.Equal(ProblemTypes.ParsingError, (await VcJose.VerifyCredentialAsync(notJson, Options())).Problems[0].Type);
    }

    [Fact]
    public void Issuing_something_that_is_not_a_credential_is_misuse()
    {
        using var key = TestData.Key(KeyType.P256);
        Assert.Throws<ArgumentException>(() => VcJose.IssueCredential("{}"u8, key, TestData.MethodOf(key)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.e30.")]
    public async Task Garbage_is_reported_never_thrown(string? jwt)
    {
        var result = await VcJose.VerifyCredentialAsync(jwt, Options());
        Assert.False(result.Verified);
        Assert.NotEmpty(result.Problems);
    }

    [Fact]
    public async Task Enveloped_credential_in_a_presentation_round_trips_with_nonce_and_audience()
    {
        using var issuer = TestData.Key(KeyType.P256, 1);
        using var holder = TestData.Key(KeyType.Ed25519, 3);
        var vcJwt = VcJose.IssueCredential(CredentialFor(DidOf(issuer)), issuer, TestData.MethodOf(issuer));
        var envelope = VcJose.Envelope(vcJwt);
        using (var doc = JsonDocument.Parse(envelope))
        {
            Assert.True(VcJose.TryUnwrap(doc.RootElement, out var mediaType, out var token, out _));
            Assert.Equal("application/vc+jwt", mediaType);
            Assert.Equal(vcJwt, token);
        }

        var vp = Encoding.UTF8.GetBytes($$"""
            {"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiablePresentation"],"holder":"{{DidOf(holder)}}",
             "nonce":"n-123","aud":"https://verifier.example","verifiableCredential":[{{Encoding.UTF8.GetString(envelope)}}]}
            """);
        var vpJwt = VcJose.IssuePresentation(vp, holder, TestData.MethodOf(holder));
        var options = Options() with { ExpectedNonce = "n-123", ExpectedAudience = "https://verifier.example" };
        var result = await VcJose.VerifyPresentationAsync(vpJwt, options);
        Assert.True(result.Verified, string.Join("; ", result.Problems));
        Assert.True(Assert.Single(result.Credentials).Verified);

        Assert.Contains((await VcJose.VerifyPresentationAsync(vpJwt, options with { ExpectedNonce = "other" })).Problems, p => p.Type == ProblemTypes.InvalidChallengeError);
        Assert.Contains((await VcJose.VerifyPresentationAsync(vpJwt, options with { ExpectedAudience = "https://else.example" })).Problems, p => p.Type == ProblemTypes.InvalidDomainError);

        // A VC-JWT is not a VP-JWT and vice versa.
        Assert.False((await VcJose.VerifyPresentationAsync(vcJwt, options)).Verified);
        Assert.False((await VcJose.VerifyCredentialAsync(vpJwt, options)).Verified);
    }

    [Fact]
    public async Task A_presentation_signed_by_someone_other_than_the_holder_fails()
    {
        using var holder = TestData.Key(KeyType.Ed25519, 3);
        using var thief = TestData.Key(KeyType.Ed25519, 4);
        var vp = Encoding.UTF8.GetBytes($$"""{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiablePresentation"],"holder":"{{DidOf(holder)}}"}""");
        var result = await VcJose.VerifyPresentationAsync(VcJose.IssuePresentation(vp, thief, TestData.MethodOf(thief)), Options());
        Assert.Contains(result.Problems, p => p.Title == "Holder is not the signer");
    }

    [Fact]
    public async Task A_tampered_enveloped_credential_fails_the_presentation()
    {
        using var issuer = TestData.Key(KeyType.P256, 1);
        using var holder = TestData.Key(KeyType.P256, 3);
        var vcJwt = VcJose.IssueCredential(CredentialFor(DidOf(issuer)), issuer, TestData.MethodOf(issuer));
        var bad = vcJwt[..^2] + (vcJwt[^2] == 'A' ? "B" : "A") + vcJwt[^1];
        var vp = Encoding.UTF8.GetBytes($$"""{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiablePresentation"],"holder":"{{DidOf(holder)}}","verifiableCredential":[{{Encoding.UTF8.GetString(VcJose.Envelope(bad))}}]}""");
        var result = await VcJose.VerifyPresentationAsync(VcJose.IssuePresentation(vp, holder, TestData.MethodOf(holder)), Options());
        Assert.False(result.Verified);
        Assert.False(Assert.Single(result.Credentials).Verified);
    }

    [Theory]
    [InlineData("{\"type\":\"EnvelopedVerifiableCredential\"}")]
    [InlineData("{\"type\":\"EnvelopedVerifiableCredential\",\"id\":\"https://x\"}")]
    [InlineData("{\"type\":\"EnvelopedVerifiableCredential\",\"id\":\"data:application/vc+jwt;base64,eyJ\"}")]
    [InlineData("{\"type\":\"EnvelopedVerifiableCredential\",\"id\":\"data:application/vc+jwt,\"}")]
    [InlineData("{\"type\":\"VerifiableCredential\",\"id\":\"data:application/vc+jwt,a.b.c\"}")]
    [InlineData("[]")]
    public void Malformed_envelopes_are_refused(string json)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.False(VcJose.TryUnwrap(doc.RootElement, out _, out _, out var problem));
        Assert.Equal(ProblemTypes.MalformedValueError, problem!.Type);
    }
}
