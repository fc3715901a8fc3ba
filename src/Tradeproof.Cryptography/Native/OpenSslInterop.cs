using System.Runtime.InteropServices;

namespace Tradeproof.Cryptography.Native;

/// <summary>
/// OpenSSL 3 (<c>libcrypto.so.3</c>, already loaded by .NET on Linux) entry points for Ed25519
/// through the EVP one-shot digest-sign API (EVP_PKEY_ED25519 takes no digest).
/// </summary>
internal static partial class OpenSslInterop
{
    internal const string Library = "libcrypto.so.3";

    /// <summary>NID_ED25519 in OpenSSL's obj_mac.h.</summary>
    internal const int EvpPkeyEd25519 = 1087;

    private static readonly Lazy<bool> Available = new(
        () => NativeLibrary.TryLoad(Library, typeof(OpenSslInterop).Assembly, null, out _));

    internal static bool IsAvailable => Available.Value;

    [LibraryImport(Library, EntryPoint = "EVP_PKEY_new_raw_private_key")]
    internal static partial IntPtr EvpPkeyNewRawPrivateKey(int type, IntPtr engine, ReadOnlySpan<byte> key, nuint keyLength);

    [LibraryImport(Library, EntryPoint = "EVP_PKEY_new_raw_public_key")]
    internal static partial IntPtr EvpPkeyNewRawPublicKey(int type, IntPtr engine, ReadOnlySpan<byte> key, nuint keyLength);

    [LibraryImport(Library, EntryPoint = "EVP_PKEY_get_raw_public_key")]
    internal static partial int EvpPkeyGetRawPublicKey(IntPtr pkey, Span<byte> publicKey, ref nuint length);

    [LibraryImport(Library, EntryPoint = "EVP_PKEY_free")]
    internal static partial void EvpPkeyFree(IntPtr pkey);

    [LibraryImport(Library, EntryPoint = "EVP_MD_CTX_new")]
    internal static partial IntPtr EvpMdCtxNew();

    [LibraryImport(Library, EntryPoint = "EVP_MD_CTX_free")]
    internal static partial void EvpMdCtxFree(IntPtr context);

    [LibraryImport(Library, EntryPoint = "EVP_DigestSignInit")]
    internal static partial int EvpDigestSignInit(IntPtr context, IntPtr pkeyContext, IntPtr digest, IntPtr engine, IntPtr pkey);

    [LibraryImport(Library, EntryPoint = "EVP_DigestSign")]
    internal static partial int EvpDigestSign(IntPtr context, Span<byte> signature, ref nuint signatureLength, ReadOnlySpan<byte> data, nuint dataLength);

    [LibraryImport(Library, EntryPoint = "EVP_DigestVerifyInit")]
    internal static partial int EvpDigestVerifyInit(IntPtr context, IntPtr pkeyContext, IntPtr digest, IntPtr engine, IntPtr pkey);

    [LibraryImport(Library, EntryPoint = "EVP_DigestVerify")]
    internal static partial int EvpDigestVerify(IntPtr context, ReadOnlySpan<byte> signature, nuint signatureLength, ReadOnlySpan<byte> data, nuint dataLength);
}
