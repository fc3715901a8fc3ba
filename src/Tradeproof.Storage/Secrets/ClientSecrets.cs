using System.Security.Cryptography;
using System.Text;
using Tradeproof.Cryptography;
using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Storage;

/// <summary>
/// OAuth client secrets: 256 random bits shown once to the operator, stored as their SHA-256. A secret of that
/// entropy needs no slow hash (RFC 6749 §10.2 asks that client secrets resist guessing; the entropy provides it).
/// </summary>
public static class ClientSecrets
{
    /// <summary>Bytes of entropy in a generated secret.</summary>
    public const int SecretBytes = 32;

    /// <summary>A new secret (base64url of 32 random bytes from <paramref name="random"/>).</summary>
    public static string Generate(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> bytes = stackalloc byte[SecretBytes];
        random.Fill(bytes);
        return Base64UrlStrict.Encode(bytes);
    }

    /// <summary>The stored form of a secret: SHA-256 of its UTF-8 bytes.</summary>
    public static byte[] Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return SHA256.HashData(Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>Whether <paramref name="secret"/> matches <paramref name="storedHash"/> (constant-time comparison).</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> storedHash)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), hash);
        return CryptographicOperations.FixedTimeEquals(hash, storedHash);
    }
}
