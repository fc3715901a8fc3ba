using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Tradeproof.Cryptography;
using Tradeproof.Rdf.Canonicalization;

namespace Tradeproof.Credentials.DataIntegrity.Cryptosuites;

/// <summary>
/// The older Linked Data Signature suites that sign with a detached JWS (RFC 7515 Appendix F, RFC 7797
/// unencoded payload): Ed25519Signature2018 and JsonWebSignature2020. The payload is the RDFC hash data
/// <c>SHA-256(canonical proof options) || SHA-256(canonical document)</c>; the protected header is
/// <c>{"alg":ALG,"b64":false,"crit":["b64"]}</c>; the signing input is <c>ASCII(BASE64URL(header) || '.') || payload</c>;
/// the proof carries <c>jws = BASE64URL(header) || '..' || BASE64URL(signature)</c>.
/// </summary>
internal sealed class DetachedJwsCryptosuite : ICryptosuite
{
    private readonly KeyType[] _keyTypes;
    private readonly DataIntegrityCryptosuite _hashing;

    public DetachedJwsCryptosuite(string proofType, params KeyType[] keyTypes)
    {
        Name = proofType;
        ProofType = proofType;
        _keyTypes = keyTypes;
        _hashing = new DataIntegrityCryptosuite(proofType, proofType, SuiteTransformation.Rdfc, keepContextInProof: false, keyTypes);
    }

    public string Name { get; }

    public string ProofType { get; }

    public string? CryptosuiteName => null;

    public bool SupportsKeyType(KeyType keyType) => Array.IndexOf(_keyTypes, keyType) >= 0;

    /// <summary>The JWS <c>alg</c> of a key type (RFC 8037 EdDSA, RFC 7518 ES256/ES384, RFC 8812 ES256K).</summary>
    public static string? AlgorithmOf(KeyType keyType) => keyType switch
    {
        KeyType.Ed25519 => "EdDSA",
        KeyType.P256 => "ES256",
        KeyType.P384 => "ES384",
        KeyType.Secp256k1 => "ES256K",
        _ => null,
    };

    public DataIntegrityProof CreateProof(ProofCreationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = Payload(context.Transforms, context.Document, context.UnsecuredDocument.Span, context.ProofConfiguration, context.CancellationToken);
        var header = "{\"alg\":\"" + AlgorithmOf(context.Signer.Type) + "\",\"b64\":false,\"crit\":[\"b64\"]}";
        var encodedHeader = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header));
        var signature = context.Signer.Sign(SigningInput(encodedHeader, payload), SignatureOptionsFor(context.Signer.Type));
        return context.ProofConfiguration.WithJws(encodedHeader + ".." + Base64Url.EncodeToString(signature));
    }

    public Problem? VerifyProof(ProofVerificationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jws = context.Proof.Jws;
        if (jws is null)
        {
            return Malformed("The proof has no 'jws'.");
        }

        var parts = jws.Split('.');
        if (parts.Length != 3 || parts[1].Length != 0)
        {
            return Malformed("jws must be a detached compact JWS (header..signature).");
        }

        byte[] headerBytes, signature;
        try
        {
            headerBytes = Base64Url.DecodeFromChars(parts[0]);
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return Malformed("jws is not base64url.");
        }

        // RFC 7797 §3, §6: b64 must be false and understood (listed in crit); alg must be the key's.
        try
        {
            var header = Tradeproof.Json.StrictJson.ParseElement(headerBytes);
            if (header.ValueKind != JsonValueKind.Object
                || !header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String
                || !alg.ValueEquals(AlgorithmOf(context.PublicKey.Type))
                || !header.TryGetProperty("b64", out var b64) || b64.ValueKind != JsonValueKind.False
                || !header.TryGetProperty("crit", out var crit) || crit.ValueKind != JsonValueKind.Array
                || !crit.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && e.ValueEquals("b64")))
            {
                return Malformed("The JWS header must name the key's alg, b64:false and crit [\"b64\"].");
            }
        }
        catch (Tradeproof.Json.JsonInputException)
        {
            return Malformed("The JWS header is not JSON.");
        }

        var payload = Payload(context.Transforms, context.Document, context.UnsecuredDocument.Span, context.Proof, context.CancellationToken);
        return context.PublicKey.Verify(SigningInput(parts[0], payload), signature, SignatureOptionsFor(context.PublicKey.Type))
            ? null
            : new Problem(ProblemTypes.ProofVerificationError, "Invalid signature", $"The {Name} signature does not verify.");
    }

    private byte[] Payload(ProofTransforms transforms, JsonElement document, ReadOnlySpan<byte> unsecured, DataIntegrityProof proof, CancellationToken cancellationToken)
    {
        JsonElement? documentContext = document.TryGetProperty("@context", out var c) ? c : null;
        var configuration = proof.ToConfigurationUtf8(documentContext);
        return _hashing.HashData(transforms, unsecured, configuration, RdfcHashAlgorithm.Sha256, cancellationToken);
    }

    private static byte[] SigningInput(string encodedHeader, byte[] payload) => [.. Encoding.ASCII.GetBytes(encodedHeader + "."), .. payload];

    private static SignatureOptions SignatureOptionsFor(KeyType keyType) => keyType == KeyType.Secp256k1 ? SignatureOptions.LowS : SignatureOptions.Default;

    private static Problem Malformed(string detail) => new(ProblemTypes.ProofVerificationError, "Malformed jws", detail);
}
