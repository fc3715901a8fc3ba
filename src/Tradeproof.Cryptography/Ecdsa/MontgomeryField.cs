using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tradeproof.Cryptography.Ecdsa;

/// <summary>
/// Modular exponentiation for an odd prime modulus of up to 9 64-bit limbs with Montgomery
/// multiplication (CIOS, Koç et al. 1996). Used for the square roots of point decompression:
/// <see cref="BigInteger.ModPow"/> takes hundreds of microseconds for one 256-bit exponent.
/// Variable time is fine: inputs are public keys.
/// </summary>
internal sealed class MontgomeryField
{
    private const int MaxLimbs = 9;
    private readonly ulong[] _modulus;
    private readonly ulong _inverse; // -modulus^-1 mod 2^64
    private readonly BigInteger _p;
    private readonly BigInteger _r; // 2^(64 n) mod p
    private readonly BigInteger _rInverse;
    private readonly int _limbs;

    public MontgomeryField(BigInteger modulus)
    {
        if (modulus.IsEven || modulus.Sign <= 0)
        {
            throw new ArgumentException("The modulus must be odd and positive.", nameof(modulus));
        }

        _p = modulus;
        _limbs = (int)((modulus.GetBitLength() + 63) / 64);
        if (_limbs > MaxLimbs)
        {
            throw new ArgumentException("The modulus is too large.", nameof(modulus));
        }

        _modulus = ToLimbs(modulus, _limbs);

        // Newton iteration for m0^-1 mod 2^64, then negate.
        var m0 = _modulus[0];
        var inverse = m0;
        for (var i = 0; i < 6; i++)
        {
            inverse *= 2 - (m0 * inverse);
        }

        _inverse = unchecked(0 - inverse);
        _r = BigInteger.ModPow(2, 64 * _limbs, modulus);
        _rInverse = BigInteger.ModPow(_r, modulus - 2, modulus);
    }

    /// <summary>value^exponent mod p, for 0 &lt;= value &lt; p.</summary>
    public BigInteger Pow(BigInteger value, BigInteger exponent)
    {
        var n = _limbs;
        Span<ulong> baseM = stackalloc ulong[n];
        Span<ulong> result = stackalloc ulong[n];
        Span<ulong> scratch = stackalloc ulong[n + 2];
        ToLimbs(value * _r % _p, baseM);
        ToLimbs(_r, result); // 1 in Montgomery form

        var bits = (int)exponent.GetBitLength();
        var exponentBytes = exponent.ToByteArray(isUnsigned: true, isBigEndian: false);
        for (var bit = bits - 1; bit >= 0; bit--)
        {
            if (n == 4)
            {
                Multiply4(result, result, result);
            }
            else
            {
                Multiply(result, result, result, scratch);
            }

            if ((exponentBytes[bit >> 3] & (1 << (bit & 7))) != 0)
            {
                if (n == 4)
                {
                    Multiply4(result, baseM, result);
                }
                else
                {
                    Multiply(result, baseM, result, scratch);
                }
            }
        }

        // Out of Montgomery form.
        return FromLimbs(result) * _rInverse % _p;
    }

