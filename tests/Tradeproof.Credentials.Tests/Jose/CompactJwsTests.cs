using System.Text;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography.Encoding;
using Tradeproof.Cryptography;
using static Tradeproof.Credentials.Tests.Jose.JoseTestSupport;

namespace Tradeproof.Credentials.Tests.Jose;

public sealed class CompactJwsTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"hello\":\"world\"}");

    [Theory]
    [InlineData(KeyType.P256, "ES256")]
    [InlineData(KeyType.P384, "ES384")]
    [InlineData(KeyType.Ed25519, "EdDSA")]
    [InlineData(KeyType.Secp256k1, "ES256K")]
    public void Sign_then_verify_round_trips_with_the_key_types_algorithm(KeyType type, string alg)
    {
        using var key = TestData.Key(type);
        var jws = CompactJws.Sign(Payload, key, "did:example:1#k", "example+jwt");
        Assert.True(CompactJws.TryParse(jws, null, out var parsed, out var problem), problem?.ToString());
        Assert.Equal(alg, parsed!.Header.Alg);
        Assert.Equal("did:example:1#k", parsed.Header.Kid);
        Assert.Equal("example+jwt", parsed.Header.Typ);
        Assert.Equal(Payload, parsed.Payload);
        Assert.True(parsed.VerifySignature(key.PublicKey));
    }

    [Fact]
    public void A_signature_under_another_key_type_is_algorithm_confusion_and_fails()
    {
        using var p256 = TestData.Key(KeyType.P256);
        using var k1 = TestData.Key(KeyType.Secp256k1);
        var jws = CompactJws.Sign(Payload, p256, null, null);
        Assert.True(CompactJws.TryParse(jws, null, out var parsed, out _));
        Assert.False(parsed!.VerifySignature(k1.PublicKey));

        // Header claims ES384 while the P-256 key signed: the key decides, so it fails.
        var forged = Craft("{\"alg\":\"ES384\"}", Payload, p256);
        Assert.True(CompactJws.TryParse(forged, null, out var confused, out _));
        Assert.False(confused!.VerifySignature(p256.PublicKey));
    }

    [Theory]
    [InlineData("{\"alg\":\"none\"}")]
    [InlineData("{\"alg\":\"None\"}")]
    [InlineData("{\"alg\":\"HS256\"}")]
    [InlineData("{\"alg\":\"RS256\"}")]
    [InlineData("{\"alg\":\"PS256\"}")]
    [InlineData("{\"alg\":\"ES512\"}")]
    [InlineData("{\"alg\":\"\"}")]
    [InlineData("{\"alg\":null}")]
    [InlineData("{\"alg\":[\"ES256\"]}")]
    [InlineData("{\"typ\":\"JWT\"}")]
    public void Unsupported_or_missing_alg_is_refused(string header)
    {
        using var key = TestData.Key(KeyType.P256);
        var jws = Craft(header, Payload, key);
        Assert.False(CompactJws.TryParse(jws, null, out _, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Alg_none_with_an_empty_signature_is_refused()
    {
        var jws = Base64UrlStrict.Encode("{\"alg\":\"none\"}"u8) + "." + Base64UrlStrict.Encode(Payload) + ".";
        Assert.False(CompactJws.TryParse(jws, null, out _, out var problem));
        Assert.Equal(ProblemTypes.CryptographicSecurityError, problem!.Type);
    }

    [Theory]
    [InlineData("jwk", "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}")]
    [InlineData("jku", "\"https://attacker.example/keys\"")]
    [InlineData("x5u", "\"https://attacker.example/cert\"")]
    [InlineData("x5c", "[\"MIIB\"]")]
    public void Key_material_in_the_header_is_refused(string name, string value)
    {
        using var key = TestData.Key(KeyType.P256);
        var jws = Craft($"{{\"alg\":\"ES256\",\"{name}\":{value}}}", Payload, key);
        Assert.False(CompactJws.TryParse(jws, null, out _, out var problem));
        Assert.Equal(ProblemTypes.CryptographicSecurityError, problem!.Type);
        Assert.Contains(name, problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"alg\":\"ES256\",\"crit\":[\"exp\"],\"exp\":1}")]
    [InlineData("{\"alg\":\"ES256\",\"crit\":[]}")]
    [InlineData("{\"alg\":\"ES256\",\"crit\":\"exp\"}")]
    [InlineData("{\"alg\":\"ES256\",\"crit\":[\"alg\"]}")]
    [InlineData("{\"alg\":\"ES256\",\"crit\":[\"absent\"]}")]
    [InlineData("{\"alg\":\"ES256\",\"b64\":false,\"crit\":[\"b64\"]}")]
    public void Critical_extensions_not_understood_are_refused(string header)
    {
        using var key = TestData.Key(KeyType.P256);
        Assert.False(CompactJws.TryParse(Craft(header, Payload, key), null, out _, out var problem));
        Assert.Equal(ProblemTypes.MalformedValueError, problem!.Type);
    }

    [Fact]
    public void An_understood_critical_extension_is_accepted_once()
    {
        using var key = TestData.Key(KeyType.P256);
        var options = new JwsParseOptions { UnderstoodCritical = new HashSet<string> { "ext" } };
        Assert.True(CompactJws.TryParse(Craft("{\"alg\":\"ES256\",\"ext\":1,\"crit\":[\"ext\"]}", Payload, key), options, out var jws, out _));
        Assert.Equal(["ext"], jws!.Header.Crit);
        Assert.False(CompactJws.TryParse(Craft("{\"alg\":\"ES256\",\"ext\":1,\"crit\":[\"ext\",\"ext\"]}", Payload, key), options, out _, out _));
    }

    [Theory]
    [InlineData("{\"alg\":\"ES256\"}", false)]
    [InlineData("{\"alg\":\"ES256\",\"typ\":\"JWT\"}", false)]
    [InlineData("{\"alg\":\"ES256\",\"typ\":\"vp+jwt\"}", false)]
    [InlineData("{\"alg\":\"ES256\",\"typ\":1}", false)]
    [InlineData("{\"alg\":\"ES256\",\"typ\":\"vc+jwt\"}", true)]
    [InlineData("{\"alg\":\"ES256\",\"typ\":\"application/VC+JWT\"}", true)]
    public void Required_typ_is_enforced(string header, bool accepted)
    {
        using var key = TestData.Key(KeyType.P256);
        var options = new JwsParseOptions { RequiredType = "vc+jwt" };
        Assert.Equal(accepted, CompactJws.TryParse(Craft(header, Payload, key), options, out _, out _));
    }

    [Fact]
    public void Duplicate_header_members_are_refused()
    {
        using var key = TestData.Key(KeyType.P256);
        Assert.False(CompactJws.TryParse(Craft("{\"alg\":\"ES256\",\"alg\":\"none\"}", Payload, key), null, out _, out var problem));
        Assert.Equal(ProblemTypes.ParsingError, problem!.Type);
    }

    [Fact]
    public void Ecdsa_zero_and_out_of_range_signatures_fail()
    {
        using var key = TestData.Key(KeyType.P256);
        var zero = Craft("{\"alg\":\"ES256\"}", Payload, key, new byte[64]);
        Assert.True(CompactJws.TryParse(zero, null, out var jws, out _));
        Assert.False(jws!.VerifySignature(key.PublicKey));

        var high = Enumerable.Repeat((byte)0xFF, 64).ToArray();
        Assert.True(CompactJws.TryParse(Craft("{\"alg\":\"ES256\"}", Payload, key, high), null, out jws, out _));
        Assert.False(jws!.VerifySignature(key.PublicKey));

        var shortSig = Craft("{\"alg\":\"ES256\"}", Payload, key, new byte[63]);
        Assert.True(CompactJws.TryParse(shortSig, null, out jws, out _));
        Assert.False(jws!.VerifySignature(key.PublicKey));
    }

    [Fact]
    public void Every_changed_character_fails()
    {
        using var key = TestData.Key(KeyType.Ed25519);
        var jws = CompactJws.Sign(Payload, key, null, null);
        for (var i = 0; i < jws.Length; i++)
        {
            if (jws[i] == '.')
            {
                continue;
            }

            var chars = jws.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            var mutated = new string(chars);
            var ok = CompactJws.TryParse(mutated, null, out var parsed, out _) && parsed!.VerifySignature(key.PublicKey);
            Assert.False(ok, $"position {i}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30=.AA")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9 .e30.AA")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e3+.AA")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e31.AA")]
    [InlineData("bnVsbA.e30.AA")]
    [InlineData("W10.e30.AA")]
    [InlineData("e30.e30.AA")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.A")]
    public void Malformed_compact_serializations_are_refused_without_exceptions(string jws)
    {
        Assert.False(CompactJws.TryParse(jws, null, out var parsed, out var problem));
        Assert.Null(parsed);
        Assert.NotNull(problem);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("Zg", true)]
    [InlineData("Zh", false)]
    [InlineData("Zm8", true)]
    [InlineData("Zm9", false)]
    [InlineData("Zg==", false)]
    [InlineData("Z", false)]
    [InlineData("Zm9v", true)]
    [InlineData("Zm9v\n", false)]
    [InlineData("+/8", false)]
    public void Base64url_decoding_is_canonical(string text, bool accepted) =>
        Assert.Equal(accepted, Base64UrlStrict.TryDecode(text, out _));
}
