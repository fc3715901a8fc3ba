using System.Text.Json.Nodes;
using Tradeproof.Rdf;

namespace Tradeproof.Credentials.DataIntegrity.EcdsaSd;

/// <summary>One group of <see cref="CanonicalizeAndGroup"/>: the canonical quads its pointers select, and the rest.</summary>
internal sealed class QuadGroup
{
    /// <summary>Index in the canonical N-Quads → quad, for the selected quads (ascending).</summary>
    public required SortedDictionary<int, string> Matching { get; init; }

    /// <summary>Index → quad, for the quads not selected (ascending).</summary>
    public required SortedDictionary<int, string> NonMatching { get; init; }

    /// <summary>The deskolemized quads of the selection, before relabelling (empty with no pointers).</summary>
    public required RdfDataset DeskolemizedNQuads { get; init; }
}

/// <summary>What <see cref="CanonicalizeAndGroup.Run"/> returns.</summary>
internal sealed class GroupingResult
{
    public required Dictionary<string, QuadGroup> Groups { get; init; }

    /// <summary>The skolemized compact document (what pointers select from).</summary>
    public required JsonObject SkolemizedCompact { get; init; }

    /// <summary>Input blank node label → new label.</summary>
    public required Dictionary<string, string> LabelMap { get; init; }

    /// <summary>The relabelled canonical N-Quads, sorted.</summary>
    public required List<string> NQuads { get; init; }
}

/// <summary>
/// VC Data Integrity "canonicalizeAndGroup" (with "selectCanonicalNQuads"): canonicalize a document with
/// relabelled blank nodes and split its quads into groups by JSON pointers.
/// </summary>
internal static class CanonicalizeAndGroup
{
    public static GroupingResult Run(JsonObject document, LabelMapFactory labelMapFactory, IReadOnlyDictionary<string, IReadOnlyList<string>> groupDefinitions, ProofTransforms transforms, CancellationToken cancellationToken = default)
    {
        // Step 1: skolemize (expanded and compact forms).
        var (expanded, compact, prefix) = Skolemization.SkolemizeCompactJsonLd(document, transforms.JsonLdOptions);

        // Step 2: deskolemized N-Quads of the whole document.
        var deskolemized = Skolemization.ToDeskolemizedNQuads(expanded, prefix, transforms);

        // Step 3: canonicalize with the label map factory.
        var (nquads, labelMap) = LabelReplacementCanonicalizeNQuads.Run(deskolemized, labelMapFactory, transforms, cancellationToken);

        // Steps 4-5: select each group's quads; a canonical quad matches when the selection produced it.
        var groups = new Dictionary<string, QuadGroup>(StringComparer.Ordinal);
        foreach (var (name, pointers) in groupDefinitions)
        {
            var (selected, selectedDataset) = SelectCanonicalNQuads(pointers, labelMap, compact, prefix, transforms);
            var matching = new SortedDictionary<int, string>();
            var nonMatching = new SortedDictionary<int, string>();
            for (var i = 0; i < nquads.Count; i++)
            {
                (selected.Contains(nquads[i]) ? matching : nonMatching)[i] = nquads[i];
            }

            groups[name] = new QuadGroup { Matching = matching, NonMatching = nonMatching, DeskolemizedNQuads = selectedDataset };
        }

        // Step 6.
        return new GroupingResult { Groups = groups, SkolemizedCompact = compact, LabelMap = labelMap, NQuads = nquads };
    }

    /// <summary>selectCanonicalNQuads: the relabelled quads that <paramref name="pointers"/> select.</summary>
    public static (HashSet<string> NQuads, RdfDataset Deskolemized) SelectCanonicalNQuads(IReadOnlyList<string> pointers, IReadOnlyDictionary<string, string> labelMap, JsonObject skolemizedCompact, string prefix, ProofTransforms transforms)
    {
        // Step 1: selectJsonLd.
        var selection = SelectJsonLd.Select(pointers, skolemizedCompact);
        if (selection is null)
        {
            return ([], new RdfDataset());
        }

        // Steps 2-3: deskolemized N-Quads, relabelled.
        var deskolemized = Skolemization.ToDeskolemizedNQuads(selection, prefix, transforms);
        return ([.. LabelReplacementCanonicalizeNQuads.RelabelBlankNodes(deskolemized, labelMap)], deskolemized);
    }

    /// <summary>hashMandatoryNQuads: SHA-256 of the mandatory quads joined in order.</summary>
    public static byte[] HashMandatoryNQuads(IEnumerable<string> mandatory)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var quad in mandatory)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(quad));
        }

        return hash.GetHashAndReset();
    }
}
