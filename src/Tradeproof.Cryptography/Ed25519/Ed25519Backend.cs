namespace Tradeproof.Cryptography.Ed25519;

/// <summary>The native library that computes Ed25519 signatures.</summary>
internal enum Ed25519Backend
{
    /// <summary>libsodium (<c>libsodium.so.23</c>), the default when present.</summary>
    Libsodium,

    /// <summary>OpenSSL 3 libcrypto, the fallback when libsodium is missing.</summary>
    OpenSsl,
}
