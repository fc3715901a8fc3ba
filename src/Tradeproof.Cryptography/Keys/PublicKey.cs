using System.Numerics;
using System.Security.Cryptography;
using Tradeproof.Cryptography.Ecdsa;
using Tradeproof.Cryptography.Ed25519;
using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Cryptography;

/// <summary>
/// A public key: Ed25519 or X25519 (32 bytes) or an ECDSA point (kept in SEC 1 compressed form).
/// Immutable; equal when type and bytes are equal. Verification is strict (see
/// <see cref="Verify(ReadOnlySpan{byte}, ReadOnlySpan{byte}, SignatureOptions?)"/>).
/// </summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    private readonly byte[] _bytes;
    private readonly Lock _gate = new();
    private readonly BigInteger _x;
    private readonly BigInteger _y;
    private ECDsa? _verifier;
    private string? _multibase;

    private PublicKey(KeyType type, byte[] bytes)
    {
        Type = type;
        _bytes = bytes;
    }

    private PublicKey(KeyType type, byte[] compressed, BigInteger x, BigInteger y)
        : this(type, compressed)
    {
        _x = x;
        _y = y;
    }

    /// <summary>The key type.</summary>
    public KeyType Type { get; }

    /// <summary>The raw key: 32 bytes for Ed25519/X25519, the SEC 1 compressed point for ECDSA.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The multicodec code of the public key (ed25519-pub, p256-pub, ...).</summary>
    public MulticodecCode MulticodecCode => Multikey.PublicCode(Type);

    /// <summary>
    /// A key from raw bytes: 32 bytes for Ed25519/X25519; for ECDSA the SEC 1 compressed
    /// (0x02/0x03 || x) or uncompressed (0x04 || x || y) point, which must be on the curve.
    /// </summary>
    /// <exception cref="KeyFormatException">Wrong length, not on the curve (for Ed25519 the RFC 8032 §5.1.3 decoding), or a small-order Ed25519 key.</exception>
    public static PublicKey FromBytes(KeyType type, ReadOnlySpan<byte> bytes)
    {
        switch (type)
        {
            case KeyType.Ed25519:
            case KeyType.X25519:
                if (bytes.Length != 32)
                {
                    throw new KeyFormatException(KeyFormatException.InvalidPublicKeyLength, $"A {type} public key has 32 bytes, not {bytes.Length}.");
                }

                if (type == KeyType.Ed25519 && !Ed25519Algorithm.IsAcceptablePoint(bytes))
                {
                    throw new KeyFormatException(KeyFormatException.InvalidPublicKey, "Non-canonical or small-order Ed25519 public key.");
                }

                if (type == KeyType.Ed25519 && !Ed25519Algorithm.IsOnCurve(bytes))
                {
                    throw new KeyFormatException(KeyFormatException.InvalidPublicKey, "The Ed25519 public key is not a point on the curve.");
                }

                return new PublicKey(type, bytes.ToArray());
            default:
                var curve = EcCurve.For(type);
                BigInteger x, y;
                if (bytes.Length == curve.CompressedSize)
                {
                    if (!curve.TryDecompress(bytes, out x, out y))
                    {
                        throw new KeyFormatException(KeyFormatException.InvalidPublicKey, $"The {curve.JwkName} point is not on the curve.");
                    }

                    return new PublicKey(type, bytes.ToArray(), x, y);
                }

                if (bytes.Length == curve.UncompressedSize && bytes[0] == 0x04)
                {
                    return FromCoordinates(type, bytes.Slice(1, curve.FieldSize), bytes[(1 + curve.FieldSize)..]);
                }

                throw new KeyFormatException(KeyFormatException.InvalidPublicKeyLength, $"A {curve.JwkName} public key has {curve.CompressedSize} (compressed) or {curve.UncompressedSize} bytes, not {bytes.Length}.");
        }
    }

    /// <summary>An ECDSA key from its affine coordinates (big-endian, field-size bytes each).</summary>
    /// <exception cref="KeyFormatException">Wrong lengths or not on the curve.</exception>
    public static PublicKey FromCoordinates(KeyType type, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var curve = EcCurve.For(type);
        if (x.Length != curve.FieldSize || y.Length != curve.FieldSize)
        {
            throw new KeyFormatException(KeyFormatException.InvalidPublicKeyLength, $"{curve.JwkName} coordinates have {curve.FieldSize} bytes.");
        }

        var xi = EcCurve.ToInteger(x);
        var yi = EcCurve.ToInteger(y);
        if (!curve.IsOnCurve(xi, yi))
        {
            throw new KeyFormatException(KeyFormatException.InvalidPublicKey, $"The {curve.JwkName} point is not on the curve.");
        }

        return new PublicKey(type, curve.Compress(xi, yi), xi, yi);
    }

    /// <summary>Decodes a Multikey <c>publicKeyMultibase</c> value (base58btc, multicodec prefix).</summary>
    /// <exception cref="KeyFormatException">Not base58btc multibase, unknown codec, or a bad key.</exception>
    public static PublicKey FromMultibase(string publicKeyMultibase) => Multikey.DecodePublicKey(publicKeyMultibase);

    /// <summary>A public JWK (RFC 7517; OKP per RFC 8037, EC per RFC 7518).</summary>
    /// <exception cref="KeyFormatException">Unsupported kty/crv, bad base64url, wrong lengths, off-curve point.</exception>
    public static PublicKey FromJwk(Jwk jwk) => JwkConversion.ToPublicKey(jwk);

    /// <summary>The Multikey <c>publicKeyMultibase</c> value: 'z' + base58btc(multicodec varint || key).</summary>
    public string ToMultibase() => _multibase ??= Multikey.EncodePublicKey(this);

    /// <summary>The public JWK (no private members).</summary>
    public Jwk ToJwk() => JwkConversion.FromPublicKey(this);

    /// <summary>The SEC 1 uncompressed point 0x04 || x || y (ECDSA keys only).</summary>
    public byte[] ToUncompressedPoint()
    {
        var curve = EcCurve.For(Type);
        var result = new byte[curve.UncompressedSize];
        result[0] = 0x04;
        curve.ToField(X).CopyTo(result, 1);
        curve.ToField(Y).CopyTo(result, 1 + curve.FieldSize);
        return result;
    }

    /// <summary>The X25519 key of an Ed25519 key (RFC 7748 §4.1 birational map), for key agreement.</summary>
    public PublicKey ToX25519()
    {
        if (Type != KeyType.Ed25519)
        {
            throw new InvalidOperationException("Only Ed25519 keys map to X25519.");
        }

        return new PublicKey(KeyType.X25519, Ed25519ToX25519.Convert(_bytes));
    }

    /// <summary>
    /// Verifies a signature over <paramref name="data"/>. Ed25519: RFC 8032 with canonical S, R and
    /// A and no small-order R or A. ECDSA: IEEE P1363 r || s of the curve's size, 0 &lt; r, s &lt; n,
    /// low S when <see cref="SignatureOptions.RequireLowS"/>, hash of the curve (SHA-256 for
    /// P-256 and secp256k1, SHA-384 for P-384, SHA-512 for P-521). Returns false, never throws,
    /// for a bad signature.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, SignatureOptions? options = null)
    {
        switch (Type)
        {
            case KeyType.Ed25519:
                return Ed25519Algorithm.Verify(_bytes, data, signature);
            case KeyType.X25519:
                return false;
            default:
                return VerifyEcdsa(data, signature, options ?? SignatureOptions.Default);
        }
    }

    /// <inheritdoc />
    public bool Equals(PublicKey? other) =>
        other is not null && other.Type == Type && other._bytes.AsSpan().SequenceEqual(_bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Type);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Type} {ToMultibase()}";

    internal BigInteger X => _x;

    internal BigInteger Y => _y;

    /// <summary>Strict ECDSA checks in front of .NET's verifier (which also rejects r, s out of range).</summary>
    private bool VerifyEcdsa(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, SignatureOptions options)
    {
        var curve = EcCurve.For(Type);
        if (signature.Length != 2 * curve.FieldSize)
        {
            return false;
        }

        var r = EcCurve.ToInteger(signature[..curve.FieldSize]);
        var s = EcCurve.ToInteger(signature[curve.FieldSize..]);
        if (r.IsZero || s.IsZero || r >= curve.N || s >= curve.N)
        {
            return false;
        }

        if (options.RequireLowS && s > curve.HalfN)
        {
            return false;
        }

        lock (_gate)
        {
            _verifier ??= CreateVerifier(curve);
            return _verifier.VerifyData(data, signature, curve.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    private ECDsa CreateVerifier(EcCurve curve) => ECDsa.Create(new ECParameters
    {
        Curve = curve.Curve,
        Q = new ECPoint { X = curve.ToField(_x), Y = curve.ToField(_y) },
    });

    internal static PublicKey FromTrustedEcdsa(KeyType type, byte[] x, byte[] y)
    {
        var curve = EcCurve.For(type);
        var xi = EcCurve.ToInteger(x);
        var yi = EcCurve.ToInteger(y);
        return new PublicKey(type, curve.Compress(xi, yi), xi, yi);
    }

    internal static PublicKey FromTrustedEd25519(byte[] bytes) => new(KeyType.Ed25519, bytes);
}
