using Tradeproof.Cryptography;

namespace Tradeproof.Credentials.DataIntegrity.Cryptosuites;

/// <summary>
/// The suites of this library, each a one-line declaration over the generic engine:
/// vc-di-eddsa (eddsa-rdfc-2022, eddsa-jcs-2022, Ed25519Signature2020), vc-di-ecdsa (ecdsa-rdfc-2019,
/// ecdsa-jcs-2019: P-256 with SHA-256, P-384 with SHA-384), and for older trade credentials
/// Ed25519Signature2018 and JsonWebSignature2020 (detached JWS).
/// </summary>
internal static class BuiltInSuites
{
    public static ICryptosuite EddsaRdfc2022 { get; } =
        new DataIntegrityCryptosuite("eddsa-rdfc-2022", DataIntegrityProof.DataIntegrityProofType, SuiteTransformation.Rdfc, keepContextInProof: false, KeyType.Ed25519);

    public static ICryptosuite EddsaJcs2022 { get; } =
        new DataIntegrityCryptosuite("eddsa-jcs-2022", DataIntegrityProof.DataIntegrityProofType, SuiteTransformation.Jcs, keepContextInProof: true, KeyType.Ed25519);

    public static ICryptosuite EcdsaRdfc2019 { get; } =
        new DataIntegrityCryptosuite("ecdsa-rdfc-2019", DataIntegrityProof.DataIntegrityProofType, SuiteTransformation.Rdfc, keepContextInProof: false, KeyType.P256, KeyType.P384);

    public static ICryptosuite EcdsaJcs2019 { get; } =
        new DataIntegrityCryptosuite("ecdsa-jcs-2019", DataIntegrityProof.DataIntegrityProofType, SuiteTransformation.Jcs, keepContextInProof: true, KeyType.P256, KeyType.P384);

    public static ICryptosuite Ed25519Signature2020 { get; } =
        new DataIntegrityCryptosuite("Ed25519Signature2020", "Ed25519Signature2020", SuiteTransformation.Rdfc, keepContextInProof: false, KeyType.Ed25519);

    public static ICryptosuite Ed25519Signature2018 { get; } = new DetachedJwsCryptosuite("Ed25519Signature2018", KeyType.Ed25519);

    public static ICryptosuite JsonWebSignature2020 { get; } =
        new DetachedJwsCryptosuite("JsonWebSignature2020", KeyType.Ed25519, KeyType.P256, KeyType.P384, KeyType.Secp256k1);

    public static void AddTo(CryptosuiteRegistry registry)
    {
        registry.Add(EddsaRdfc2022).Add(EddsaJcs2022).Add(EcdsaRdfc2019).Add(EcdsaJcs2019)
            .Add(Ed25519Signature2020).Add(Ed25519Signature2018).Add(JsonWebSignature2020);
    }
}
