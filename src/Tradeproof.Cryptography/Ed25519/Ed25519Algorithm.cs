using Tradeproof.Cryptography.Native;

namespace Tradeproof.Cryptography.Ed25519;

/// <summary>
/// Ed25519 (RFC 8032 §5.1) with strict verification in front of every backend.
/// <para>
/// Parameters: p = 2^255 - 19, L = 2^252 + 27742317777372353535851937790883648493, 32-byte
/// public keys, 64-byte signatures R || S. Verification is cofactorless ([S]B = R + [k]A,
/// compared by encoding), as both libsodium 1.0.18 and OpenSSL 3 compute it.
/// </para>
/// <para>
/// The checks added here (RFC 8032 §5.1.7 step 1 and "Taming the many EdDSAs", Chalkias et
/// al. 2020): S must be canonical (S &lt; L); R and A must be canonical encodings (y &lt; p);
/// R and A must not be one of the 8 small-order points. libsodium rejects all of these itself;
/// OpenSSL accepts small-order keys, so without these checks the backends would disagree.
/// </para>
/// </summary>
internal static class Ed25519Algorithm
{
    internal const int PublicKeySize = 32;
    internal const int SeedSize = 32;
    internal const int SignatureSize = 64;

    /// <summary>The group order L, little-endian.</summary>
    private static ReadOnlySpan<byte> Order =>
    [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
    ];

    /// <summary>
    /// The y coordinates (little-endian, sign bit cleared) of the 8 small-order points:
    /// y = 1 (identity), y = p - 1 (order 2), y = 0 (two points of order 4) and ±y8 (four points
    /// of order 8). With non-canonical y rejected first, these cover every encoding of them.
    /// </summary>
    private static readonly byte[][] SmallOrderY =
    [
        Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000000"),
        Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000"),
        Convert.FromHexString("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        Convert.FromHexString("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        Convert.FromHexString("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
    ];

    /// <summary>The curve constant d = -121665/121666 mod p, little-endian.</summary>
    private static ReadOnlySpan<byte> CurveD =>
    [
        0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41, 0x41, 0x4d, 0x0a, 0x70, 0x00,
        0x98, 0xe8, 0x79, 0x77, 0x79, 0x40, 0xc7, 0x8c, 0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c, 0x03, 0x52,
    ];

    private static readonly Lazy<IEd25519Provider> DefaultProvider = new(SelectProvider);

    /// <summary>The backend used by default: libsodium when present, otherwise OpenSSL.</summary>
    internal static IEd25519Provider Default => DefaultProvider.Value;

    internal static bool IsAvailable(Ed25519Backend backend) => backend switch
    {
        Ed25519Backend.Libsodium => LibsodiumInterop.IsAvailable,
        Ed25519Backend.OpenSsl => OpenSslInterop.IsAvailable,
        _ => false,
    };

    internal static IEd25519Provider Provider(Ed25519Backend backend) => backend switch
    {
        Ed25519Backend.Libsodium when LibsodiumInterop.IsAvailable => LibsodiumEd25519.Instance,
        Ed25519Backend.OpenSsl when OpenSslInterop.IsAvailable => OpenSslEd25519.Instance,
        _ => throw new PlatformNotSupportedException($"The Ed25519 backend {backend} is not available on this machine."),
    };

    /// <summary>Strict RFC 8032 verification through the default backend.</summary>
    internal static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        Verify(Default, publicKey, message, signature);

    /// <summary>Strict RFC 8032 verification through the given backend.</summary>
    internal static bool Verify(IEd25519Provider provider, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeySize || signature.Length != SignatureSize)
        {
            return false;
        }

        // RFC 8032 §5.1.7 step 1: decode R (first half) and S (second half); S must be < L.
        var r = signature[..32];
        var s = signature[32..];
        if (!IsCanonicalScalar(s))
        {
            return false;
        }

        // Step 1 also decodes R and A as points: we require canonical encodings (y < p) and
        // refuse small-order points ("Taming the many EdDSAs", cases with small-order A or R).
        if (!IsAcceptablePoint(r) || !IsAcceptablePoint(publicKey))
        {
            return false;
        }

        // Steps 2 and 3 (k = SHA-512(dom2 || R || A || M), [S]B = R + [k]A) in the backend.
        return provider.Verify(publicKey, message, signature);
    }

    /// <summary>True when the encoding is canonical and not one of the small-order points.</summary>
    internal static bool IsAcceptablePoint(ReadOnlySpan<byte> encoded) =>
        encoded.Length == 32 && IsCanonicalPointEncoding(encoded) && !HasSmallOrder(encoded);

    /// <summary>
    /// True when the (canonical) encoding decodes to a point (RFC 8032 §5.1.3): x^2 = u/v with
    /// u = y^2 - 1 and v = d·y^2 + 1 has a root, and x = 0 comes with sign bit 0. v is never 0
    /// (d is not a square), so a root exists exactly when u = 0 or u·v is a square: one
    /// exponentiation (the Legendre symbol), no square root needed.
    /// </summary>
    internal static bool IsOnCurve(ReadOnlySpan<byte> encoded)
    {
        var y = Field25519.FromBytes(encoded);
        var y2 = y * y;
        var u = y2 - Field25519.One;
        if (u.IsZero)
        {
            // y = ±1: x = 0, whose encoding must have sign bit 0 (step 4 of §5.1.3).
            return (encoded[31] & 0x80) == 0;
        }

        var v = (Field25519.FromBytes(CurveD) * y2) + Field25519.One;
        return (u * v).IsNonZeroSquare();
    }

    /// <summary>True when 0 &lt;= S &lt; L (little-endian comparison from the top byte).</summary>
    internal static bool IsCanonicalScalar(ReadOnlySpan<byte> s)
    {
        var order = Order;
        for (var i = 31; i >= 0; i--)
        {
            if (s[i] < order[i])
            {
                return true;
            }

            if (s[i] > order[i])
            {
                return false;
            }
        }

        return false; // S == L
    }

    /// <summary>True when the y coordinate (bit 255 masked off) is below p = 2^255 - 19.</summary>
    internal static bool IsCanonicalPointEncoding(ReadOnlySpan<byte> encoded)
    {
        // y >= p only when the top byte (sign bit masked) is 0x7f, bytes 30..1 are 0xff and
        // byte 0 is >= 0xed.
        if ((encoded[31] & 0x7f) != 0x7f)
        {
            return true;
        }

        for (var i = 30; i >= 1; i--)
        {
            if (encoded[i] != 0xff)
            {
                return true;
            }
        }

        return encoded[0] < 0xed;
    }

    /// <summary>True when the (canonical) encoding is one of the 8 small-order points.</summary>
    internal static bool HasSmallOrder(ReadOnlySpan<byte> encoded)
    {
        Span<byte> y = stackalloc byte[32];
        encoded.CopyTo(y);
        y[31] &= 0x7f;
        foreach (var candidate in SmallOrderY)
        {
            if (y.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }

    private static IEd25519Provider SelectProvider()
    {
        if (LibsodiumInterop.IsAvailable)
        {
            return LibsodiumEd25519.Instance;
        }

        if (OpenSslInterop.IsAvailable)
        {
            return OpenSslEd25519.Instance;
        }

        throw new PlatformNotSupportedException("Ed25519 needs libsodium (libsodium.so.23) or OpenSSL 3 (libcrypto.so.3).");
    }
}
