using System.Text;
using Tradeproof.Cryptography;
using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Credentials.DataIntegrity.EcdsaSd;

/// <summary>The output of createVerifyData.</summary>
internal sealed record VerifyData(byte[] BaseSignature, byte[] ProofHash, byte[] PublicKey, IReadOnlyList<byte[]> Signatures, IReadOnlyList<string> NonMandatory, byte[] MandatoryHash, IReadOnlyList<string> NQuads);

/// <summary>vc-di-ecdsa §3.5 ecdsa-sd-2023 "createVerifyData" and "Verify Derived Proof".</summary>
internal static class VerifyDerivedProof
{
    /// <summary>createVerifyData from the disclosed document (without proof) and the proof configuration (with @context).</summary>
    public static VerifyData CreateVerifyData(ReadOnlySpan<byte> unsecuredDocument, ReadOnlySpan<byte> proofConfig, string proofValue, ProofTransforms transforms, CancellationToken cancellationToken = default)
    {
        // Steps 1-3: proof hash of the canonical proof configuration.
        var proofHash = ProofTransforms.Hash(BaseProof.CanonicalProofConfig(proofConfig, transforms, cancellationToken).Span, Tradeproof.Rdf.Canonicalization.RdfcHashAlgorithm.Sha256);

        // Step 4: parseDerivedProofValue.
        var derived = ProofValueSerialization.ParseDerived(proofValue);

        // Steps 5-6: canonical N-Quads with the proof's labels.
        var (nquads, _) = LabelReplacementCanonicalizeNQuads.RunJsonLd(unsecuredDocument, LabelReplacementCanonicalizeNQuads.CreateLabelMapFunction(derived.LabelMap), transforms, cancellationToken);

        // Steps 7-8: split by mandatoryIndexes (strictly increasing, in range).
        var mandatory = new List<string>();
        var nonMandatory = new List<string>();
        var isMandatory = new bool[nquads.Count];
        var previous = -1;
        foreach (var index in derived.MandatoryIndexes)
        {
            if (index <= previous || index >= nquads.Count)
            {
                throw new EcdsaSdException(EcdsaSdException.ProofVerificationError, $"Mandatory index {index} is out of order or out of range ({nquads.Count} quads).");
            }

            isMandatory[index] = true;
            previous = index;
        }

        for (var i = 0; i < nquads.Count; i++)
        {
            (isMandatory[i] ? mandatory : nonMandatory).Add(nquads[i]);
        }

        // Step 9: hashMandatoryNQuads.
        var mandatoryHash = CanonicalizeAndGroup.HashMandatoryNQuads(mandatory);
        return new VerifyData(derived.BaseSignature, proofHash, derived.PublicKey, derived.Signatures, nonMandatory, mandatoryHash, nquads);
    }

    /// <summary>Verify Derived Proof steps 2-9: the base signature with the issuer key, each quad signature with the proof key.</summary>
    public static Problem? Verify(ReadOnlySpan<byte> unsecuredDocument, ReadOnlySpan<byte> proofConfig, string proofValue, PublicKey issuerKey, ProofTransforms transforms, CancellationToken cancellationToken = default)
    {
        VerifyData data;
        try
        {
            data = CreateVerifyData(unsecuredDocument, proofConfig, proofValue, transforms, cancellationToken);
        }
        catch (EcdsaSdException e)
        {
            return new Problem(ProblemTypes.ProofVerificationError, "Invalid ecdsa-sd-2023 proof", e.Message);
        }

        // Step 3: as many signatures as non-mandatory quads.
        if (data.Signatures.Count != data.NonMandatory.Count)
        {
            return new Problem(ProblemTypes.ProofVerificationError, "Signature count mismatch", $"The derived proof has {data.Signatures.Count} signatures for {data.NonMandatory.Count} non-mandatory quads.");
        }

        return CheckSignatures(data.ProofHash, data.PublicKey, data.MandatoryHash, data.BaseSignature, data.Signatures, data.NonMandatory, issuerKey);
    }

    internal static Problem? CheckSignatures(byte[] proofHash, byte[] publicKeyBytes, byte[] mandatoryHash, byte[] baseSignature, IReadOnlyList<byte[]> signatures, IReadOnlyList<string> nonMandatory, PublicKey issuerKey)
    {
        // Steps 4-5: the base signature over proofHash || publicKey || mandatoryHash.
        byte[] toVerify = [.. proofHash, .. publicKeyBytes, .. mandatoryHash];
        if (!issuerKey.Verify(toVerify, baseSignature))
        {
            return new Problem(ProblemTypes.ProofVerificationError, "Invalid base signature", "The ecdsa-sd-2023 base signature does not verify with the issuer's key.");
        }

        // Steps 6-8: the ephemeral P-256 key, one signature per non-mandatory quad.
        PublicKey proofKey;
        try
        {
            var raw = Multicodec.Strip(publicKeyBytes, MulticodecCode.P256Pub);
            proofKey = PublicKey.FromBytes(KeyType.P256, raw);
        }
        catch (Exception e) when (e is MulticodecException or KeyFormatException or ArgumentException)
        {
            return new Problem(ProblemTypes.ProofVerificationError, "Invalid proof key", "The ecdsa-sd-2023 proof public key is not a P-256 multikey: " + e.Message);
        }

        for (var i = 0; i < signatures.Count; i++)
        {
            if (!proofKey.Verify(Encoding.UTF8.GetBytes(nonMandatory[i]), signatures[i]))
            {
                return new Problem(ProblemTypes.ProofVerificationError, "Invalid quad signature", $"The signature of non-mandatory quad {i} does not verify.");
            }
        }

        return null;
    }
}
