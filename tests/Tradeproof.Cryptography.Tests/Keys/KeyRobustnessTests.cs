using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Cryptography.Tests.Keys;

/// <summary>Random and mutated inputs: decoders throw only <see cref="KeyFormatException"/>, verifiers only return false.</summary>
public class KeyRobustnessTests
{
    [Fact]
    public void Random_key_bytes_decode_or_are_refused_with_a_key_format_error()
    {
        var random = new Random(8037);
        var codes = new[] { MulticodecCode.Ed25519Pub, MulticodecCode.X25519Pub, MulticodecCode.P256Pub, MulticodecCode.P384Pub, MulticodecCode.P521Pub, MulticodecCode.Secp256k1Pub, MulticodecCode.Ed25519Priv, MulticodecCode.RsaPub };
        var accepted = 0;
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 80)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && random.Next(2) == 0)
            {
                bytes[0] = (byte)(2 + random.Next(3)); // 0x02, 0x03, 0x04: point prefixes
            }

            var value = Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.Prefix(codes[random.Next(codes.Length)], bytes));
            try
            {
                var key = PublicKey.FromMultibase(value);
                accepted++;
                Assert.False(key.Verify("m"u8, bytes));
                Assert.Equal(key, PublicKey.FromMultibase(key.ToMultibase()));
            }
            catch (KeyFormatException)
            {
            }
        }

        Assert.InRange(accepted, 1, 1999);
    }

    [Fact]
    public void Random_signatures_never_verify_and_never_throw()
    {
        var random = new Random(1);
        foreach (var type in new[] { KeyType.Ed25519, KeyType.P256, KeyType.P384, KeyType.P521, KeyType.Secp256k1 })
        {
            using var pair = KeyPair.Generate(type);
            for (var i = 0; i < 200; i++)
            {
                var signature = new byte[random.Next(0, 140)];
                random.NextBytes(signature);
                Assert.False(pair.PublicKey.Verify("m"u8, signature));
                Assert.False(pair.PublicKey.Verify("m"u8, signature, SignatureOptions.LowS));
            }
        }
    }

    [Fact]
    public void Mutated_jwks_are_refused_with_a_key_format_error()
    {
        var random = new Random(7517);
        const string valid = """{"kty":"EC","crv":"P-256","x":"igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns","y":"efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM"}""";
        var refused = 0;
        for (var i = 0; i < 1000; i++)
        {
            var chars = valid.ToCharArray();
            chars[random.Next(chars.Length)] = "\"{}[],:AaZz09-_=\\ "[random.Next(18)];
            try
            {
                _ = PublicKey.FromJwk(Jwk.Parse(new string(chars)));
            }
            catch (KeyFormatException)
            {
                refused++;
            }
        }

        Assert.InRange(refused, 500, 1000);
    }
}
