namespace Tradeproof.Cryptography.Ed25519;

/// <summary>
/// One native Ed25519 implementation. It does no input checks of its own beyond what the
/// library does: <see cref="Ed25519Algorithm"/> runs the strict checks in front of it.
/// </summary>
internal interface IEd25519Provider
{
    Ed25519Backend Backend { get; }

    /// <summary>Computes the public key of a 32-byte seed (RFC 8032 §5.1.5).</summary>
    void DerivePublicKey(ReadOnlySpan<byte> seed, Span<byte> publicKey);

    /// <summary>Creates a signing state for a seed (kept by the key pair, disposed with it).</summary>
    IEd25519SigningState CreateSigningState(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> publicKey);

    /// <summary>RFC 8032 §5.1.7 verification as the library does it.</summary>
    bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);
}

/// <summary>The backend's prepared secret key: signs messages (RFC 8032 §5.1.6).</summary>
internal interface IEd25519SigningState : IDisposable
{
    void Sign(ReadOnlySpan<byte> message, Span<byte> signature);
}
