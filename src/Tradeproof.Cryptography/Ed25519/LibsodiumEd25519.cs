using System.Security.Cryptography;
using Tradeproof.Cryptography.Native;

namespace Tradeproof.Cryptography.Ed25519;

/// <summary>Ed25519 through libsodium's crypto_sign_* (secret key = seed || public key).</summary>
internal sealed class LibsodiumEd25519 : IEd25519Provider
{
    internal static readonly LibsodiumEd25519 Instance = new();

    public Ed25519Backend Backend => Ed25519Backend.Libsodium;

    public void DerivePublicKey(ReadOnlySpan<byte> seed, Span<byte> publicKey)
    {
        Span<byte> secretKey = stackalloc byte[64];
        try
        {
            if (LibsodiumInterop.CryptoSignSeedKeypair(publicKey, secretKey, seed) != 0)
            {
                throw new CryptographicException("libsodium could not derive an Ed25519 key pair.");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secretKey);
        }
    }

    public IEd25519SigningState CreateSigningState(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> publicKey)
    {
        var secretKey = GC.AllocateArray<byte>(64, pinned: true);
        seed.CopyTo(secretKey);
        publicKey.CopyTo(secretKey.AsSpan(32));
        return new State(secretKey);
    }

    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        LibsodiumInterop.CryptoSignVerifyDetached(signature, message, (ulong)message.Length, publicKey) == 0;

    private sealed class State(byte[] secretKey) : IEd25519SigningState
    {
        public void Sign(ReadOnlySpan<byte> message, Span<byte> signature)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (LibsodiumInterop.CryptoSignDetached(signature, out _, message, (ulong)message.Length, secretKey) != 0)
            {
                throw new CryptographicException("libsodium could not sign.");
            }
        }

        private bool _disposed;

        public void Dispose()
        {
            CryptographicOperations.ZeroMemory(secretKey);
            _disposed = true;
        }
    }
}
