using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Cryptography;

namespace Tradeproof.Credentials.DataIntegrity.EcdsaSd;

/// <summary>
/// The holder's side of ecdsa-sd-2023 (vc-di-ecdsa §3.5): derive a selective disclosure from a credential with a
/// base proof, and check a base proof. Issuing is <see cref="DataIntegrityEngine.AddProof"/> with an
/// <see cref="EcdsaSd2023Cryptosuite"/>; verifying a derived proof is <see cref="DataIntegrityEngine.VerifyAsync(ReadOnlyMemory{byte}, ProofVerificationOptions, CancellationToken)"/>.
/// </summary>
public static class EcdsaSd2023
{
    /// <summary>
    /// Add Derived Proof: the document revealing the base proof's mandatory pointers and
    /// <paramref name="selectivePointers"/>, with a derived proof. Other proofs of the document are dropped.
    /// </summary>
    /// <exception cref="EcdsaSdException">No ecdsa-sd-2023 base proof, a malformed one, or a pointer that selects nothing.</exception>
    /// <exception cref="ProofTransformException">JSON-LD or RDFC-1.0 failed.</exception>
    public static byte[] Derive(ReadOnlySpan<byte> securedDocument, IReadOnlyList<string> selectivePointers, ProofTransforms? transforms = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selectivePointers);
        var (unsecured, proof, value) = SplitBase(securedDocument);
        var disclosure = DerivedProof.CreateDisclosureData(unsecured, value, selectivePointers, transforms ?? ProofTransforms.Default, cancellationToken);

        // Add Derived Proof steps 2-3: the proof with the derived proof value, attached to the reveal document.
        var newProof = (JsonObject)proof.DeepClone();
        newProof["proofValue"] = ProofValueSerialization.SerializeDerived(
            new DerivedProofValue(disclosure.BaseSignature, disclosure.PublicKey, disclosure.Signatures, disclosure.LabelMap, disclosure.MandatoryIndexes));
        var reveal = disclosure.RevealDocument;
        reveal["proof"] = newProof;
        return EcdsaSd2023Cryptosuite.ToUtf8(reveal);
    }

    /// <summary>
    /// Checks a base proof with the issuer's key (for holders: the spec's verifiers accept derived proofs only):
    /// the base signature over the proof configuration and mandatory quads, and every quad signature.
    /// Null when it verifies. Purpose, dates and the key's authorisation are not checked here.
    /// </summary>
    public static Problem? VerifyBaseProof(ReadOnlySpan<byte> securedDocument, PublicKey issuerKey, ProofTransforms? transforms = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuerKey);
        try
        {
            var (unsecured, proof, value) = SplitBase(securedDocument);
            using var proofJson = JsonDocument.Parse(proof.ToJsonString());
            if (!DataIntegrityProof.TryParse(proofJson.RootElement, out var parsed, out var problem))
            {
                return problem;
            }

            using var documentJson = JsonDocument.Parse(unsecured.ToJsonString());
            JsonElement? documentContext = documentJson.RootElement.TryGetProperty("@context", out var c) ? c : null;
            var config = parsed!.ToConfigurationUtf8(parsed.Context ?? documentContext);
            return BaseProof.Verify(unsecured, config, value, issuerKey, transforms ?? ProofTransforms.Default, cancellationToken);
        }
        catch (EcdsaSdException e)
        {
            return new Problem(ProblemTypes.ProofVerificationError, "Invalid ecdsa-sd-2023 base proof", e.Message);
        }
        catch (ProofTransformException e)
        {
            return new Problem(ProblemTypes.ProofTransformationError, "Transformation failed", e.Message);
        }
    }

    // The document without proof, the ecdsa-sd-2023 proof object, its parsed base proof value.
    internal static (JsonObject Unsecured, JsonObject Proof, BaseProofValue Value) SplitBase(ReadOnlySpan<byte> securedDocument)
    {
        var document = EcdsaSd2023Cryptosuite.ParseObject(securedDocument);
        if (!document.TryGetPropertyValue("proof", out var proofNode) || proofNode is null)
        {
            throw new EcdsaSdException(EcdsaSdException.ProofVerificationError, "The document has no proof.");
        }

        JsonObject? proof = null;
        foreach (var candidate in proofNode is JsonArray array ? array : (IEnumerable<JsonNode?>)[proofNode])
        {
            if (candidate is JsonObject o && o["cryptosuite"] is JsonValue suite && suite.TryGetValue<string>(out var name) && name == EcdsaSd2023Cryptosuite.SuiteName
                && o["proofValue"] is JsonValue pv && pv.TryGetValue<string>(out var text) && ProofValueSerialization.IsBase(text))
            {
                proof = o;
                break;
            }
        }

        if (proof is null)
        {
            throw new EcdsaSdException(EcdsaSdException.ProofVerificationError, "The document has no ecdsa-sd-2023 base proof.");
        }

        var value = ProofValueSerialization.ParseBase(proof["proofValue"]!.GetValue<string>());
        document.Remove("proof");
        return (document, proof, value);
    }
}
