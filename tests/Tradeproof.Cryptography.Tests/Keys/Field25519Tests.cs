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
}
