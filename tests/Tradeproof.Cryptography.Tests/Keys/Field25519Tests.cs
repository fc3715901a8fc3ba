using System.Numerics;

namespace Tradeproof.Cryptography.Tests.Keys;

public class Field25519Tests
{
    private static readonly BigInteger P = (BigInteger.One << 255) - 19;

    [Fact]
    public void Ed25519_to_x25519_matches_big_integer_arithmetic()
    {
        var random = new Random(7748);
        var bytes = new byte[32];
        var edge = new[] { BigInteger.Zero, 2, P - 1, P - 2, (BigInteger.One << 255) - 20, (BigInteger.One << 254) };
        for (var i = 0; i < 500 + edge.Length; i++)
        {
            BigInteger y;
            if (i < edge.Length)
            {
                y = edge[i];
            }
            else
            {
                random.NextBytes(bytes);
                bytes[31] &= 0x7f;
                y = new BigInteger(bytes, isUnsigned: true) % P;
            }

            Array.Clear(bytes);
            y.TryWriteBytes(bytes, out _, isUnsigned: true);
            var expected = (1 + y) * BigInteger.ModPow(((1 - y) % P + P) % P, P - 2, P) % P;
            var actual = new BigInteger(Ed25519ToX25519.Convert(bytes), isUnsigned: true);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Values_at_or_above_p_reduce_canonically()
    {
        // y = p + 2 (non-canonical input bits) maps like y = 2; the output is always below p.
        var bytes = (P + 2).ToByteArray(isUnsigned: true);
        var expected = Ed25519ToX25519.Convert(new BigInteger(2).ToByteArray(isUnsigned: true).Concat(new byte[31]).ToArray());
        Assert.Equal(expected, Ed25519ToX25519.Convert(bytes));
        Assert.Throws<KeyFormatException>(() => Ed25519ToX25519.Convert(BigInteger.One.ToByteArray(isUnsigned: true).Concat(new byte[31]).ToArray()));
    }

    [Fact]
    public void Legendre_symbol_matches_big_integer_mod_pow()
    {
        // The binary Jacobi algorithm against a^((p-1)/2) mod p, on edge values and random ones.
        // Inputs of 255 bits at or above p (bit 255 is ignored on read) reduce mod p first.
        var two255 = BigInteger.One << 255;
        var edge = new List<BigInteger> { BigInteger.Zero, BigInteger.One, 2, 3, 4, P - 1, P - 2, P - 3, P, P + 1, P + 18, two255 - 1, two255 - 20, BigInteger.One << 254, (BigInteger.One << 254) - 1, (BigInteger.One << 254) + 1, BigInteger.One << 128, (BigInteger.One << 64) - 1 };
        var random = new Random(1410);
        var bytes = new byte[32];
        for (var i = 0; i < 300; i++)
        {
            random.NextBytes(bytes);
            bytes[31] &= 0x7f;
            edge.Add(new BigInteger(bytes, isUnsigned: true));
        }

        for (var i = 0; i < 50; i++)
        {
            // Near 2^255: the top bits all set, a small offset below.
            edge.Add(two255 - 1 - random.Next(1, 1000));
        }

        int squares = 0, nonSquares = 0;
        foreach (var a in edge)
        {
            Array.Clear(bytes);
            a.TryWriteBytes(bytes, out _, isUnsigned: true);
            var power = BigInteger.ModPow(a, (P - 1) / 2, P);
            var expected = power.IsZero ? 0 : power.IsOne ? 1 : -1;
            Assert.True(expected != -1 || power == P - 1);
            var field = Field25519.FromBytes(bytes);
            Assert.Equal(expected, field.LegendreSymbol());
            Assert.Equal(expected == 1, field.IsNonZeroSquare());
            if (expected == 1)
            {
                squares++;
            }
            else if (expected == -1)
            {
                nonSquares++;
            }
        }

        Assert.InRange(squares, 100, 270);
        Assert.InRange(nonSquares, 100, 270);
    }
}
