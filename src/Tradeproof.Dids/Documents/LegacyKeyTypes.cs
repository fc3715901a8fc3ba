using System.Diagnostics.CodeAnalysis;
using Tradeproof.Cryptography;
using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Dids;

/// <summary>
/// The 2018-2021 verification method types that carry <c>publicKeyBase58</c> (raw key bytes in
/// base58btc without multibase prefix), as in the did:key JSON test vectors.
/// </summary>
internal static class LegacyKeyTypes
{
    public const string Ed25519VerificationKey2018 = "Ed25519VerificationKey2018";
    public const string X25519KeyAgreementKey2019 = "X25519KeyAgreementKey2019";
    public const string EcdsaSecp256k1VerificationKey2019 = "EcdsaSecp256k1VerificationKey2019";
    public const string P256Key2021 = "P256Key2021";

    public static bool TryGetKeyType(string methodType, out KeyType keyType)
    {
        (var found, keyType) = methodType switch
        {
            Ed25519VerificationKey2018 => (true, KeyType.Ed25519),
            X25519KeyAgreementKey2019 => (true, KeyType.X25519),
            EcdsaSecp256k1VerificationKey2019 => (true, KeyType.Secp256k1),
            P256Key2021 => (true, KeyType.P256),
            _ => (false, default),
        };
        return found;
    }

    public static bool TryGetMethodType(KeyType keyType, [NotNullWhen(true)] out string? methodType)
    {
        methodType = keyType switch
        {
            KeyType.Ed25519 => Ed25519VerificationKey2018,
            KeyType.X25519 => X25519KeyAgreementKey2019,
            KeyType.Secp256k1 => EcdsaSecp256k1VerificationKey2019,
            KeyType.P256 => P256Key2021,
            _ => null,
        };
        return methodType is not null;
    }

    public static string EncodeBase58(PublicKey key) => Multibase.Encode(MultibaseEncoding.Base58Btc, key.Bytes)[1..];

    public static PublicKey DecodeBase58(KeyType keyType, string base58)
    {
        byte[] bytes;
        try
        {
            bytes = Multibase.Decode("z" + base58, MultibaseEncoding.Base58Btc);
        }
        catch (MultibaseException e)
        {
            throw new KeyFormatException("publicKeyBase58 is not base58btc.", e);
        }

        return PublicKey.FromBytes(keyType, bytes);
    }
}
