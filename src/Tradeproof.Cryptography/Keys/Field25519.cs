namespace Tradeproof.Cryptography;

/// <summary>
/// Arithmetic modulo p = 2^255 - 19 in radix 2^51 (five 64-bit limbs), enough for the Ed25519 to
/// X25519 map (RFC 7748 §4.1). <see cref="System.Numerics.BigInteger.ModPow"/> takes hundreds of
/// microseconds for one inversion; this takes a few. Variable time is fine: inputs are public keys.
/// </summary>
internal readonly struct Field25519
{
    private const ulong Mask = (1UL << 51) - 1;

    private readonly ulong _l0, _l1, _l2, _l3, _l4;

    private Field25519(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4)
    {
        _l0 = l0;
        _l1 = l1;
        _l2 = l2;
        _l3 = l3;
        _l4 = l4;
    }

    public static Field25519 One => new(1, 0, 0, 0, 0);

    /// <summary>Reads 32 little-endian bytes, ignoring bit 255.</summary>
    public static Field25519 FromBytes(ReadOnlySpan<byte> s)
    {
        var a0 = BitConverter.ToUInt64(s[..8]);
        var a1 = BitConverter.ToUInt64(s[8..16]);
        var a2 = BitConverter.ToUInt64(s[16..24]);
        var a3 = BitConverter.ToUInt64(s[24..32]);
        return new Field25519(
            a0 & Mask,
            ((a0 >> 51) | (a1 << 13)) & Mask,
            ((a1 >> 38) | (a2 << 26)) & Mask,
            ((a2 >> 25) | (a3 << 39)) & Mask,
            (a3 >> 12) & Mask);
    }

    /// <summary>Writes the canonical (fully reduced) 32-byte little-endian encoding.</summary>
    public void ToBytes(Span<byte> output)
    {
        // Carry twice so every limb is below 2^51, then subtract p if the value is >= p.
        var (l0, l1, l2, l3, l4) = (_l0, _l1, _l2, _l3, _l4);
        for (var round = 0; round < 2; round++)
        {
            l1 += l0 >> 51;
            l0 &= Mask;
            l2 += l1 >> 51;
            l1 &= Mask;
            l3 += l2 >> 51;
            l2 &= Mask;
            l4 += l3 >> 51;
            l3 &= Mask;
            l0 += 19 * (l4 >> 51);
            l4 &= Mask;
        }

        // value >= p exactly when l0 >= 2^51 - 19 and l1..l4 are all 2^51 - 1.
        if (l4 == Mask && l3 == Mask && l2 == Mask && l1 == Mask && l0 >= Mask - 18)
        {
            l0 -= Mask - 18;
            l1 = l2 = l3 = l4 = 0;
        }

        BitConverter.TryWriteBytes(output[..8], l0 | (l1 << 51));
        BitConverter.TryWriteBytes(output[8..16], (l1 >> 13) | (l2 << 38));
        BitConverter.TryWriteBytes(output[16..24], (l2 >> 26) | (l3 << 25));
        BitConverter.TryWriteBytes(output[24..32], (l3 >> 39) | (l4 << 12));
    }

    public static Field25519 operator +(Field25519 a, Field25519 b) =>
        Carry(a._l0 + b._l0, a._l1 + b._l1, a._l2 + b._l2, a._l3 + b._l3, a._l4 + b._l4);

    /// <summary>a - b computed as a + 2p - b (limbs stay positive).</summary>
    public static Field25519 operator -(Field25519 a, Field25519 b) =>
        Carry(
            a._l0 + ((2 * Mask) - 36) - b._l0,
            a._l1 + (2 * Mask) - b._l1,
            a._l2 + (2 * Mask) - b._l2,
            a._l3 + (2 * Mask) - b._l3,
            a._l4 + (2 * Mask) - b._l4);

    public static Field25519 operator *(Field25519 a, Field25519 b)
    {
        var b1 = 19 * b._l1;
        var b2 = 19 * b._l2;
        var b3 = 19 * b._l3;
        var b4 = 19 * b._l4;
        var r0 = Mul(a._l0, b._l0) + Mul(a._l1, b4) + Mul(a._l2, b3) + Mul(a._l3, b2) + Mul(a._l4, b1);
        var r1 = Mul(a._l0, b._l1) + Mul(a._l1, b._l0) + Mul(a._l2, b4) + Mul(a._l3, b3) + Mul(a._l4, b2);
        var r2 = Mul(a._l0, b._l2) + Mul(a._l1, b._l1) + Mul(a._l2, b._l0) + Mul(a._l3, b4) + Mul(a._l4, b3);
        var r3 = Mul(a._l0, b._l3) + Mul(a._l1, b._l2) + Mul(a._l2, b._l1) + Mul(a._l3, b._l0) + Mul(a._l4, b4);
        var r4 = Mul(a._l0, b._l4) + Mul(a._l1, b._l3) + Mul(a._l2, b._l2) + Mul(a._l3, b._l1) + Mul(a._l4, b._l0);

        r1 += (ulong)(r0 >> 51);
        var l0 = (ulong)r0 & Mask;
        r2 += (ulong)(r1 >> 51);
        var l1 = (ulong)r1 & Mask;
        r3 += (ulong)(r2 >> 51);
        var l2 = (ulong)r2 & Mask;
        r4 += (ulong)(r3 >> 51);
        var l3 = (ulong)r3 & Mask;
        var carry = (ulong)(r4 >> 51);
        var l4 = (ulong)r4 & Mask;
        l0 += carry * 19;
        l1 += l0 >> 51;
        l0 &= Mask;
        return new Field25519(l0, l1, l2, l3, l4);
    }

    public bool IsZero
    {
        get
        {
            Span<byte> bytes = stackalloc byte[32];
            ToBytes(bytes);
            return bytes.IndexOfAnyExcept((byte)0) < 0;
        }
    }

    /// <summary>z^(p-2) = 1/z, with the addition chain of the Ed25519 reference code (254 squarings, 11 multiplications).</summary>
    public Field25519 Invert()
    {
        var z = this;
        var z2 = z.Square();
        var z8 = z2.Square().Square();
        var z9 = z8 * z;
        var z11 = z9 * z2;
        var z2_5_0 = z11.Square() * z9;
        var z2_10_0 = z2_5_0.SquareTimes(5) * z2_5_0;
        var z2_20_0 = z2_10_0.SquareTimes(10) * z2_10_0;
        var z2_40_0 = z2_20_0.SquareTimes(20) * z2_20_0;
        var z2_50_0 = z2_40_0.SquareTimes(10) * z2_10_0;
        var z2_100_0 = z2_50_0.SquareTimes(50) * z2_50_0;
        var z2_200_0 = z2_100_0.SquareTimes(100) * z2_100_0;
        var z2_250_0 = z2_200_0.SquareTimes(50) * z2_50_0;
        return z2_250_0.SquareTimes(5) * z11;
    }

    private Field25519 Square() => this * this;

    private Field25519 SquareTimes(int count)
    {
        var result = this;
        for (var i = 0; i < count; i++)
        {
            result *= result;
        }

        return result;
    }

    private static UInt128 Mul(ulong a, ulong b) => (UInt128)a * b;

    private static Field25519 Carry(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4)
    {
        l1 += l0 >> 51;
        l0 &= Mask;
        l2 += l1 >> 51;
        l1 &= Mask;
        l3 += l2 >> 51;
        l2 &= Mask;
        l4 += l3 >> 51;
        l3 &= Mask;
        l0 += 19 * (l4 >> 51);
        l4 &= Mask;
        return new Field25519(l0, l1, l2, l3, l4);
    }
}
