using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Cryptography;

namespace Tradeproof.Credentials.DataIntegrity.EcdsaSd;

/// <summary>
/// The ecdsa-sd-2023 cryptosuite (vc-di-ecdsa §3.5) for <see cref="DataIntegrityEngine"/>: issuers create base
/// proofs (P-256 issuer key; HMAC key and ephemeral P-256 proof key drawn from the engine's random source),
/// holders derive disclosures with <see cref="EcdsaSd2023.Derive"/>, verifiers check derived proofs. A base
/// proof presented to a verifier is refused, as the spec requires (holders check one with
/// <see cref="EcdsaSd2023.VerifyBaseProof"/>).
/// </summary>
public sealed class EcdsaSd2023Cryptosuite : ICryptosuite
{
    /// <summary>The <c>cryptosuite</c> value.</summary>
    public const string SuiteName = "ecdsa-sd-2023";

    /// <param name="mandatoryPointers">JSON pointers (RFC 6901) of what every disclosure must reveal; none by default.</param>
    public EcdsaSd2023Cryptosuite(IReadOnlyList<string>? mandatoryPointers = null)
    {
        MandatoryPointers = mandatoryPointers is null ? [] : [.. mandatoryPointers];
        foreach (var pointer in MandatoryPointers)
        {
            try
            {
                JsonPointerToPaths.Parse(pointer ?? throw new ArgumentException("A mandatory pointer is null.", nameof(mandatoryPointers)));
            }
            catch (EcdsaSdException e)
            {
                throw new ArgumentException(e.Message, nameof(mandatoryPointers), e);
            }
        }
    }

    /// <summary>The mandatory pointers written into base proofs.</summary>
    public IReadOnlyList<string> MandatoryPointers { get; }

    /// <inheritdoc />
    public string Name => SuiteName;

    /// <inheritdoc />
    public string ProofType => DataIntegrityProof.DataIntegrityProofType;

    /// <inheritdoc />
    public string? CryptosuiteName => SuiteName;

    /// <inheritdoc />
    public bool SupportsKeyType(KeyType keyType) => keyType == KeyType.P256;

    /// <inheritdoc />
    /// <exception cref="EcdsaSdException">A mandatory pointer does not match the document (PROOF_GENERATION_ERROR).</exception>
    public DataIntegrityProof CreateProof(ProofCreationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var document = ParseObject(context.UnsecuredDocument.Span);
        JsonElement? documentContext = context.Document.TryGetProperty("@context", out var c) ? c : null;
        var proofConfig = context.ProofConfiguration.ToConfigurationUtf8(documentContext);

        // Base Proof Transformation step 1: the HMAC key from the injected random source.
        var hmacKey = new byte[BaseProof.HmacKeySize];
        context.Random.Fill(hmacKey);
        var transformed = BaseProof.Transform(document, MandatoryPointers, hmacKey, context.Transforms, context.CancellationToken);
        var hashData = BaseProof.Hash(BaseProof.CanonicalProofConfig(proofConfig, context.Transforms, context.CancellationToken).Span, transformed);

        // Base Proof Serialization step 1: the ephemeral proof key, from the same source.
        using var proofKey = KeyPair.Generate(KeyType.P256, context.Random);
        var (proofValue, _) = BaseProof.Serialize(hashData, transformed, context.Signer, proofKey);
        return context.ProofConfiguration.WithProofValue(proofValue);
    }

    /// <inheritdoc />
    public Problem? VerifyProof(ProofVerificationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var proof = context.Proof;
        if (proof.ProofValue is not { } proofValue)
        {
            return new Problem(ProblemTypes.ProofVerificationError, "Missing proof value", "An ecdsa-sd-2023 proof needs a proofValue.");
        }

        if (ProofValueSerialization.IsBase(proofValue))
        {
            return new Problem(ProblemTypes.ProofVerificationError, "Base proof presented", "This is an ecdsa-sd-2023 base proof; verifiers accept derived proofs only (the holder derives one).");
        }

        if (context.PublicKey.Type != KeyType.P256)
        {
            return new Problem(ProblemTypes.ProofVerificationError, "Wrong key type", "ecdsa-sd-2023 needs a P-256 issuer key.");
        }

        var documentContext = context.DocumentContext;
        var proofConfig = proof.ToConfigurationUtf8(proof.Context ?? documentContext);
        return VerifyDerivedProof.Verify(context.UnsecuredDocument.Span, proofConfig, proofValue, context.PublicKey, context.Transforms, context.CancellationToken);
    }

    internal static JsonObject ParseObject(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonNode.Parse(utf8) as JsonObject ?? throw new ProofTransformException("The document is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ProofTransformException("The document is not JSON: " + e.Message, e);
        }
    }

    internal static byte[] ToUtf8(JsonNode node) => System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());

    internal static JsonElement AsElement(ReadOnlySpan<byte> utf8) => JsonDocument.Parse(utf8.ToArray()).RootElement;

    internal static ReadOnlySpan<byte> Raw(JsonElement element) => JsonMarshal.GetRawUtf8Value(element);
}
