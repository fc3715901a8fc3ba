using System.Runtime.InteropServices;

namespace Tradeproof.Cryptography.Native;

/// <summary>
/// libsodium 1.0.18 (<c>libsodium.so.23</c>) entry points used for Ed25519 (RFC 8032) and the
/// Ed25519 to X25519 public key map. Loaded lazily: <see cref="IsAvailable"/> is false when the
/// library is missing, and nothing here is then called.
/// </summary>
internal static partial class LibsodiumInterop
{
    internal const string Library = "libsodium.so.23";

    private static readonly Lazy<bool> Available = new(Initialize);

    internal static bool IsAvailable => Available.Value;

    [LibraryImport(Library, EntryPoint = "sodium_init")]
    private static partial int SodiumInit();

    [LibraryImport(Library, EntryPoint = "crypto_sign_seed_keypair")]
    internal static partial int CryptoSignSeedKeypair(Span<byte> publicKey, Span<byte> secretKey, ReadOnlySpan<byte> seed);

    [LibraryImport(Library, EntryPoint = "crypto_sign_detached")]
    internal static partial int CryptoSignDetached(Span<byte> signature, out ulong signatureLength, ReadOnlySpan<byte> message, ulong messageLength, ReadOnlySpan<byte> secretKey);

    [LibraryImport(Library, EntryPoint = "crypto_sign_verify_detached")]
    internal static partial int CryptoSignVerifyDetached(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, ulong messageLength, ReadOnlySpan<byte> publicKey);

    /// <summary>SHA-256 (libsodium's portable C; for the comparison in Sha256Benchmarks only).</summary>
    [LibraryImport(Library, EntryPoint = "crypto_hash_sha256")]
    internal static partial int CryptoHashSha256(Span<byte> digest, ReadOnlySpan<byte> input, ulong inputLength);

    private static bool Initialize()
    {
        if (!NativeLibrary.TryLoad(Library, typeof(LibsodiumInterop).Assembly, null, out _))
        {
            return false;
        }

        // sodium_init returns 0 on success, 1 when already initialised, -1 on failure.
        return SodiumInit() >= 0;
    }
}
