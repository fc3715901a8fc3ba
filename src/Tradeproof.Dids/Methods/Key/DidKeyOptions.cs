namespace Tradeproof.Dids;

/// <summary>Defaults of the did:key resolver (each can be overridden per resolution).</summary>
public sealed record DidKeyOptions
{
    public static DidKeyOptions Default { get; } = new();

    /// <summary>The verification method format: see <see cref="DidKeyFormats"/>. Default Multikey.</summary>
    public string PublicKeyFormat { get; init; } = DidKeyFormats.Multikey;

    /// <summary>List the X25519 key derived from an Ed25519 key under keyAgreement (default true).</summary>
    public bool EnableEncryptionKeyDerivation { get; init; } = true;
}

/// <summary>The did:key <c>publicKeyFormat</c> values we produce.</summary>
public static class DidKeyFormats
{
    /// <summary>Multikey with the DID v1.1 context (the current did:key specification).</summary>
    public const string Multikey = "Multikey";

    /// <summary>JsonWebKey2020 with publicKeyJwk (jws-2020 context).</summary>
    public const string JsonWebKey2020 = "JsonWebKey2020";

    /// <summary>Ed25519VerificationKey2020 / X25519KeyAgreementKey2020 with publicKeyMultibase (other keys: Multikey).</summary>
    public const string Ed25519VerificationKey2020 = "Ed25519VerificationKey2020";

    /// <summary>
    /// The 2018-2021 types with publicKeyBase58: Ed25519VerificationKey2018,
    /// X25519KeyAgreementKey2019, EcdsaSecp256k1VerificationKey2019, P256Key2021.
    /// </summary>
    public const string Ed25519VerificationKey2018 = "Ed25519VerificationKey2018";
}
