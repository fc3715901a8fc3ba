using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Cryptography;

/// <summary>
/// Multikey encodings (W3C Controlled Identifiers §2.2.2, did:key): publicKeyMultibase and
/// secretKeyMultibase are 'z' + base58btc(unsigned varint multicodec code || raw key bytes).
/// ECDSA public keys are SEC 1 compressed; secret keys are the Ed25519 seed or the ECDSA scalar.
/// </summary>
internal static class Multikey
{
    /// <summary>p521-priv (0x1308), missing from <see cref="MulticodecCode"/>.</summary>
    internal const MulticodecCode P521Priv = (MulticodecCode)0x1308;

    public static MulticodecCode PublicCode(KeyType type) => type switch
    {
        KeyType.Ed25519 => MulticodecCode.Ed25519Pub,
        KeyType.X25519 => MulticodecCode.X25519Pub,
        KeyType.P256 => MulticodecCode.P256Pub,
        KeyType.P384 => MulticodecCode.P384Pub,
        KeyType.P521 => MulticodecCode.P521Pub,
        KeyType.Secp256k1 => MulticodecCode.Secp256k1Pub,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static MulticodecCode SecretCode(KeyType type) => type switch
    {
        KeyType.Ed25519 => MulticodecCode.Ed25519Priv,
        KeyType.X25519 => MulticodecCode.X25519Priv,
        KeyType.P256 => MulticodecCode.P256Priv,
        KeyType.P384 => MulticodecCode.P384Priv,
        KeyType.P521 => P521Priv,
        KeyType.Secp256k1 => MulticodecCode.Secp256k1Priv,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryPublicType(MulticodecCode code, out KeyType type)
    {
        (var found, type) = code switch
        {
            MulticodecCode.Ed25519Pub => (true, KeyType.Ed25519),
            MulticodecCode.X25519Pub => (true, KeyType.X25519),
            MulticodecCode.P256Pub => (true, KeyType.P256),
            MulticodecCode.P384Pub => (true, KeyType.P384),
            MulticodecCode.P521Pub => (true, KeyType.P521),
            MulticodecCode.Secp256k1Pub => (true, KeyType.Secp256k1),
            _ => (false, default),
        };
        return found;
    }

    public static bool TrySecretType(MulticodecCode code, out KeyType type)
    {
        (var found, type) = code switch
        {
            MulticodecCode.Ed25519Priv => (true, KeyType.Ed25519),
            MulticodecCode.P256Priv => (true, KeyType.P256),
            MulticodecCode.P384Priv => (true, KeyType.P384),
            P521Priv => (true, KeyType.P521),
            MulticodecCode.Secp256k1Priv => (true, KeyType.Secp256k1),
            _ => (false, default),
        };
        return found;
    }

    public static string EncodePublicKey(PublicKey key) =>
        Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.Prefix(PublicCode(key.Type), key.Bytes));

    public static PublicKey DecodePublicKey(string publicKeyMultibase)
    {
        var (code, raw) = DecodePrefixed(publicKeyMultibase);
        if (!TryPublicType(code, out var type))
        {
            throw new KeyFormatException(KeyFormatException.UnsupportedPublicKeyType, $"Unsupported multicodec public key type 0x{(ulong)code:x}.");
        }

        return PublicKey.FromBytes(type, raw);
    }

    public static string EncodeSecretKey(KeyType type, ReadOnlySpan<byte> secret) =>
        Multibase.Encode(MultibaseEncoding.Base58Btc, Multicodec.Prefix(SecretCode(type), secret));

    public static (KeyType Type, byte[] Secret) DecodeSecretKey(string secretKeyMultibase)
    {
        var (code, raw) = DecodePrefixed(secretKeyMultibase, secret: true);
        if (!TrySecretType(code, out var type))
        {
            throw new KeyFormatException(KeyFormatException.UnsupportedPublicKeyType, $"Unsupported multicodec secret key type 0x{(ulong)code:x}.");
        }

        return (type, raw);
    }

    /// <summary>Splits a base58btc multibase value into its multicodec code and key bytes.</summary>
    internal static (MulticodecCode Code, byte[] Data) DecodePrefixed(string value, bool secret = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        byte[] bytes;
        try
        {
            bytes = Multibase.Decode(value, MultibaseEncoding.Base58Btc);
            return Multicodec.Split(bytes);
        }
        catch (MultibaseException e)
        {
            // A secret's decoding error may quote its characters: it is not kept.
            throw secret ? new KeyFormatException("Not a base58btc multibase value.") : new KeyFormatException("Not a base58btc multibase value.", e);
        }
        catch (MulticodecException e)
        {
            throw secret ? new KeyFormatException("Not a multicodec-prefixed key.") : new KeyFormatException("Not a multicodec-prefixed key.", e);
        }
    }
}
