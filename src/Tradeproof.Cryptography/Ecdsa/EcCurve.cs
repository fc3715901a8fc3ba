using System.Numerics;
using System.Security.Cryptography;

namespace Tradeproof.Cryptography.Ecdsa;

/// <summary>
/// The parameters of one short-Weierstrass curve y^2 = x^3 + ax + b (mod p) with group order n,
/// taken from the platform (ExportExplicitParameters) so no constant is typed by hand.
/// References: SEC 2 v2 (secp256k1), FIPS 186-5 / SP 800-186 (P-256, P-384, P-521).
/// </summary>
internal sealed class EcCurve
{
    private static readonly Lazy<EcCurve> P256Curve = new(() => new EcCurve(KeyType.P256, ECCurve.NamedCurves.nistP256, "P-256", HashAlgorithmName.SHA256));
    private static readonly Lazy<EcCurve> P384Curve = new(() => new EcCurve(KeyType.P384, ECCurve.NamedCurves.nistP384, "P-384", HashAlgorithmName.SHA384));
    private static readonly Lazy<EcCurve> P521Curve = new(() => new EcCurve(KeyType.P521, ECCurve.NamedCurves.nistP521, "P-521", HashAlgorithmName.SHA512));
    private static readonly Lazy<EcCurve> Secp256k1Curve = new(() => new EcCurve(KeyType.Secp256k1, ECCurve.CreateFromOid(new Oid("1.3.132.0.10")), "secp256k1", HashAlgorithmName.SHA256));

    private EcCurve(KeyType type, ECCurve curve, string jwkName, HashAlgorithmName hash)
    {
        Type = type;
        Curve = curve;
        JwkName = jwkName;
        Hash = hash;
        using var ecdsa = ECDsa.Create(curve);
        var explicitParameters = ecdsa.ExportExplicitParameters(false);
        P = ToInteger(explicitParameters.Curve.Prime!);
        A = ToInteger(explicitParameters.Curve.A!);
        B = ToInteger(explicitParameters.Curve.B!);
        N = ToInteger(explicitParameters.Curve.Order!);
        FieldSize = explicitParameters.Curve.Prime!.Length;
        HalfN = N >> 1;
        if (P % 4 != 3)
        {
            throw new InvalidOperationException("Point decompression needs p = 3 mod 4.");
        }

        SqrtExponent = (P + 1) >> 2;
        Field = new MontgomeryField(P);
    }

    public KeyType Type { get; }

    public ECCurve Curve { get; }

    /// <summary>The JWK <c>crv</c> name (RFC 7518 §6.2.1.1, RFC 8812 for secp256k1).</summary>
    public string JwkName { get; }

    public HashAlgorithmName Hash { get; }

    public BigInteger P { get; }

    public BigInteger A { get; }

    public BigInteger B { get; }

    public BigInteger N { get; }

    public BigInteger HalfN { get; }

    /// <summary>Bytes of a field element and of r and s (32, 48, 66).</summary>
    public int FieldSize { get; }

    public int CompressedSize => FieldSize + 1;

    public int UncompressedSize => (2 * FieldSize) + 1;

    private BigInteger SqrtExponent { get; }

    private MontgomeryField Field { get; }

    public static EcCurve For(KeyType type) => type switch
    {
        KeyType.P256 => P256Curve.Value,
        KeyType.P384 => P384Curve.Value,
        KeyType.P521 => P521Curve.Value,
        KeyType.Secp256k1 => Secp256k1Curve.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an ECDSA key type."),
    };

    public static bool IsEcdsa(KeyType type) => type is KeyType.P256 or KeyType.P384 or KeyType.P521 or KeyType.Secp256k1;

    public static BigInteger ToInteger(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    public byte[] ToField(BigInteger value)
    {
        var bytes = new byte[FieldSize];
        if (!value.TryWriteBytes(bytes.AsSpan(FieldSize - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true))
        {
            throw new InvalidOperationException("Field element too large.");
        }

        return bytes;
    }

    /// <summary>True when (x, y) satisfies the curve equation with both coordinates below p.</summary>
    public bool IsOnCurve(BigInteger x, BigInteger y) =>
        x < P && y < P && x.Sign >= 0 && y.Sign >= 0 && y * y % P == RightHandSide(x);

    /// <summary>
    /// Decompresses a SEC 1 §2.3.4 compressed point (0x02/0x03 || x): y = sqrt(x^3 + ax + b)
    /// mod p, computed as rhs^((p+1)/4) since p = 3 mod 4, with the parity of the prefix.
    /// Returns false when x is not below p or rhs is not a square (x is not on the curve).
    /// </summary>
    public bool TryDecompress(ReadOnlySpan<byte> compressed, out BigInteger x, out BigInteger y)
    {
        y = default;
        x = default;
        if (compressed.Length != CompressedSize || (compressed[0] != 0x02 && compressed[0] != 0x03))
        {
            return false;
        }

        x = ToInteger(compressed[1..]);
        if (x >= P)
        {
            return false;
        }

        var rhs = RightHandSide(x);
        var root = Field.Pow(rhs, SqrtExponent);
        if (root * root % P != rhs)
        {
            return false;
        }

        var wantOdd = compressed[0] == 0x03;
        if (root.IsEven == wantOdd)
        {
            root = (P - root) % P;
        }

        y = root;
        return !(root.IsZero && wantOdd);
    }

    /// <summary>SEC 1 §2.3.3 compressed form of an affine point.</summary>
    public byte[] Compress(BigInteger x, BigInteger y)
    {
        var result = new byte[CompressedSize];
        result[0] = y.IsEven ? (byte)0x02 : (byte)0x03;
        ToField(x).CopyTo(result, 1);
        return result;
    }

    private BigInteger RightHandSide(BigInteger x)
    {
        var value = ((x * x % P * x) + (A * x) + B) % P;
        return value.Sign < 0 ? value + P : value;
    }
}
