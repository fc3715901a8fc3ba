namespace Tradeproof.Cryptography;

/// <summary>The key types we sign, verify and encode.</summary>
public enum KeyType
{
    /// <summary>Ed25519 (RFC 8032): 32-byte public keys, 64-byte signatures.</summary>
    Ed25519,

    /// <summary>X25519 (RFC 7748): key agreement only (did:key documents), never signs.</summary>
    X25519,

    /// <summary>ECDSA over NIST P-256 (secp256r1) with SHA-256.</summary>
    P256,

    /// <summary>ECDSA over NIST P-384 (secp384r1) with SHA-384.</summary>
    P384,

    /// <summary>ECDSA over NIST P-521 (secp521r1) with SHA-512.</summary>
    P521,

    /// <summary>ECDSA over secp256k1 with SHA-256.</summary>
    Secp256k1,
}
