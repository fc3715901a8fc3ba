namespace Tradeproof.Cryptography;

/// <summary>
/// The birational map from the Ed25519 curve to Curve25519 (RFC 7748 §4.1): u = (1 + y) / (1 - y)
/// mod p. Used to list the X25519 key agreement key derived from an Ed25519 did:key.
/// </summary>
internal static class Ed25519ToX25519
{
    public static byte[] Convert(ReadOnlySpan<byte> ed25519PublicKey)
    {
        // y is the encoding without the sign bit of x (RFC 8032 §5.1.2).
        var y = Field25519.FromBytes(ed25519PublicKey);
        var denominator = Field25519.One - y;
        if (denominator.IsZero)
        {
            throw new KeyFormatException(KeyFormatException.InvalidPublicKey, "The Ed25519 key has no X25519 counterpart.");
        }

        var u = (Field25519.One + y) * denominator.Invert();
        var result = new byte[32];
        u.ToBytes(result);
        return result;
    }
}
