using System.Security.Cryptography;
using Tradeproof.Cryptography.Native;

namespace Tradeproof.Cryptography.Ed25519;

/// <summary>Ed25519 through OpenSSL 3's EVP_DigestSign/EVP_DigestVerify with EVP_PKEY_ED25519.</summary>
internal sealed class OpenSslEd25519 : IEd25519Provider
{
    internal static readonly OpenSslEd25519 Instance = new();

    public Ed25519Backend Backend => Ed25519Backend.OpenSsl;

    public void DerivePublicKey(ReadOnlySpan<byte> seed, Span<byte> publicKey)
    {
        var pkey = NewPrivateKey(seed);
        try
        {
            nuint length = 32;
            if (OpenSslInterop.EvpPkeyGetRawPublicKey(pkey, publicKey, ref length) != 1 || length != 32)
            {
                throw new CryptographicException("OpenSSL could not derive an Ed25519 public key.");
            }
        }
        finally
        {
            OpenSslInterop.EvpPkeyFree(pkey);
        }
    }

    public IEd25519SigningState CreateSigningState(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> publicKey) =>
        new State(NewPrivateKey(seed));

    public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var pkey = OpenSslInterop.EvpPkeyNewRawPublicKey(OpenSslInterop.EvpPkeyEd25519, IntPtr.Zero, publicKey, (nuint)publicKey.Length);
        if (pkey == IntPtr.Zero)
        {
            return false;
        }

        var context = OpenSslInterop.EvpMdCtxNew();
        try
        {
            return context != IntPtr.Zero
                && OpenSslInterop.EvpDigestVerifyInit(context, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, pkey) == 1
                && OpenSslInterop.EvpDigestVerify(context, signature, (nuint)signature.Length, message, (nuint)message.Length) == 1;
        }
        finally
        {
            OpenSslInterop.EvpMdCtxFree(context);
            OpenSslInterop.EvpPkeyFree(pkey);
        }
    }

    private static IntPtr NewPrivateKey(ReadOnlySpan<byte> seed)
    {
        var pkey = OpenSslInterop.EvpPkeyNewRawPrivateKey(OpenSslInterop.EvpPkeyEd25519, IntPtr.Zero, seed, (nuint)seed.Length);
        return pkey != IntPtr.Zero ? pkey : throw new CryptographicException("OpenSSL could not import an Ed25519 private key.");
    }

    private sealed class State(IntPtr pkey) : IEd25519SigningState
    {
        private IntPtr _pkey = pkey;

        public void Sign(ReadOnlySpan<byte> message, Span<byte> signature)
        {
            ObjectDisposedException.ThrowIf(_pkey == IntPtr.Zero, this);
            var context = OpenSslInterop.EvpMdCtxNew();
            try
            {
                nuint length = 64;
                if (context == IntPtr.Zero
                    || OpenSslInterop.EvpDigestSignInit(context, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, _pkey) != 1
                    || OpenSslInterop.EvpDigestSign(context, signature, ref length, message, (nuint)message.Length) != 1
                    || length != 64)
                {
                    throw new CryptographicException("OpenSSL could not sign.");
                }
            }
            finally
            {
                OpenSslInterop.EvpMdCtxFree(context);
            }
        }

        public void Dispose()
        {
            if (_pkey != IntPtr.Zero)
            {
                OpenSslInterop.EvpPkeyFree(_pkey);
                _pkey = IntPtr.Zero;
            }
        }
    }
}
