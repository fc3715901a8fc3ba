using System.Text;

namespace Tradeproof.Rdf.Canonicalization;

/// <summary>RDFC-1.0 §4.8 Hash N-Degree Quads.</summary>
internal static class HashNDegreeQuads
{
    /// <summary>Returns the hash and the identifier issuer chosen for <paramref name="identifier"/>.</summary>
    public static (string Hash, IdentifierIssuer Issuer) Run(CanonicalizationState state, int identifier, IdentifierIssuer issuer)
    {
        state.CancellationToken.ThrowIfCancellationRequested();
        state.AddWork(1);

        // Step 1: Hn, the related hash to blank nodes map.
        var hn = new Dictionary<string, List<int>>(StringComparer.Ordinal);

        // Step 2: the quads mentioning identifier.
        // Step 3: for each quad, for each component that is a blank node other than identifier, hash it with
        // Hash Related Blank Node (position s, o or g) and add it to Hn under that hash.
        foreach (var q in state.Mentions[identifier])
        {
            var quad = state.Quads[q];
            var blanks = state.BlankRefs[q];
            Relate(state, hn, identifier, blanks.Subject, quad, issuer, 's');
            Relate(state, hn, identifier, blanks.Object, quad, issuer, 'o');
            Relate(state, hn, identifier, blanks.Graph, quad, issuer, 'g');
        }

        // Step 4: data to hash (this call's builders are the state's, reused by later calls once returned).
        var dataToHash = state.RentBuilder();

        // Step 5: for each related hash, in code point order.
        var relatedHashes = new string[hn.Count];
        hn.Keys.CopyTo(relatedHashes, 0);
        Array.Sort(relatedHashes, StringComparer.Ordinal);
        var path = state.RentBuilder();
        foreach (var relatedHash in relatedHashes)
        {
            var blankNodes = hn[relatedHash];

            // Step 5.1: append the related hash.
            dataToHash.Append(relatedHash);

            // Steps 5.2-5.3: chosen path and chosen issuer.
            string? chosenPath = null;
            IdentifierIssuer? chosenIssuer = null;

            // Step 5.4: for each permutation of the blank node list. The list may name one blank node
            // several times (one entry per quad relating it, e.g. a blank graph name); permutations that
            // only swap equal entries give the same path and issuer, so each distinct ordering is visited
            // once: lexicographic permutations of the sorted values, not of their positions.
            var permutation = new int[blankNodes.Count];
            blankNodes.CopyTo(permutation);
            Array.Sort(permutation);

            var recursionList = new List<int>();
            do
            {
                state.CancellationToken.ThrowIfCancellationRequested();
                state.AddWork(1);

                // Step 5.4.1: issuer copy, path, recursion list.
                var issuerCopy = issuer.Clone();
                path.Clear();
                recursionList.Clear();
                var skip = false;

                // Step 5.4.2: for each related in the permutation.
                foreach (var related in permutation)
                {
                    var canonical = state.CanonicalIssuer.Find(related);
                    if (canonical >= 0)
                    {
                        // Step 5.4.2.1: a canonical identifier: append it.
                        path.Append("_:c14n").Append(canonical);
                    }
                    else
                    {
                        // Step 5.4.2.2: otherwise recurse on it later, and append the identifier issuer copy issues.
                        if (issuerCopy.Find(related) < 0)
                        {
                            recursionList.Add(related);
                        }

                        path.Append("_:").Append(issuerCopy.Prefix).Append(issuerCopy.Issue(related));
                    }

                    // Step 5.4.2.3: skip the permutation when path can no longer be the smallest.
                    if (IsWorse(path, chosenPath))
                    {
                        skip = true;
                        break;
                    }
                }

                if (skip)
                {
                    continue;
                }

                // Step 5.4.3: for each related in the recursion list.
                foreach (var related in recursionList)
                {
                    // Step 5.4.3.1: result of Hash N-Degree Quads with issuer copy.
                    var result = Run(state, related, issuerCopy);

                    // Step 5.4.3.2: append the identifier issuer copy issues to related.
                    path.Append("_:").Append(issuerCopy.Prefix).Append(issuerCopy.Issue(related));

                    // Step 5.4.3.3: append <hash>.
                    path.Append('<').Append(result.Hash).Append('>');

                    // Step 5.4.3.4: issuer copy becomes the issuer of the result.
                    issuerCopy = result.Issuer;

                    // Step 5.4.3.5: skip the permutation when path can no longer be the smallest.
                    if (IsWorse(path, chosenPath))
                    {
                        skip = true;
                        break;
                    }
                }

                if (skip)
                {
                    continue;
                }

                // Step 5.4.4: keep the smallest path and its issuer.
                if (chosenPath is null || CompareOrdinal(path, chosenPath) < 0)
                {
                    chosenPath = path.ToString();
                    chosenIssuer = issuerCopy;
                }
            }
            while (NextPermutation(permutation));

            // Step 5.5: append the chosen path.
            dataToHash.Append(chosenPath);

            // Step 5.6: issuer becomes the chosen issuer.
            issuer = chosenIssuer!;
        }

        // Step 6: the hash of data to hash, and issuer.
        var buffer = state.Buffer;
        buffer.Clear();
        foreach (var chunk in dataToHash.GetChunks())
        {
            buffer.AppendUtf8(chunk.Span);
        }

        state.ReturnBuilder(path);
        state.ReturnBuilder(dataToHash);
        return (state.Hash(buffer.WrittenSpan), issuer);
    }

    private static void Relate(
        CanonicalizationState state, Dictionary<string, List<int>> hn, int identifier, int component, Quad quad, IdentifierIssuer issuer, char position)
    {
        if (!CanonicalizationState.IsBlank(component) || component == identifier)
        {
            return;
        }

        // Steps 3.1.1-3.1.2: hash the related blank node and add it to Hn.
        var hash = HashRelatedBlankNode.Run(state, component, quad, issuer, position);
        if (!hn.TryGetValue(hash, out var list))
        {
            list = [];
            hn.Add(hash, list);
        }

        list.Add(component);
    }

    // Steps 5.4.2.3 and 5.4.3.5: chosen path is not empty, path is at least as long, and path is greater.
    private static bool IsWorse(StringBuilder path, string? chosenPath) =>
        chosenPath is not null && path.Length >= chosenPath.Length && CompareOrdinal(path, chosenPath) > 0;

    // Paths are ASCII (labels and hex hashes), so ordinal order is code point order.
    private static int CompareOrdinal(StringBuilder path, string other)
    {
        var length = Math.Min(path.Length, other.Length);
        var offset = 0;
        foreach (var chunk in path.GetChunks())
        {
            var span = chunk.Span;
            var n = Math.Min(span.Length, length - offset);
            if (n <= 0)
            {
                break;
            }

            var c = span[..n].SequenceCompareTo(other.AsSpan(offset, n));
            if (c != 0)
            {
                return c;
            }

            offset += n;
        }

        return path.Length.CompareTo(other.Length);
    }

    // The next distinct permutation in lexicographic order (equal values are never swapped with each
    // other, so a multiset's orderings come once each); false after the last one.
    private static bool NextPermutation(int[] order)
    {
        var i = order.Length - 2;
        while (i >= 0 && order[i] >= order[i + 1])
        {
            i--;
        }

        if (i < 0)
        {
            return false;
        }

        var j = order.Length - 1;
        while (order[j] <= order[i])
        {
            j--;
        }

        (order[i], order[j]) = (order[j], order[i]);
        Array.Reverse(order, i + 1, order.Length - i - 1);
        return true;
    }
}
