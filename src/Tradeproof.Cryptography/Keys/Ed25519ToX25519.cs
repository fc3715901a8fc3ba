using System.Numerics;

namespace Tradeproof.Cryptography;

/// <summary>
/// The birational map from the Ed25519 curve to Curve25519 (RFC 7748 §4.1): u = (1 + y) / (1 - y)
/// mod p. Used to list the X25519 key agreement key derived from an Ed25519 did:key.
/// </summary>
internal static class Ed25519ToX25519
{
    private static readonly BigInteger P = (BigInteger.One << 255) - 19;
    private static readonly BigInteger PMinus2 = P - 2;

    public static byte[] Convert(ReadOnlySpan<byte> ed25519PublicKey)
    {
        Span<byte> yBytes = stackalloc byte[32];
        ed25519PublicKey.CopyTo(yBytes);
        yBytes[31] &= 0x7f;
        var y = new BigInteger(yBytes, isUnsigned: true, isBigEndian: false);
        var denominator = ((1 - y) % P + P) % P;
        if (denominator.IsZero)
        {
            throw new KeyFormatException(KeyFormatException.InvalidPublicKey, "The Ed25519 key has no X25519 counterpart.");
        }

        var u = (1 + y) * BigInteger.ModPow(denominator, PMinus2, P) % P;
        var result = new byte[32];
        u.TryWriteBytes(result, out _, isUnsigned: true, isBigEndian: false);
        return result;
    }
}
