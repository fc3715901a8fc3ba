using Tradeproof.Cryptography.Ed25519;
using Tradeproof.Cryptography.Tests.Rfc;

namespace Tradeproof.Cryptography.Tests.Signatures;

public class Ed25519Tests
{
    private static readonly IEd25519Provider[] Providers =
    [
        Ed25519Algorithm.Provider(Ed25519Backend.Libsodium),
        Ed25519Algorithm.Provider(Ed25519Backend.OpenSsl),
    ];

    public static TheoryData<string> Backends => new() { nameof(Ed25519Backend.Libsodium), nameof(Ed25519Backend.OpenSsl) };

    public static TheoryData<string, string, string, string, string> Vectors => Rfc8032Vectors.Ed25519;

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Rfc8032_vectors_sign_and_verify_on_every_backend(string name, string secret, string publicKey, string message, string signature)
    {
        foreach (var provider in Providers)
        {
            using var pair = KeyPair.FromSecretBytes(KeyType.Ed25519, Convert.FromHexString(secret), provider);
            Assert.Equal(publicKey, Convert.ToHexStringLower(pair.PublicKey.Bytes));
            Assert.Equal(signature, Convert.ToHexStringLower(pair.Sign(Convert.FromHexString(message))));
            Assert.True(Ed25519Algorithm.Verify(provider, Convert.FromHexString(publicKey), Convert.FromHexString(message), Convert.FromHexString(signature)), name);
        }
    }

