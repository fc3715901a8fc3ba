namespace Tradeproof.Cryptography;

/// <summary>
/// Arithmetic modulo p = 2^255 - 19 in radix 2^51 (five 64-bit limbs), enough for the Ed25519 to
/// X25519 map (RFC 7748 §4.1) and the Ed25519 point decoding check (RFC 8032 §5.1.3).
/// <see cref="System.Numerics.BigInteger.ModPow"/> takes hundreds of microseconds for one
/// inversion; this takes a few. Variable time is fine: inputs are public keys.
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
        ulong a0 = a._l0, a1 = a._l1, a2 = a._l2, a3 = a._l3, a4 = a._l4;
        ulong b0 = b._l0, b1 = b._l1, b2 = b._l2, b3 = b._l3, b4 = b._l4;
        ulong b1_19 = 19 * b1, b2_19 = 19 * b2, b3_19 = 19 * b3, b4_19 = 19 * b4;

        // Each rN is a 128-bit sum (hi, lo) of five 102-bit products.
        ulong h0 = Math.BigMul(a0, b0, out var r0);
        Mac(ref r0, ref h0, a1, b4_19);
        Mac(ref r0, ref h0, a2, b3_19);
        Mac(ref r0, ref h0, a3, b2_19);
        Mac(ref r0, ref h0, a4, b1_19);
        ulong h1 = Math.BigMul(a0, b1, out var r1);
        Mac(ref r1, ref h1, a1, b0);
        Mac(ref r1, ref h1, a2, b4_19);
        Mac(ref r1, ref h1, a3, b3_19);
        Mac(ref r1, ref h1, a4, b2_19);
        ulong h2 = Math.BigMul(a0, b2, out var r2);
        Mac(ref r2, ref h2, a1, b1);
        Mac(ref r2, ref h2, a2, b0);
        Mac(ref r2, ref h2, a3, b4_19);
        Mac(ref r2, ref h2, a4, b3_19);
        ulong h3 = Math.BigMul(a0, b3, out var r3);
        Mac(ref r3, ref h3, a1, b2);
        Mac(ref r3, ref h3, a2, b1);
        Mac(ref r3, ref h3, a3, b0);
        Mac(ref r3, ref h3, a4, b4_19);
        ulong h4 = Math.BigMul(a0, b4, out var r4);
        Mac(ref r4, ref h4, a1, b3);
        Mac(ref r4, ref h4, a2, b2);
        Mac(ref r4, ref h4, a3, b1);
        Mac(ref r4, ref h4, a4, b0);

        return Reduce(r0, h0, r1, h1, r2, h2, r3, h3, r4, h4);
    }

    /// <summary>Carries five 128-bit column sums down to five limbs.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Field25519 Reduce(ulong r0, ulong h0, ulong r1, ulong h1, ulong r2, ulong h2, ulong r3, ulong h3, ulong r4, ulong h4)
    {
        // Carry: limb N keeps 51 bits, the rest (at most 77 bits) moves up; the top wraps times 19.
        var l0 = r0 & Mask;
        AddShifted(ref r1, ref h1, r0, h0);
        var l1 = r1 & Mask;
        AddShifted(ref r2, ref h2, r1, h1);
        var l2 = r2 & Mask;
        AddShifted(ref r3, ref h3, r2, h2);
        var l3 = r3 & Mask;
        AddShifted(ref r4, ref h4, r3, h3);
        var l4 = r4 & Mask;
        var carry = (r4 >> 51) | (h4 << 13);
        l0 += carry * 19;
        l1 += l0 >> 51;
        l0 &= Mask;
        return new Field25519(l0, l1, l2, l3, l4);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Mac(ref ulong lo, ref ulong hi, ulong a, ulong b)
    {
        var high = Math.BigMul(a, b, out var low);
        lo += low;
        hi += high + (lo < low ? 1UL : 0UL);
    }

    /// <summary>(hi, lo) += (fromHi, fromLo) >> 51.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void AddShifted(ref ulong lo, ref ulong hi, ulong fromLo, ulong fromHi)
    {
        var shiftedLo = (fromLo >> 51) | (fromHi << 13);
        var shiftedHi = fromHi >> 51;
        lo += shiftedLo;
        hi += shiftedHi + (lo < shiftedLo ? 1UL : 0UL);
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
        // p - 2 = (2^250 - 1) * 2^5 + 11.
        var z2_250_0 = Pow2250Minus1(out var z11);
        return z2_250_0.SquareTimes(5) * z11;
    }

    /// <summary>
    /// True when z is a non-zero square mod p: the Legendre symbol (z/p) is 1. Computed with the
    /// binary Jacobi symbol algorithm on the canonical value (<see cref="LegendreSymbol"/>), a few
    /// hundred shifts and subtractions of 256-bit integers instead of the 254 squarings of
    /// z^((p-1)/2). Variable time: inputs are public keys.
    /// </summary>
    public bool IsNonZeroSquare() => LegendreSymbol() == 1;

    /// <summary>
    /// The Legendre symbol (z/p): 0 when z = 0 mod p, 1 when z is a non-zero square, -1 otherwise
    /// (equal to z^((p-1)/2) mod p). Variable time.
    /// </summary>
    /// <remarks>
    /// Binary Jacobi symbol algorithm (H. Cohen, "A Course in Computational Algebraic Number Theory",
    /// Algorithm 1.4.10, with the reduction a mod b replaced by one subtraction, as in the binary
    /// gcd). With b odd and t the running sign:
    /// <list type="bullet">
    /// <item>(2/b) = (-1)^((b^2-1)/8): removing a factor 2 from a flips t when b = 3 or 5 mod 8;</item>
    /// <item>reciprocity for odd a, b: (a/b) = (b/a), except that t flips when a = b = 3 mod 4;</item>
    /// <item>(a/b) = ((a - b)/b).</item>
    /// </list>
    /// Each round strips the factors 2 from a, swaps so that a &gt;= b, and replaces a by a - b
    /// (even). When a reaches 0, b is gcd of the inputs: the symbol is t when b = 1, else 0.
    /// </remarks>
    public int LegendreSymbol()
    {
        Span<byte> bytes = stackalloc byte[32];
        ToBytes(bytes);
        var a0 = BitConverter.ToUInt64(bytes[..8]);
        var a1 = BitConverter.ToUInt64(bytes[8..16]);
        var a2 = BitConverter.ToUInt64(bytes[16..24]);
        var a3 = BitConverter.ToUInt64(bytes[24..32]);

        // b = p = 2^255 - 19, odd; a = z canonical, so 0 <= a < b.
        ulong b0 = 0xFFFFFFFFFFFFFFEDUL, b1 = ulong.MaxValue, b2 = ulong.MaxValue, b3 = 0x7FFFFFFFFFFFFFFFUL;
        var t = 1;
        while ((a0 | a1 | a2 | a3) != 0)
        {
            // a = 2^k * a' with a' odd; (2/b)^k flips t when k is odd and b = 3 or 5 mod 8.
            var k = TrailingZeros(a0, a1, a2, a3);
            ShiftRight(ref a0, ref a1, ref a2, ref a3, k);
            var b8 = b0 & 7;
            if ((k & 1) != 0 && (b8 == 3 || b8 == 5))
            {
                t = -t;
            }

            // Both odd now: keep a >= b, swapping by reciprocity.
            if (LessThan(a0, a1, a2, a3, b0, b1, b2, b3))
            {
                (a0, b0) = (b0, a0);
                (a1, b1) = (b1, a1);
                (a2, b2) = (b2, a2);
                (a3, b3) = (b3, a3);
                if ((a0 & 3) == 3 && (b0 & 3) == 3)
                {
                    t = -t;
                }
            }

            // (a/b) = ((a - b)/b); a - b is even (or 0 when a = b).
            Subtract(ref a0, ref a1, ref a2, ref a3, b0, b1, b2, b3);
        }

        return (b0 == 1 && (b1 | b2 | b3) == 0) ? t : 0;
    }

    private static int TrailingZeros(ulong a0, ulong a1, ulong a2, ulong a3) =>
        a0 != 0 ? System.Numerics.BitOperations.TrailingZeroCount(a0)
        : a1 != 0 ? 64 + System.Numerics.BitOperations.TrailingZeroCount(a1)
        : a2 != 0 ? 128 + System.Numerics.BitOperations.TrailingZeroCount(a2)
        : 192 + System.Numerics.BitOperations.TrailingZeroCount(a3);

    /// <summary>(a3:a2:a1:a0) >>= k for 0 &lt;= k &lt; 256.</summary>
    private static void ShiftRight(ref ulong a0, ref ulong a1, ref ulong a2, ref ulong a3, int k)
    {
        while (k >= 64)
        {
            (a0, a1, a2, a3) = (a1, a2, a3, 0);
            k -= 64;
        }

        if (k > 0)
        {
            a0 = (a0 >> k) | (a1 << (64 - k));
            a1 = (a1 >> k) | (a2 << (64 - k));
            a2 = (a2 >> k) | (a3 << (64 - k));
            a3 >>= k;
        }
    }

    private static bool LessThan(ulong a0, ulong a1, ulong a2, ulong a3, ulong b0, ulong b1, ulong b2, ulong b3) =>
        a3 != b3 ? a3 < b3 : a2 != b2 ? a2 < b2 : a1 != b1 ? a1 < b1 : a0 < b0;

    /// <summary>a -= b, for a &gt;= b.</summary>
    private static void Subtract(ref ulong a0, ref ulong a1, ref ulong a2, ref ulong a3, ulong b0, ulong b1, ulong b2, ulong b3)
    {
        var r0 = a0 - b0;
        var borrow = a0 < b0 ? 1UL : 0UL;
        var r1 = a1 - b1 - borrow;
        borrow = (a1 < b1 || (a1 == b1 && borrow != 0)) ? 1UL : 0UL;
        var r2 = a2 - b2 - borrow;
        borrow = (a2 < b2 || (a2 == b2 && borrow != 0)) ? 1UL : 0UL;
        a3 = a3 - b3 - borrow;
        (a0, a1, a2) = (r0, r1, r2);
    }

    /// <summary>True when the value is 1 mod p.</summary>
    public bool IsOne
    {
        get
        {
            Span<byte> bytes = stackalloc byte[32];
            ToBytes(bytes);
            return bytes[0] == 1 && bytes[1..].IndexOfAnyExcept((byte)0) < 0;
        }
    }

    /// <summary>z^(2^250 - 1), also giving z^11 (the common prefix of the reference chain for inversion).</summary>
    private Field25519 Pow2250Minus1(out Field25519 z11)
    {
        var z = this;
        var z2 = z.Square();
        var z8 = z2.Square().Square();
        var z9 = z8 * z;
        z11 = z9 * z2;
        var z2_5_0 = z11.Square() * z9;
        var z2_10_0 = z2_5_0.SquareTimes(5) * z2_5_0;
        var z2_20_0 = z2_10_0.SquareTimes(10) * z2_10_0;
        var z2_40_0 = z2_20_0.SquareTimes(20) * z2_20_0;
        var z2_50_0 = z2_40_0.SquareTimes(10) * z2_10_0;
        var z2_100_0 = z2_50_0.SquareTimes(50) * z2_50_0;
        var z2_200_0 = z2_100_0.SquareTimes(100) * z2_100_0;
        return z2_200_0.SquareTimes(50) * z2_50_0;
    }

    /// <summary>this^2 with 15 products instead of 25 (the cross terms doubled).</summary>
    private Field25519 Square()
    {
        ulong a0 = _l0, a1 = _l1, a2 = _l2, a3 = _l3, a4 = _l4;
        ulong d0 = 2 * a0, d1 = 2 * a1, d2 = 2 * a2, d3 = 2 * a3;
        ulong a3_19 = 19 * a3, a4_19 = 19 * a4;

        ulong h0 = Math.BigMul(a0, a0, out var r0);
        Mac(ref r0, ref h0, d1, a4_19);
        Mac(ref r0, ref h0, d2, a3_19);
        ulong h1 = Math.BigMul(d0, a1, out var r1);
        Mac(ref r1, ref h1, a3, a3_19);
        Mac(ref r1, ref h1, d2, a4_19);
        ulong h2 = Math.BigMul(d0, a2, out var r2);
        Mac(ref r2, ref h2, a1, a1);
        Mac(ref r2, ref h2, d3, a4_19);
        ulong h3 = Math.BigMul(d0, a3, out var r3);
        Mac(ref r3, ref h3, d1, a2);
        Mac(ref r3, ref h3, a4, a4_19);
        ulong h4 = Math.BigMul(d0, a4, out var r4);
        Mac(ref r4, ref h4, d1, a3);
        Mac(ref r4, ref h4, a2, a2);
        return Reduce(r0, h0, r1, h1, r2, h2, r3, h3, r4, h4);
    }

    private Field25519 SquareTimes(int count)
    {
        var result = this;
        for (var i = 0; i < count; i++)
        {
            result = result.Square();
        }

        return result;
    }

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
