using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Tradeproof.Cryptography.Hashing;

/// <summary>
/// SHA-256 (FIPS 180-4) of one buffer, for the many small hashes of RDFC-1.0 and Data Integrity (a submission's
/// verification hashes about 105 inputs of 8 bytes to 45 KB).
/// </summary>
/// <remarks>
/// On Linux this calls OpenSSL 3's <c>SHA256_Init</c>/<c>SHA256_Update</c>/<c>SHA256_Final</c> in
/// <c>libcrypto.so.3</c> (already loaded by .NET) directly, with the context on the stack: the same block function
/// (SHA-NI where the CPU has it) as .NET's <see cref="SHA256"/>, without the EVP dispatch, the error queue clearing
/// and the context allocation .NET's shim does on every call (docs/performance.md, tenth session). Calls for inputs
/// up to <see cref="ShortInput"/> bytes skip the GC transition (a few microseconds at most). Where the library or the
/// functions are missing, <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> is used; the result is the
/// same.
/// </remarks>
public static unsafe class Sha256
{
    /// <summary>The digest size in bytes.</summary>
    public const int HashSize = 32;

    /// <summary>Inputs up to this many bytes are hashed without a GC transition (about 5 µs with SHA-NI).</summary>
    internal const int ShortInput = 8 * 1024;

    // OpenSSL's SHA256_CTX is 112 bytes (8 + 2 + 16 + 2 ints); room to spare.
    private const int ContextSize = 256;

    private static readonly Native? OpenSsl = Native.Load();

    /// <summary>Whether the OpenSSL functions are used (false: .NET's SHA-256).</summary>
    public static bool UsesOpenSsl => OpenSsl is not null;

    /// <summary>Hashes <paramref name="data"/> into the first 32 bytes of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 32 bytes.</exception>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashSize)
        {
            throw new ArgumentException("The destination is shorter than 32 bytes.", nameof(destination));
        }

        var native = OpenSsl;
        if (native is null)
        {
            SHA256.HashData(data, destination);
            return;
        }

        byte* context = stackalloc byte[ContextSize];
        fixed (byte* input = data)
        fixed (byte* output = destination)
        {
            // The functions return 1; they cannot fail for a valid context (no allocation, no provider).
            if (data.Length <= ShortInput)
            {
                native.InitShort(context);
                native.UpdateShort(context, input, (nuint)data.Length);
                native.FinalShort(output, context);
            }
            else
            {
                native.Init(context);
                native.Update(context, input, (nuint)data.Length);
                native.Final(output, context);
            }
        }
    }

    /// <summary>Hashes <paramref name="data"/> into a new 32-byte array.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new byte[HashSize];
        Hash(data, digest);
        return digest;
    }

    private sealed class Native
    {
        public delegate* unmanaged[SuppressGCTransition]<byte*, int> InitShort;
        public delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int> UpdateShort;
        public delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int> FinalShort;
        public delegate* unmanaged<byte*, int> Init;
        public delegate* unmanaged<byte*, byte*, nuint, int> Update;
        public delegate* unmanaged<byte*, byte*, int> Final;

        public static Native? Load()
        {
            if (!OperatingSystem.IsLinux()
                || !NativeLibrary.TryLoad(Tradeproof.Cryptography.Native.OpenSslInterop.Library, typeof(Sha256).Assembly, null, out var library)
                || !NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                || !NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                || !NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
            {
                return null;
            }

            var native = new Native
            {
                InitShort = (delegate* unmanaged[SuppressGCTransition]<byte*, int>)init,
                UpdateShort = (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int>)update,
                FinalShort = (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int>)final,
                Init = (delegate* unmanaged<byte*, int>)init,
                Update = (delegate* unmanaged<byte*, byte*, nuint, int>)update,
                Final = (delegate* unmanaged<byte*, byte*, int>)final,
            };

            // A self-test against .NET's SHA-256 before use (an unexpected library build falls back, never answers wrong).
            Span<byte> expected = stackalloc byte[HashSize];
            Span<byte> actual = stackalloc byte[HashSize];
            ReadOnlySpan<byte> probe = "abc, and a little more than one 64-byte block of input: 0123456789abcdef"u8;
            SHA256.HashData(probe, expected);
            byte* context = stackalloc byte[ContextSize];
            fixed (byte* input = probe)
            fixed (byte* output = actual)
            {
                if (native.Init(context) != 1 || native.Update(context, input, (nuint)probe.Length) != 1 || native.Final(output, context) != 1)
                {
                    return null;
                }
            }

            return actual.SequenceEqual(expected) ? native : null;
        }
    }
}
