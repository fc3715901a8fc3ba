using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Tradeproof.Rdf;
using Tradeproof.Rdf.Canonicalization;
using Tradeproof.Rdf.NQuads;

namespace Tradeproof.Credentials.DataIntegrity.EcdsaSd;

/// <summary>
/// A label map factory (VC Data Integrity selective disclosure): from RDFC-1.0's canonical identifier map
/// (input blank node label → <c>c14nN</c>) to the map input label → new label.
/// </summary>
internal delegate Dictionary<string, string> LabelMapFactory(IReadOnlyDictionary<string, string> canonicalIdMap);

/// <summary>
/// VC Data Integrity "labelReplacementCanonicalizeNQuads" and "labelReplacementCanonicalizeJsonLd", with the
/// label map factories "createHmacIdLabelMapFunction" and "createLabelMapFunction", and "relabelBlankNodes".
/// </summary>
internal static class LabelReplacementCanonicalizeNQuads
{
    /// <summary>labelReplacementCanonicalizeNQuads: the sorted, relabelled canonical N-Quads and the label map used.</summary>
    /// <exception cref="ProofTransformException">RDFC-1.0 exceeded its work limit.</exception>
    /// <exception cref="EcdsaSdException">The factory has no label for a blank node.</exception>
    public static (List<string> NQuads, Dictionary<string, string> LabelMap) Run(RdfDataset dataset, LabelMapFactory factory, ProofTransforms transforms, CancellationToken cancellationToken = default)
    {
        // Step 1: RDFC-1.0, keeping the canonical identifier map.
        var canonical = transforms.Canonicalize(dataset, RdfcHashAlgorithm.Sha256, cancellationToken);

        // Step 2: the label map from the factory.
        var labelMap = factory(canonical.IssuedIdentifiers);

        // Steps 3-4: every quad with its blank nodes relabelled, sorted in code point order.
        var nquads = RelabelBlankNodes(dataset, labelMap);
        SortCodePoint(nquads);
        return (nquads, labelMap);
    }

    /// <summary>labelReplacementCanonicalizeJsonLd: toRdf of a JSON-LD document (safe mode), then <see cref="Run"/>.</summary>
    public static (List<string> NQuads, Dictionary<string, string> LabelMap) RunJsonLd(ReadOnlySpan<byte> document, LabelMapFactory factory, ProofTransforms transforms, CancellationToken cancellationToken = default) =>
        Run(transforms.ToRdf(document), factory, transforms, cancellationToken);

    /// <summary>createHmacIdLabelMapFunction: each canonical label to "u" + base64url(HMAC-SHA-256(key, label)).</summary>
    public static LabelMapFactory CreateHmacIdLabelMapFunction(byte[] hmacKey) => canonicalIdMap =>
    {
        var result = new Dictionary<string, string>(canonicalIdMap.Count, StringComparer.Ordinal);
        Span<byte> digest = stackalloc byte[HMACSHA256.HashSizeInBytes];
        foreach (var (input, c14nLabel) in canonicalIdMap)
        {
            HMACSHA256.HashData(hmacKey, Encoding.UTF8.GetBytes(c14nLabel), digest);
            result[input] = "u" + Base64Url.EncodeToString(digest);
        }

        return result;
    };

    /// <summary>createLabelMapFunction: each input label to the label <paramref name="labelMap"/> gives its canonical label.</summary>
    public static LabelMapFactory CreateLabelMapFunction(IReadOnlyDictionary<string, string> labelMap) => canonicalIdMap =>
    {
        var result = new Dictionary<string, string>(canonicalIdMap.Count, StringComparer.Ordinal);
        foreach (var (input, c14nLabel) in canonicalIdMap)
        {
            if (!labelMap.TryGetValue(c14nLabel, out var label))
            {
                throw new EcdsaSdException(EcdsaSdException.ProofVerificationError, $"The proof's label map has no label for blank node {c14nLabel}.");
            }

            result[input] = label;
        }

        return result;
    };

    /// <summary>relabelBlankNodes: each quad as an N-Quads line (ending with U+000A) with its blank node labels replaced.</summary>
    /// <exception cref="EcdsaSdException">A blank node has no new label.</exception>
    public static List<string> RelabelBlankNodes(RdfDataset dataset, IReadOnlyDictionary<string, string> labelMap)
    {
        var result = new List<string>(dataset.Count);
        foreach (var quad in dataset)
        {
            var relabelled = new Quad(Relabel(quad.Subject, labelMap), quad.Predicate, Relabel(quad.Object, labelMap), quad.Graph is null ? null : Relabel(quad.Graph, labelMap));
            result.Add(NQuadsSerializer.FormatQuad(relabelled) + "\n");
        }

        return result;
    }

    /// <summary>Sorts N-Quads lines in Unicode code point order (the order of their UTF-8 bytes), as RDFC-1.0 does.</summary>
    public static void SortCodePoint(List<string> lines) => lines.Sort(CompareCodePoints);

    private static int CompareCodePoints(string? x, string? y)
    {
        var a = x.AsSpan();
        var b = y.AsSpan();
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                // Surrogates (U+D800-DFFF) encode code points above every other UTF-16 unit.
                var ca = char.IsSurrogate(a[i]) ? a[i] + 0x10000 : a[i];
                var cb = char.IsSurrogate(b[i]) ? b[i] + 0x10000 : b[i];
                return ca.CompareTo(cb);
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static RdfTerm Relabel(RdfTerm term, IReadOnlyDictionary<string, string> labelMap)
    {
        if (term is not BlankNode blank)
        {
            return term;
        }

        if (!labelMap.TryGetValue(blank.Label, out var label))
        {
            throw new EcdsaSdException(EcdsaSdException.ProofTransformationError, $"No label for blank node _:{blank.Label}.");
        }

        return new BlankNode(label);
    }
}
