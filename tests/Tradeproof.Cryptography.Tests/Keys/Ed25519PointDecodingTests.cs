using System.Numerics;
using Tradeproof.Cryptography.Ed25519;
using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Cryptography.Tests.Keys;

/// <summary>Ed25519 public keys must decode to a curve point (RFC 8032 §5.1.3) to be imported.</summary>
public class Ed25519PointDecodingTests
{
    private static readonly BigInteger P = (BigInteger.One << 255) - 19;
    private static readonly BigInteger D = ((-121665 * BigInteger.ModPow(121666, P - 2, P)) % P + P) % P;

    /// <summary>The public keys of the RFC 8032 §7.1 test vectors.</summary>
    public static TheoryData<string> Rfc8032Keys => new()
    {
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
        "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
    };

    /// <summary>True when x^2 = (y^2 - 1) / (d·y^2 + 1) has a root mod p (BigInteger reference).</summary>
    private static bool HasX(BigInteger y)
    {
        var y2 = y * y % P;
        var u = (y2 - 1 + P) % P;
        var v = (D * y2 + 1) % P;
        var ratio = u * BigInteger.ModPow(v, P - 2, P) % P;
        return ratio.IsZero || BigInteger.ModPow(ratio, (P - 1) / 2, P).IsOne;
    }

    private static byte[] Encode(BigInteger y)
    {
        var bytes = new byte[32];
        y.TryWriteBytes(bytes, out _, isUnsigned: true);
        return bytes;
    }

    /// <summary>The smallest y &gt;= 2 that is not the y coordinate of a point.</summary>
    private static byte[] OffCurveKey()
    {
        for (BigInteger y = 2; ; y++)
        {
            if (!HasX(y))
            {
                return Encode(y);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Rfc8032Keys))]
    public void Rfc8032_vector_keys_are_accepted(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.True(Ed25519Algorithm.IsOnCurve(bytes));
        var key = PublicKey.FromBytes(KeyType.Ed25519, bytes);
        Assert.Equal(key, PublicKey.FromMultibase(key.ToMultibase()));
        Assert.Equal(key, PublicKey.FromJwk(key.ToJwk()));
    }

    [Fact]
    public void An_off_curve_key_is_refused_by_every_import()
    {
        var offCurve = OffCurveKey();
        Assert.False(Ed25519Algorithm.IsOnCurve(offCurve));
        Assert.True(Ed25519Algorithm.IsCanonicalPointEncoding(offCurve));
        Assert.False(Ed25519Algorithm.HasSmallOrder(offCurve));

        var fromBytes = Assert.Throws<KeyFormatException>(() => PublicKey.FromBytes(KeyType.Ed25519, offCurve));
        Assert.Equal(KeyFormatException.InvalidPublicKey, fromBytes.Code);

        var multibase = Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.Prefix(MulticodecCode.Ed25519Pub, offCurve));
        var fromMultibase = Assert.Throws<KeyFormatException>(() => PublicKey.FromMultibase(multibase));
        Assert.Equal(KeyFormatException.InvalidPublicKey, fromMultibase.Code);

        var jwk = Jwk.Parse($$"""{"kty":"OKP","crv":"Ed25519","x":"{{Base64UrlStrict.Encode(offCurve)}}"}""");
        var fromJwk = Assert.Throws<KeyFormatException>(() => PublicKey.FromJwk(jwk));
        Assert.Equal(KeyFormatException.InvalidPublicKey, fromJwk.Code);

        // The sign bit does not help: no x exists at all.
        offCurve[31] |= 0x80;
        Assert.False(Ed25519Algorithm.IsOnCurve(offCurve));
        Assert.Throws<KeyFormatException>(() => PublicKey.FromBytes(KeyType.Ed25519, offCurve));
    }

    [Fact]
    public void The_field_check_matches_big_integer_arithmetic()
    {
        var random = new Random(8032);
        var bytes = new byte[32];
        int on = 0, off = 0;
        for (var i = 0; i < 200; i++)
        {
            random.NextBytes(bytes);
            bytes[31] &= 0x7f;
            var y = new BigInteger(bytes, isUnsigned: true) % P;
            var encoded = Encode(y);
            var expected = HasX(y);
            Assert.Equal(expected, Ed25519Algorithm.IsOnCurve(encoded));
            if (expected)
            {
                on++;
            }
            else
            {
                off++;
            }
        }

        // About half of all y values are on the curve.
        Assert.InRange(on, 50, 150);
        Assert.InRange(off, 50, 150);
    }

    [Fact]
    public void X_zero_needs_sign_bit_zero()
    {
        // y = 1 and y = p - 1 give x = 0: only the encoding with sign bit 0 decodes.
        foreach (var y in new[] { BigInteger.One, P - 1 })
        {
            var encoded = Encode(y);
            Assert.True(Ed25519Algorithm.IsOnCurve(encoded));
            encoded[31] |= 0x80;
            Assert.False(Ed25519Algorithm.IsOnCurve(encoded));
        }
    }

    [Fact]
    public void Either_sign_of_an_on_curve_point_is_accepted()
    {
        var bytes = Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        bytes[31] ^= 0x80;
        Assert.Equal(KeyType.Ed25519, PublicKey.FromBytes(KeyType.Ed25519, bytes).Type);
    }

    [Theory]
    [InlineData("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // y = p
    [InlineData("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // y = p + 1
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")] // y = 2^255 - 1, sign bit set
    public void Non_canonical_y_is_still_refused(string hex)
    {
        var error = Assert.Throws<KeyFormatException>(() => PublicKey.FromBytes(KeyType.Ed25519, Convert.FromHexString(hex)));
        Assert.Equal(KeyFormatException.InvalidPublicKey, error.Code);
    }
}
