namespace Tradeproof.Cryptography.Encoding;

/// <summary>
/// The multicodec codes that did:key and Multikey use (multicodec table.csv, tag "key"). The value is the
/// code; <see cref="Multicodec.Name"/> gives the table's name (e.g. <c>ed25519-pub</c>).
/// </summary>
#pragma warning disable CA1028 // Multicodec codes are unsigned varints: ulong is their natural type.
public enum MulticodecCode : ulong
#pragma warning restore CA1028
{
    /// <summary><c>secp256k1-pub</c> (0xe7): compressed secp256k1 public key, 33 bytes.</summary>
    Secp256k1Pub = 0xe7,

    /// <summary><c>bls12_381-g2-pub</c> (0xeb): BLS12-381 public key in G2, 96 bytes.</summary>
    Bls12381G2Pub = 0xeb,

    /// <summary><c>x25519-pub</c> (0xec): Curve25519 public key, 32 bytes.</summary>
    X25519Pub = 0xec,

    /// <summary><c>ed25519-pub</c> (0xed): Ed25519 public key, 32 bytes.</summary>
    Ed25519Pub = 0xed,

    /// <summary><c>p256-pub</c> (0x1200): compressed P-256 public key, 33 bytes.</summary>
    P256Pub = 0x1200,

    /// <summary><c>p384-pub</c> (0x1201): compressed P-384 public key, 49 bytes.</summary>
    P384Pub = 0x1201,

    /// <summary><c>p521-pub</c> (0x1202): compressed P-521 public key, 67 bytes.</summary>
    P521Pub = 0x1202,

    /// <summary><c>rsa-pub</c> (0x1205): DER RSAPublicKey (RFC 8017).</summary>
    RsaPub = 0x1205,

    /// <summary><c>ed25519-priv</c> (0x1300): Ed25519 private key (seed), 32 bytes.</summary>
    Ed25519Priv = 0x1300,

    /// <summary><c>secp256k1-priv</c> (0x1301): secp256k1 private key, 32 bytes.</summary>
    Secp256k1Priv = 0x1301,

    /// <summary><c>x25519-priv</c> (0x1302): Curve25519 private key, 32 bytes.</summary>
    X25519Priv = 0x1302,

    /// <summary><c>p256-priv</c> (0x1306): P-256 private key, 32 bytes.</summary>
    P256Priv = 0x1306,

    /// <summary><c>p384-priv</c> (0x1307): P-384 private key, 48 bytes.</summary>
    P384Priv = 0x1307,
}
