using System.Buffers;
using System.Security.Cryptography;
using Tradeproof.Cryptography.Hashing;

namespace Tradeproof.Rdf.Canonicalization;

/// <summary>RDFC-1.0 §4.4.3 Canonicalization Algorithm.</summary>
internal static class CanonicalizationAlgorithm
{
    public static CanonicalizationResult Run(RdfDataset dataset, RdfcOptions options, CancellationToken cancellationToken) =>
        Run(dataset, options, cancellationToken, hashOnly: false, out _)!;

    /// <summary>
    /// The hash (the options' algorithm) of the canonical N-Quads <see cref="Run(RdfDataset, RdfcOptions, CancellationToken)"/>
    /// gives: the lines are joined in a reused buffer instead of a new array, and no issued identifiers map is made.
    /// </summary>
    public static byte[] RunAndHash(RdfDataset dataset, RdfcOptions options, CancellationToken cancellationToken)
    {
        Run(dataset, options, cancellationToken, hashOnly: true, out var hash);
        return hash!;
    }

    // Steps 1-5 and 7: the state, the canonical identifiers, each quad's canonical line in the state's buffer, the lines
    // sorted; then the result (with step 6's map), or only the hash of the joined lines.
    private static CanonicalizationResult? Run(RdfDataset dataset, RdfcOptions options, CancellationToken cancellationToken, bool hashOnly, out byte[]? hash)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Step 1: the canonicalization state. Step 2: the blank node to quads map (built by the state,
        // which also pre-serializes every non-blank term once).
        using var state = new CanonicalizationState(dataset, options, cancellationToken);
        IssueCanonicalIdentifiers(state, cancellationToken);
        var quadCount = state.Quads.Length;
        var lines = ArrayPool<(int, int)>.Shared.Rent(Math.Max(quadCount, 1));
        try
        {
            // Step 7: each quad with canonical identifiers in canonical N-Quads form, sorted in code point order, joined.
            var buffer = state.Buffer;
            buffer.Clear();
            var labels = new CanonicalLabeler(state.CanonicalIssuer, state.BlankLabels.Length);
            for (var q = 0; q < quadCount; q++)
            {
                var start = buffer.Length;
                CanonicalLines.WriteQuad(state, buffer, q, ref labels);
                lines[q] = (start, buffer.Length - start);
            }

            var span = lines.AsSpan(0, quadCount);
            CanonicalLines.Sort(buffer.RawArray, span);
            if (hashOnly)
            {
                var joined = state.SortBuffer;
                joined.Clear();
                joined.Reserve(buffer.Length);
                CanonicalLines.Concatenate(buffer, span, joined);
                hash = state.HashAlgorithm == RdfcHashAlgorithm.Sha384 ? SHA384.HashData(joined.WrittenSpan) : Sha256.Hash(joined.WrittenSpan);
                return null;
            }

            var output = GC.AllocateUninitializedArray<byte>(buffer.Length);
            var written = 0;
            foreach (var (start, length) in span)
            {
                buffer.Slice(start, length).CopyTo(output.AsSpan(written));
                written += length;
            }

            // Step 6: the issued identifiers map of the canonical issuer (input label -> canonical label), in issue order;
            // the result builds the map itself when asked (step 7: "upon request").
            var issued = state.CanonicalIssuer.IssuedOrder;
            var issuedLabels = new string[issued.Count];
            for (var i = 0; i < issuedLabels.Length; i++)
            {
                issuedLabels[i] = state.BlankLabels[issued[i]];
            }

            hash = null;
            return new CanonicalizationResult(output, issuedLabels) { Work = state.Work };
        }
        finally
        {
            ArrayPool<(int, int)>.Shared.Return(lines);
        }
    }

    // Steps 3-5: first degree hashes, then canonical identifiers for unique hashes, then N-degree hashing for the rest.
    private static void IssueCanonicalIdentifiers(CanonicalizationState state, CancellationToken cancellationToken)
    {
        var blankCount = state.BlankLabels.Length;

        // Step 3: the first degree hash of every blank node, into the hash to blank nodes map.
        var hashToBlankNodes = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var n = 0; n < blankCount; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var hash = HashFirstDegreeQuads.Run(state, n);
            state.FirstDegreeHashes[n] = hash;
            if (!hashToBlankNodes.TryGetValue(hash, out var list))
            {
                list = new List<int>(1);
                hashToBlankNodes.Add(hash, list);
            }

            list.Add(n);
        }

        var hashes = new string[hashToBlankNodes.Count];
        hashToBlankNodes.Keys.CopyTo(hashes, 0);
        Array.Sort(hashes, StringComparer.Ordinal);

        // Step 4: in code point order of hash, issue canonical identifiers to blank nodes with a unique hash.
        var shared = new List<List<int>>();
        foreach (var hash in hashes)
        {
            var identifiers = hashToBlankNodes[hash];

            // Step 4.1: more than one blank node: leave it for step 5.
            if (identifiers.Count > 1)
            {
                shared.Add(identifiers);
                continue;
            }

            // Steps 4.2-4.3: issue a canonical identifier and drop the entry.
            state.CanonicalIssuer.Issue(identifiers[0]);
        }

        // Step 5: the remaining hashes, still in code point order.
        foreach (var identifiers in shared)
        {
            // Step 5.1: hash path list.
            var hashPathList = new List<(string Hash, IdentifierIssuer Issuer)>(identifiers.Count);

            // Step 5.2: for each blank node with this first degree hash.
            foreach (var n in identifiers)
            {
                // Step 5.2.1: skip nodes already issued a canonical identifier.
                if (state.CanonicalIssuer.Find(n) >= 0)
                {
                    continue;
                }

                // Steps 5.2.2-5.2.3: a temporary issuer with prefix b, which issues n first.
                var temporary = new IdentifierIssuer("b");
                temporary.Issue(n);

                // Step 5.2.4: Hash N-Degree Quads, appended to the hash path list.
                hashPathList.Add(HashNDegreeQuads.Run(state, n, temporary));
            }

            // Step 5.3: in code point order of the hashes (a stable sort), issue canonical identifiers in the
            // order the result's issuer issued temporary ones.
            foreach (var result in hashPathList.OrderBy(r => r.Hash, StringComparer.Ordinal))
            {
                foreach (var node in result.Issuer.IssuedOrder)
                {
                    state.CanonicalIssuer.Issue(node);
                }
            }
        }
    }

    /// <summary>Writes canonical labels (<c>c14nN</c>); the canonical number of each blank node is looked up once.</summary>
    private readonly struct CanonicalLabeler : IBlankLabeler
    {
        private readonly int[] _canonical;

        public CanonicalLabeler(IdentifierIssuer issuer, int blankCount)
        {
            _canonical = new int[blankCount];
            var order = issuer.IssuedOrder;
            for (var i = 0; i < order.Count; i++)
            {
                _canonical[order[i]] = i;
            }
        }

        public void Write(Utf8Buffer buffer, int blankNode)
        {
            buffer.Append("c14n"u8);
            buffer.AppendInt(_canonical[blankNode]);
        }
    }
}
