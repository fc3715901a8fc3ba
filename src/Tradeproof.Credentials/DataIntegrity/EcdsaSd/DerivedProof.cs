using System.Text.Json.Nodes;

namespace Tradeproof.Credentials.DataIntegrity.EcdsaSd;

/// <summary>The output of createDisclosureData.</summary>
internal sealed record DisclosureData(
    byte[] BaseSignature,
    byte[] PublicKey,
    IReadOnlyList<byte[]> Signatures,
    IReadOnlyDictionary<string, string> LabelMap,
    IReadOnlyList<int> MandatoryIndexes,
    JsonObject RevealDocument,
    GroupingResult Grouping);

/// <summary>vc-di-ecdsa §3.5 ecdsa-sd-2023 "createDisclosureData" and "Add Derived Proof".</summary>
internal static class DerivedProof
{
    /// <summary>createDisclosureData: what the holder reveals for <paramref name="selectivePointers"/>.</summary>
    public static DisclosureData CreateDisclosureData(JsonObject unsecuredDocument, BaseProofValue baseProof, IReadOnlyList<string> selectivePointers, ProofTransforms transforms, CancellationToken cancellationToken = default)
    {
        // Steps 1-2: the base proof's components (parsed by the caller), the HMAC label map factory.
        var factory = LabelReplacementCanonicalizeNQuads.CreateHmacIdLabelMapFunction(baseProof.HmacKey);

        // Step 3: combined pointers.
        var combinedPointers = baseProof.MandatoryPointers.Concat(selectivePointers).ToArray();

        // Steps 4-6: three groups.
        var definitions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["mandatory"] = baseProof.MandatoryPointers,
            ["selective"] = selectivePointers,
            ["combined"] = combinedPointers,
        };
        var grouping = CanonicalizeAndGroup.Run(unsecuredDocument, factory, definitions, transforms, cancellationToken);
        var mandatory = grouping.Groups["mandatory"].Matching;
        var selective = grouping.Groups["selective"].Matching;
        var combined = grouping.Groups["combined"];

        // Steps 7-9: mandatory indexes relative to the combined (revealed) quads.
        var mandatoryIndexes = new List<int>();
        var relativeIndex = 0;
        foreach (var absoluteIndex in combined.Matching.Keys)
        {
            if (mandatory.ContainsKey(absoluteIndex))
            {
                mandatoryIndexes.Add(relativeIndex);
            }

            relativeIndex++;
        }

        // Steps 10-11: keep the signatures of the selected non-mandatory quads.
        var index = 0;
        var filteredSignatures = new List<byte[]>();
        foreach (var signature in baseProof.Signatures)
        {
            while (mandatory.ContainsKey(index))
            {
                index++;
            }

            if (selective.ContainsKey(index))
            {
                filteredSignatures.Add(signature);
            }

            index++;
        }

        // Step 12: the reveal document, selected from the (unskolemized) document.
        var revealDocument = SelectJsonLd.Select(combinedPointers, unsecuredDocument) ?? new JsonObject();

        // Steps 13-15: the verifier's label map: its canonical labels → the HMAC labels.
        var canonicalIdMap = transforms.Canonicalize(combined.DeskolemizedNQuads, Tradeproof.Rdf.Canonicalization.RdfcHashAlgorithm.Sha256, cancellationToken).IssuedIdentifiers;
        var verifierLabelMap = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (inputLabel, verifierLabel) in canonicalIdMap)
        {
            verifierLabelMap[verifierLabel] = grouping.LabelMap[inputLabel];
        }

        // Step 16.
        return new DisclosureData(baseProof.BaseSignature, baseProof.PublicKey, filteredSignatures, verifierLabelMap, mandatoryIndexes, revealDocument, grouping);
    }
}
