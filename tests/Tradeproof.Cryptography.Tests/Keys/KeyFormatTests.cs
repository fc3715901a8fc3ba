using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Cryptography.Tests.Keys;

public class KeyFormatTests
{
    public static TheoryData<KeyType> SigningTypes => new() { KeyType.Ed25519, KeyType.P256, KeyType.P384, KeyType.P521, KeyType.Secp256k1 };

    [Theory]
    [MemberData(nameof(SigningTypes))]
    public void Every_format_round_trips(KeyType type)
    {
        using var pair = KeyPair.Generate(type);
        var key = pair.PublicKey;

        Assert.Equal(key, PublicKey.FromMultibase(key.ToMultibase()));
        Assert.Equal(key, PublicKey.FromJwk(key.ToJwk()));
        Assert.Equal(key, PublicKey.FromJwk(Jwk.Parse(key.ToJwk().ToJson())));
        Assert.Equal(key, PublicKey.FromBytes(type, key.Bytes));

        using var fromMultibase = KeyPair.FromSecretMultibase(pair.ExportSecretMultibase());
        using var fromJwk = KeyPair.FromJwk(Jwk.Parse(pair.ExportPrivateJwk().ToJson(includePrivate: true)));
        using var fromBytes = KeyPair.FromSecretBytes(type, pair.ExportSecretBytes());
        foreach (var copy in new[] { fromMultibase, fromJwk, fromBytes })
        {
            Assert.Equal(key, copy.PublicKey);
            Assert.True(key.Verify("x"u8, copy.Sign("x"u8)));
        }
    }

