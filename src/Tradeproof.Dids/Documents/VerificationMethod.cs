using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Tradeproof.Cryptography;

namespace Tradeproof.Dids;

/// <summary>
/// A verification method (DID Core §5.2): id, type, controller and one public key property
/// (<c>publicKeyMultibase</c>, <c>publicKeyJwk</c>, or the older <c>publicKeyBase58</c>).
/// </summary>
public sealed class VerificationMethod
{
    /// <summary>Multikey (W3C Controlled Identifiers §2.2.2).</summary>
    public const string MultikeyType = "Multikey";

    /// <summary>JsonWebKey (Controlled Identifiers) and its predecessor JsonWebKey2020.</summary>
    public const string JsonWebKeyType = "JsonWebKey";

    /// <summary>The older JsonWebKey2020 type.</summary>
    public const string JsonWebKey2020Type = "JsonWebKey2020";

    /// <summary>The older Ed25519VerificationKey2020 type (publicKeyMultibase).</summary>
    public const string Ed25519VerificationKey2020Type = "Ed25519VerificationKey2020";

    /// <summary>The method's id (a DID URL, usually <c>did#fragment</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The method's type, e.g. <c>Multikey</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The controller's DID.</summary>
    public required string Controller { get; init; }

    /// <summary>The key as Multikey multibase, if given.</summary>
    public string? PublicKeyMultibase { get; init; }

    /// <summary>The key as a JWK, if given.</summary>
    public Jwk? PublicKeyJwk { get; init; }

    /// <summary>The key in base58btc without multibase prefix (2018/2019 suites), if given.</summary>
    public string? PublicKeyBase58 { get; init; }

    /// <summary>Other members, kept as read.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>
    /// The public key, from <c>publicKeyMultibase</c> or <c>publicKeyJwk</c> (or publicKeyBase58
    /// for the types whose key type it implies).
    /// </summary>
    /// <exception cref="KeyFormatException">No key, or a key that does not decode.</exception>
    public PublicKey GetPublicKey()
    {
        if (PublicKeyMultibase is not null)
        {
            return PublicKey.FromMultibase(PublicKeyMultibase);
        }

        if (PublicKeyJwk is not null)
        {
            return PublicKey.FromJwk(PublicKeyJwk);
        }

        if (PublicKeyBase58 is not null && LegacyKeyTypes.TryGetKeyType(Type, out var keyType))
        {
            return LegacyKeyTypes.DecodeBase58(keyType, PublicKeyBase58);
        }

        throw new KeyFormatException(KeyFormatException.UnsupportedPublicKeyType, $"The verification method {Id} has no public key we can read.");
    }

    /// <summary>The public key, or false when there is none or it does not decode.</summary>
    public bool TryGetPublicKey([NotNullWhen(true)] out PublicKey? key)
    {
        try
        {
            key = GetPublicKey();
            return true;
        }
        catch (KeyFormatException)
        {
            key = null;
            return false;
        }
    }
}