    /// <summary>output = a * b * R^-1 mod p (output may alias a or b).</summary>
    private void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> output, Span<ulong> t)
    {
        var n = _limbs;
        var m = _modulus;
        t.Clear();
        for (var i = 0; i < n; i++)
        {
            // t += a * b[i]
            ulong carry = 0;
            var bi = b[i];
            for (var j = 0; j < n; j++)
            {
                var high = Math.BigMul(a[j], bi, out var low);
                low += t[j];
                high += low < t[j] ? 1UL : 0UL;
                low += carry;
                high += low < carry ? 1UL : 0UL;
                t[j] = low;
                carry = high;
            }

            var sum = t[n] + carry;
            t[n + 1] = sum < carry ? 1UL : 0UL;
            t[n] = sum;

            // t = (t + u * m) / 2^64 with u chosen so the low limb vanishes.
            var u = t[0] * _inverse;
            var h0 = Math.BigMul(u, m[0], out var l0);
            l0 += t[0];
            carry = h0 + (l0 < t[0] ? 1UL : 0UL);
            for (var j = 1; j < n; j++)
            {
                var high = Math.BigMul(u, m[j], out var low);
                low += t[j];
                high += low < t[j] ? 1UL : 0UL;
                low += carry;
                high += low < carry ? 1UL : 0UL;
                t[j - 1] = low;
                carry = high;
            }

            sum = t[n] + carry;
            t[n - 1] = sum;
            t[n] = t[n + 1] + (sum < carry ? 1UL : 0UL);
        }

        // Final subtraction when t >= p.
        if (t[n] != 0 || !Less(t[..n], m))
        {
            ulong borrow = 0;
            for (var j = 0; j < n; j++)
            {
                var difference = t[j] - m[j] - borrow;
                borrow = (t[j] < m[j] || (t[j] == m[j] && borrow != 0)) ? 1UL : 0UL;
                output[j] = difference;
            }
        }
        else
        {
            t[..n].CopyTo(output);
        }
    }

    /// <summary>The same CIOS multiplication unrolled for 4 limbs (P-256, secp256k1) in registers.</summary>
    private void Multiply4(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> output)
    {
        ulong a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
        var m = _modulus;
        ulong m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3];
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
        for (var i = 0; i < 4; i++)
        {
            var bi = b[i];
            ulong carry = 0;
            t0 = MulAdd(a0, bi, t0, ref carry);
            t1 = MulAdd(a1, bi, t1, ref carry);
            t2 = MulAdd(a2, bi, t2, ref carry);
            t3 = MulAdd(a3, bi, t3, ref carry);
            t4 += carry;
            var t5 = t4 < carry ? 1UL : 0UL;

            var u = t0 * _inverse;
            carry = 0;
            _ = MulAdd(u, m0, t0, ref carry);
            t0 = MulAdd(u, m1, t1, ref carry);
            t1 = MulAdd(u, m2, t2, ref carry);
            t2 = MulAdd(u, m3, t3, ref carry);
            t3 = t4 + carry;
            t4 = t5 + (t3 < carry ? 1UL : 0UL);
        }

        // Final subtraction when t >= p.
        if (t4 != 0 || t3 > m3 || (t3 == m3 && (t2 > m2 || (t2 == m2 && (t1 > m1 || (t1 == m1 && t0 >= m0))))))
        {
            ulong borrow = 0;
            t0 = Subtract(t0, m0, ref borrow);
            t1 = Subtract(t1, m1, ref borrow);
            t2 = Subtract(t2, m2, ref borrow);
            t3 = Subtract(t3, m3, ref borrow);
        }

        output[0] = t0;
        output[1] = t1;
        output[2] = t2;
        output[3] = t3;
    }

    /// <summary>Returns the low word of a * b + addend + carry; carry becomes the high word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd(ulong a, ulong b, ulong addend, ref ulong carry)
    {
        var high = Math.BigMul(a, b, out var low);
        low += addend;
        high += low < addend ? 1UL : 0UL;
        low += carry;
        high += low < carry ? 1UL : 0UL;
        carry = high;
        return low;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Subtract(ulong a, ulong b, ref ulong borrow)
    {
        var difference = a - b - borrow;
        borrow = (a < b || (a == b && borrow != 0)) ? 1UL : 0UL;
        return difference;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (var i = a.Length - 1; i >= 0; i--)
        {
            if (a[i] != b[i])
            {
                return a[i] < b[i];
            }
        }

        return false;
    }

    private static ulong[] ToLimbs(BigInteger value, int count)
    {
        var limbs = new ulong[count];
        ToLimbs(value, limbs);
        return limbs;
    }

    private static void ToLimbs(BigInteger value, Span<ulong> limbs)
    {
        Span<byte> bytes = stackalloc byte[limbs.Length * 8];
        bytes.Clear();
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        for (var i = 0; i < limbs.Length; i++)
        {
            limbs[i] = BitConverter.ToUInt64(bytes.Slice(i * 8, 8));
        }
    }

    private static BigInteger FromLimbs(ReadOnlySpan<ulong> limbs)
    {
        Span<byte> bytes = stackalloc byte[limbs.Length * 8];
        for (var i = 0; i < limbs.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.Slice(i * 8, 8), limbs[i]);
        }

        return new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
    }
}