    [Theory]
    [InlineData(KeyType.Ed25519, "z6Mk")]
    [InlineData(KeyType.P256, "zDna")]
    [InlineData(KeyType.P384, "z82L")]
    [InlineData(KeyType.P521, "z2J9")]
    [InlineData(KeyType.Secp256k1, "zQ3s")]
    public void Multikey_prefixes_match_the_did_key_spec(KeyType type, string prefix)
    {
        using var pair = KeyPair.Generate(type);
        Assert.StartsWith(prefix, pair.PublicKey.ToMultibase(), StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_multikey_prefixes()
    {
        using var ed = KeyPair.Generate(KeyType.Ed25519);
        using var p256 = KeyPair.Generate(KeyType.P256);
        Assert.StartsWith("z3u2", ed.ExportSecretMultibase(), StringComparison.Ordinal);
        Assert.StartsWith("z42t", p256.ExportSecretMultibase(), StringComparison.Ordinal);
    }

    [Fact]
    public void X25519_key_of_the_spec_example()
    {
        // did:key spec, Test Vectors: the Ed25519 key and its derived X25519 key agreement key.
        var ed = PublicKey.FromMultibase("z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK");
        Assert.Equal("z6LSj72tK8brWgZja8NLRwPigth2T9QRiG1uH9oKZuKjdh9p", ed.ToX25519().ToMultibase());
    }

    [Fact]
    public void Known_jwk_of_rfc8037_appendix_a()
    {
        // RFC 8037 A.1/A.2: the RFC 8032 TEST 1 key as an OKP JWK.
        var jwk = Jwk.Parse("""{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""");
        using var pair = KeyPair.FromJwk(jwk);
        Assert.Equal("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", Convert.ToHexStringLower(pair.PublicKey.Bytes));
        Assert.Equal("""{"crv":"Ed25519","kty":"OKP","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", pair.PublicKey.ToJwk().ToJson());
    }

    [Theory]
    [InlineData("""{"kty":"OKP","crv":"Ed448","x":"AAAA"}""")]
    [InlineData("""{"kty":"RSA","n":"AQAB","e":"AQAB"}""")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo="}""")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR"}""")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURp"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns","y":"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIQ"}""")]
    [InlineData("""{"kty":"EC","crv":"P-384","x":"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns","y":"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM"}""")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":1,"y":"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM"}""")]
    [InlineData("""{"crv":"P-256"}""")]
    [InlineData("""[]""")]
    public void Bad_jwks_are_refused_with_a_key_format_error(string json)
    {
        Assert.Throws<KeyFormatException>(() => PublicKey.FromJwk(Jwk.Parse(json)));
    }

    [Fact]
    public void Nist_vector_jwk_is_on_the_curve()
    {
        var key = PublicKey.FromJwk(Jwk.Parse("""{"kty":"EC","crv":"P-256","x":"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns","y":"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM"}"""));
        Assert.Equal("zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv", key.ToMultibase());
    }

    [Theory]
    [InlineData(KeyType.Ed25519, 31)]
    [InlineData(KeyType.Ed25519, 33)]
    [InlineData(KeyType.X25519, 0)]
    [InlineData(KeyType.P256, 32)]
    [InlineData(KeyType.P256, 64)]
    [InlineData(KeyType.Secp256k1, 34)]
    public void Wrong_lengths_are_refused(KeyType type, int length)
    {
        var e = Assert.Throws<KeyFormatException>(() => PublicKey.FromBytes(type, new byte[length]));
        Assert.Equal(KeyFormatException.InvalidPublicKeyLength, e.Code);
    }

    [Fact]
    public void Unknown_multicodec_and_bad_multibase_are_refused()
    {
        var bls = Assert.Throws<KeyFormatException>(() => PublicKey.FromMultibase(Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.Prefix(MulticodecCode.Bls12381G2Pub, new byte[96]))));
        Assert.Equal(KeyFormatException.UnsupportedPublicKeyType, bls.Code);
        Assert.Throws<KeyFormatException>(() => PublicKey.FromMultibase("z0OIl"));
        Assert.Throws<KeyFormatException>(() => PublicKey.FromMultibase("u7QE"));
        Assert.Throws<KeyFormatException>(() => PublicKey.FromMultibase(string.Empty));
    }

    [Fact]
    public void Generation_uses_the_injected_random_source()
    {
        using var a = KeyPair.Generate(KeyType.Ed25519, new CountingRandom(1));
        using var b = KeyPair.Generate(KeyType.Ed25519, new CountingRandom(1));
        using var c = KeyPair.Generate(KeyType.Ed25519, new CountingRandom(2));
        Assert.Equal(a.PublicKey, b.PublicKey);
        Assert.NotEqual(a.PublicKey, c.PublicKey);

        // secp256k1 and P-256: bytes of 0xff are >= n and are drawn again (rejection sampling).
        using var k1 = KeyPair.Generate(KeyType.Secp256k1, new CountingRandom(0xff, firstAllOnes: true));
        using var k2 = KeyPair.Generate(KeyType.Secp256k1, new CountingRandom(0xff, firstAllOnes: false));
        Assert.Equal(k1.PublicKey, k2.PublicKey);
    }

    [Theory]
    [MemberData(nameof(SigningTypes))]
    public void Secrets_are_never_printed(KeyType type)
    {
        using var pair = KeyPair.Generate(type);
        var secretMultibase = pair.ExportSecretMultibase();
        var jwk = pair.ExportPrivateJwk();
        Assert.DoesNotContain(secretMultibase, pair.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(jwk.D!, pair.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(jwk.D!, jwk.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"d\"", jwk.ToJson(), StringComparison.Ordinal);
        Assert.Contains(jwk.D!, jwk.ToJson(includePrivate: true), StringComparison.Ordinal);

        // A private JWK whose public part does not match: the error names no secret.
        var other = KeyPair.Generate(type).ExportPrivateJwk();
        var mixed = new Jwk { Kty = jwk.Kty, Crv = jwk.Crv, X = other.X, Y = other.Y, D = jwk.D };
        var e = Assert.Throws<KeyFormatException>(() => KeyPair.FromJwk(mixed));
        Assert.DoesNotContain(jwk.D!, e.ToString(), StringComparison.Ordinal);

        // A corrupted secret multibase: the error does not quote it.
        var corrupted = secretMultibase[..^1] + "0";
        var e2 = Assert.Throws<KeyFormatException>(() => KeyPair.FromSecretMultibase(corrupted));
        Assert.DoesNotContain(corrupted[1..], e2.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Disposed_key_pairs_refuse_to_sign()
    {
        var pair = KeyPair.Generate(KeyType.Ed25519);
        pair.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pair.Sign("m"u8));
        Assert.Throws<ObjectDisposedException>(() => pair.ExportSecretBytes());
    }

    [Fact]
    public void X25519_keys_cannot_sign_or_verify()
    {
        var x = PublicKey.FromMultibase("z6LSj72tK8brWgZja8NLRwPigth2T9QRiG1uH9oKZuKjdh9p");
        Assert.Equal(KeyType.X25519, x.Type);
        Assert.False(x.Verify("m"u8, new byte[64]));
        Assert.Throws<KeyFormatException>(() => KeyPair.FromSecretBytes(KeyType.X25519, new byte[32]));
    }

    private sealed class CountingRandom(byte value, bool firstAllOnes = false) : IRandomSource
    {
        private bool _first = firstAllOnes;

        public void Fill(Span<byte> destination)
        {
            if (_first)
            {
                _first = false;
                destination.Fill(0xff);
                return;
            }

            destination.Fill(value == 0xff ? (byte)0x42 : value);
        }
    }
}
