using Tradeproof.Cryptography;

namespace Tradeproof.Credentials.Jose;

/// <summary>
/// The JWS algorithms we sign and verify with (RFC 7518 §3.4, RFC 8037 §3.1, RFC 8812 §3.2). The key decides:
/// each key type has exactly one algorithm, so a P-256 key never verifies an ES384 or EdDSA signature, and
/// <c>none</c>, HMAC and RSA are never accepted.
/// </summary>
public static class JwsAlgorithms
{
    /// <summary>ECDSA P-256 with SHA-256.</summary>
    public const string ES256 = "ES256";

    /// <summary>ECDSA P-384 with SHA-384.</summary>
    public const string ES384 = "ES384";

    /// <summary>EdDSA with an Ed25519 key (RFC 8037).</summary>
    public const string EdDSA = "EdDSA";

    /// <summary>ECDSA secp256k1 with SHA-256 (RFC 8812).</summary>
    public const string ES256K = "ES256K";

    /// <summary>All supported algorithms.</summary>
    public static IReadOnlyList<string> All { get; } = [ES256, ES384, EdDSA, ES256K];

    /// <summary>The algorithm of a key type, or null when the key type cannot sign JWS here.</summary>
    public static string? For(KeyType type) => type switch
    {
        KeyType.P256 => ES256,
        KeyType.P384 => ES384,
        KeyType.Ed25519 => EdDSA,
        KeyType.Secp256k1 => ES256K,
        _ => null,
    };

    /// <summary>True when <paramref name="alg"/> is the algorithm of <paramref name="type"/>.</summary>
    public static bool Fits(string alg, KeyType type) => For(type) is { } expected && string.Equals(expected, alg, StringComparison.Ordinal);
}
