using System.Numerics;
using System.Security.Cryptography;
using Tradeproof.Cryptography.Ecdsa;

namespace Tradeproof.Cryptography.Tests.Signatures;

public class EcdsaTests
{
    public static TheoryData<KeyType> Curves => new() { KeyType.P256, KeyType.P384, KeyType.P521, KeyType.Secp256k1 };

    [Theory]
    [MemberData(nameof(Curves))]
    public void Sign_and_verify_round_trip_and_mutations_fail(KeyType type)
    {
        using var pair = KeyPair.Generate(type);
        var message = "trade data"u8.ToArray();
        var signature = pair.Sign(message);
        Assert.Equal(2 * EcCurve.For(type).FieldSize, signature.Length);
        Assert.True(pair.PublicKey.Verify(message, signature));
        Assert.False(pair.PublicKey.Verify("trade datA"u8, signature));
        signature[^1] ^= 1;
        Assert.False(pair.PublicKey.Verify(message, signature));
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Our_signatures_verify_with_the_platform_and_back(KeyType type)
    {
        var curve = EcCurve.For(type);
        using var pair = KeyPair.Generate(type);
        var message = "cross-check"u8.ToArray();
        using var platform = ECDsa.Create(new ECParameters
        {
            Curve = curve.Curve,
            Q = new ECPoint { X = curve.ToField(pair.PublicKey.X), Y = curve.ToField(pair.PublicKey.Y) },
        });
        Assert.True(platform.VerifyData(message, pair.Sign(message), curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        using var other = ECDsa.Create(curve.Curve);
        var q = other.ExportParameters(false).Q;
        var publicKey = PublicKey.FromCoordinates(type, q.X, q.Y);
        Assert.True(publicKey.Verify(message, other.SignData(message, curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)));
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Zero_and_out_of_range_r_or_s_are_refused(KeyType type)
    {
        var curve = EcCurve.For(type);
        using var pair = KeyPair.Generate(type);
        var message = "m"u8.ToArray();
        var good = pair.Sign(message);
        var size = curve.FieldSize;

        Assert.False(pair.PublicKey.Verify(message, new byte[2 * size]));
        var zeroR = (byte[])good.Clone();
        zeroR.AsSpan(0, size).Clear();
        Assert.False(pair.PublicKey.Verify(message, zeroR));
        var zeroS = (byte[])good.Clone();
        zeroS.AsSpan(size).Clear();
        Assert.False(pair.PublicKey.Verify(message, zeroS));

        // s + n (when it fits) is the same residue: refused as out of range.
        var s = EcCurve.ToInteger(good.AsSpan(size));
        var sPlusN = s + curve.N;
        if (sPlusN.GetByteCount(isUnsigned: true) <= size)
        {
            var bad = (byte[])good.Clone();
            curve.ToField(sPlusN).CopyTo(bad, size);
            Assert.False(pair.PublicKey.Verify(message, bad));
        }

        Assert.True(pair.PublicKey.Verify(message, good));
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Low_S_is_normalised_on_sign_and_enforced_on_verify_when_asked(KeyType type)
    {
        var curve = EcCurve.For(type);
        using var pair = KeyPair.Generate(type);
        var size = curve.FieldSize;
        for (var i = 0; i < 20; i++)
        {
            var message = BitConverter.GetBytes(i);
            var low = pair.Sign(message, SignatureOptions.LowS);
            var s = EcCurve.ToInteger(low.AsSpan(size));
            Assert.True(s <= curve.HalfN);
            Assert.True(pair.PublicKey.Verify(message, low, SignatureOptions.LowS));

            // The high-S twin (n - s) is a valid ECDSA signature, refused only under the low-S rule.
            var high = (byte[])low.Clone();
            curve.ToField(curve.N - s).CopyTo(high, size);
            Assert.True(pair.PublicKey.Verify(message, high));
            Assert.False(pair.PublicKey.Verify(message, high, SignatureOptions.LowS));
        }
    }

    [Fact]
    public void Hash_follows_the_curve()
    {
        Assert.Equal(HashAlgorithmName.SHA256, EcCurve.For(KeyType.P256).Hash);
        Assert.Equal(HashAlgorithmName.SHA384, EcCurve.For(KeyType.P384).Hash);
        Assert.Equal(HashAlgorithmName.SHA512, EcCurve.For(KeyType.P521).Hash);
        Assert.Equal(HashAlgorithmName.SHA256, EcCurve.For(KeyType.Secp256k1).Hash);
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Compression_round_trips_and_off_curve_points_are_refused(KeyType type)
    {
        var curve = EcCurve.For(type);
        for (var i = 0; i < 10; i++)
        {
            using var pair = KeyPair.Generate(type);
            var uncompressed = pair.PublicKey.ToUncompressedPoint();
            var fromUncompressed = PublicKey.FromBytes(type, uncompressed);
            var fromCompressed = PublicKey.FromBytes(type, pair.PublicKey.Bytes);
            Assert.Equal(pair.PublicKey, fromUncompressed);
            Assert.Equal(uncompressed, fromCompressed.ToUncompressedPoint());
        }

        // y + 1 is off the curve; x = p is out of range.
        using var key = KeyPair.Generate(type);
        var point = key.PublicKey.ToUncompressedPoint();
        var y = EcCurve.ToInteger(point.AsSpan(1 + curve.FieldSize));
        curve.ToField((y + 1) % curve.P).CopyTo(point, 1 + curve.FieldSize);
        Assert.Throws<KeyFormatException>(() => PublicKey.FromBytes(type, point));
        var compressed = new byte[curve.CompressedSize];
        compressed[0] = 2;
        curve.ToField(curve.P - BigInteger.One).CopyTo(compressed, 1);
        var outOfRange = (byte[])compressed.Clone();
        outOfRange.AsSpan(1).Fill(0xff);
        Assert.Throws<KeyFormatException>(() => PublicKey.FromBytes(type, outOfRange));
        Assert.Throws<KeyFormatException>(() => PublicKey.FromBytes(type, compressed.AsSpan(1)));
    }

    [Fact]
    public void Secret_scalar_range_is_checked()
    {
        var curve = EcCurve.For(KeyType.P256);
        Assert.Throws<KeyFormatException>(() => KeyPair.FromSecretBytes(KeyType.P256, new byte[32]));
        Assert.Throws<KeyFormatException>(() => KeyPair.FromSecretBytes(KeyType.P256, curve.ToField(curve.N)));
        Assert.Throws<KeyFormatException>(() => KeyPair.FromSecretBytes(KeyType.P256, new byte[31]));
        using var max = KeyPair.FromSecretBytes(KeyType.P256, curve.ToField(curve.N - 1));
        Assert.Equal(KeyType.P256, max.Type);
    }
}

public class MontgomeryFieldTests
{
    public static TheoryData<KeyType> Curves => new() { KeyType.P256, KeyType.P384, KeyType.P521, KeyType.Secp256k1 };

    [Theory]
    [MemberData(nameof(Curves))]
    public void Pow_matches_big_integer(KeyType type)
    {
        var p = EcCurve.For(type).P;
        var field = new MontgomeryField(p);
        var random = new Random((int)type);
        var bytes = new byte[p.GetByteCount(isUnsigned: true) + 8];
        var values = new List<BigInteger> { 0, 1, 2, p - 1, p - 2 };
        var exponents = new List<BigInteger> { 0, 1, 2, 3, (p + 1) / 4, p - 2, p - 1 };
        for (var i = 0; i < 40; i++)
        {
            random.NextBytes(bytes);
            values.Add(new BigInteger(bytes, isUnsigned: true) % p);
            random.NextBytes(bytes);
            exponents.Add(new BigInteger(bytes, isUnsigned: true) % (p * 2));
        }

        for (var i = 0; i < values.Count; i++)
        {
            var exponent = exponents[i % exponents.Count];
            Assert.Equal(BigInteger.ModPow(values[i], exponent, p), field.Pow(values[i], exponent));
        }
    }
}