    [Fact]
    public void Backends_agree_on_random_keys_messages_and_mutations()
    {
        var random = new Random(8032);
        for (var i = 0; i < 50; i++)
        {
            var seed = new byte[32];
            random.NextBytes(seed);
            var message = new byte[random.Next(0, 300)];
            random.NextBytes(message);
            using var sodium = KeyPair.FromSecretBytes(KeyType.Ed25519, seed, Providers[0]);
            using var openssl = KeyPair.FromSecretBytes(KeyType.Ed25519, seed, Providers[1]);
            Assert.Equal(sodium.PublicKey, openssl.PublicKey);
            var signature = sodium.Sign(message);
            Assert.Equal(signature, openssl.Sign(message));

            // Any single-bit change of key, message or signature: both backends say no.
            var badSignature = (byte[])signature.Clone();
            badSignature[random.Next(64)] ^= (byte)(1 << random.Next(8));
            var badKey = sodium.PublicKey.Bytes.ToArray();
            badKey[random.Next(32)] ^= (byte)(1 << random.Next(8));
            var badMessage = message.Length == 0 ? [1] : (byte[])message.Clone();
            if (message.Length > 0)
            {
                badMessage[random.Next(message.Length)] ^= 1;
            }

            foreach (var provider in Providers)
            {
                Assert.True(Ed25519Algorithm.Verify(provider, sodium.PublicKey.Bytes, message, signature));
                Assert.False(Ed25519Algorithm.Verify(provider, sodium.PublicKey.Bytes, message, badSignature));
                Assert.False(Ed25519Algorithm.Verify(provider, badKey, message, signature));
                Assert.False(Ed25519Algorithm.Verify(provider, sodium.PublicKey.Bytes, badMessage, signature));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Non_canonical_S_is_refused(string backendName)
    {
        var backend = Enum.Parse<Ed25519Backend>(backendName);
        using var pair = KeyPair.FromSecretBytes(KeyType.Ed25519, new byte[32]);
        var message = "tradeproof"u8.ToArray();
        var signature = pair.Sign(message);

        // S + L encodes the same scalar mod L; a lax verifier would accept it.
        var malleated = (byte[])signature.Clone();
        AddOrder(malleated.AsSpan(32));
        Assert.False(Ed25519Algorithm.Verify(Ed25519Algorithm.Provider(backend), pair.PublicKey.Bytes, message, malleated));
        Assert.True(Ed25519Algorithm.Verify(Ed25519Algorithm.Provider(backend), pair.PublicKey.Bytes, message, signature));
    }

    public static TheoryData<string> SmallOrderEncodings => new()
    {
        "0100000000000000000000000000000000000000000000000000000000000000", // identity
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
        "0000000000000000000000000000000000000000000000000000000000000080", // order 4
        "0000000000000000000000000000000000000000000000000000000000000000", // order 4
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85", // order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa", // order 8
        "0100000000000000000000000000000000000000000000000000000000000080", // identity, x sign bit set
    };

    [Theory]
    [MemberData(nameof(SmallOrderEncodings))]
    public void Small_order_public_keys_are_refused_by_every_backend(string encoding)
    {
        var publicKey = Convert.FromHexString(encoding);

        // With A of small order and R = identity, S = 0 satisfies [S]B = R + [k]A for many k:
        // the classic "signature valid for any message" that a lax verifier accepts.
        var signature = new byte[64];
        signature[0] = 1;
        foreach (var provider in Providers)
        {
            Assert.False(Ed25519Algorithm.Verify(provider, publicKey, "any message"u8, signature));
        }

        Assert.Throws<KeyFormatException>(() => PublicKey.FromBytes(KeyType.Ed25519, publicKey));
    }

    [Theory]
    [MemberData(nameof(SmallOrderEncodings))]
    public void Small_order_R_is_refused(string encoding)
    {
        using var pair = KeyPair.FromSecretBytes(KeyType.Ed25519, Enumerable.Repeat((byte)7, 32).ToArray());
        var signature = pair.Sign("m"u8);
        Convert.FromHexString(encoding).CopyTo(signature, 0);
        foreach (var provider in Providers)
        {
            Assert.False(Ed25519Algorithm.Verify(provider, pair.PublicKey.Bytes, "m"u8, signature));
        }
    }

    [Fact]
    public void Non_canonical_point_encodings_are_refused()
    {
        // y = p and y = p + 1 (encodings of 0 and 1 that are >= p).
        var yEqualsP = Convert.FromHexString("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        var yEqualsPPlus1 = Convert.FromHexString("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        Assert.False(Ed25519Algorithm.IsCanonicalPointEncoding(yEqualsP));
        Assert.False(Ed25519Algorithm.IsCanonicalPointEncoding(yEqualsPPlus1));
        Assert.True(Ed25519Algorithm.IsCanonicalPointEncoding(Convert.FromHexString("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")));
        foreach (var provider in Providers)
        {
            Assert.False(Ed25519Algorithm.Verify(provider, yEqualsPPlus1, "m"u8, new byte[64]));
        }
    }

    [Fact]
    public void Scalar_canonicity_boundaries()
    {
        var order = Convert.FromHexString("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
        Assert.False(Ed25519Algorithm.IsCanonicalScalar(order));
        order[0]--;
        Assert.True(Ed25519Algorithm.IsCanonicalScalar(order));
        Assert.True(Ed25519Algorithm.IsCanonicalScalar(new byte[32]));
        Assert.False(Ed25519Algorithm.IsCanonicalScalar(Enumerable.Repeat((byte)0xff, 32).ToArray()));
    }

    [Fact]
    public void Wrong_lengths_verify_false()
    {
        using var pair = KeyPair.Generate(KeyType.Ed25519);
        var signature = pair.Sign("m"u8);
        Assert.False(pair.PublicKey.Verify("m"u8, signature.AsSpan(0, 63)));
        Assert.False(pair.PublicKey.Verify("m"u8, [.. signature, 0]));
        Assert.False(Ed25519Algorithm.Verify(pair.PublicKey.Bytes[..31], "m"u8, signature));
        Assert.True(pair.PublicKey.Verify("m"u8, signature));
    }

    [Fact]
    public void Default_backend_is_libsodium_here()
    {
        Assert.True(Ed25519Algorithm.IsAvailable(Ed25519Backend.Libsodium));
        Assert.True(Ed25519Algorithm.IsAvailable(Ed25519Backend.OpenSsl));
        Assert.Equal(Ed25519Backend.Libsodium, Ed25519Algorithm.Default.Backend);
    }

    private static void AddOrder(Span<byte> s)
    {
        ReadOnlySpan<byte> order = Convert.FromHexString("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
        var carry = 0;
        for (var i = 0; i < 32; i++)
        {
            var sum = s[i] + order[i] + carry;
            s[i] = (byte)sum;
            carry = sum >> 8;
        }

        Assert.Equal(0, carry);
    }
}
