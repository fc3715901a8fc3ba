namespace Tradeproof.Rdf.Canonicalization;

/// <summary>RDFC-1.0 §4.7 Hash Related Blank Node.</summary>
internal static class HashRelatedBlankNode
{
    /// <param name="state">The canonicalization state.</param>
    /// <param name="related">The related blank node.</param>
    /// <param name="quad">The quad mentioning it.</param>
    /// <param name="issuer">The issuer of the current Hash N-Degree Quads call.</param>
    /// <param name="position">'s', 'o' or 'g'.</param>
    public static string Run(CanonicalizationState state, int related, Quad quad, IdentifierIssuer issuer, char position)
    {
        // The hash depends only on the position, the predicate and the identifier chosen in step 3, so results are
        // memoized on those: Hash N-Degree Quads asks the same question many times while it tries permutations.
        var predicate = position == 'g' ? null : quad.Predicate;
        var canonicalId = state.CanonicalIssuer.Find(related);
        var key = canonicalId >= 0
            ? new RelatedKey(predicate, position, 'c', canonicalId)
            : issuer.Find(related) is var temporaryId and >= 0
                ? new RelatedKey(predicate, position, issuer.Prefix[0], temporaryId)
                : new RelatedKey(predicate, position, 'h', related);
        if (state.RelatedHashes.TryGetValue(key, out var memo))
        {
            return memo;
        }

        var hash = Compute(state, related, quad, issuer, position);
        state.RelatedHashes.Add(key, hash);
        return hash;
    }

    private static string Compute(CanonicalizationState state, int related, Quad quad, IdentifierIssuer issuer, char position)
    {
        var input = state.Buffer;
        input.Clear();

        // Step 1: input starts with the position.
        input.Append((byte)position);

        // Step 2: unless the position is g, append the predicate in angle brackets (its canonical form, "<iri>").
        if (position != 'g')
        {
            // The predicate's canonical form is "<iri>" (a generalized-RDF blank predicate would be "_:label"), kept on
            // the term by the state's constructor.
            if (quad.Predicate is Iri { CanonicalUtf8: { } predicate })
            {
                input.Append(predicate);
            }
            else
            {
                input.AppendTerm(quad.Predicate);
            }
        }

        // Step 3: the identifier: the canonical one, else the one issued by issuer, else the first degree hash.
        var canonical = state.CanonicalIssuer.Find(related);
        if (canonical >= 0)
        {
            input.Append("_:c14n"u8);
            input.AppendInt(canonical);
        }
        else
        {
            var temporary = issuer.Find(related);
            if (temporary >= 0)
            {
                input.Append("_:"u8);
                input.AppendUtf8(issuer.Prefix);
                input.AppendInt(temporary);
            }
            else
            {
                // Hash First Degree Quads results are computed once in step 3 of the canonicalization algorithm.
                input.AppendUtf8(state.FirstDegreeHashes[related]);
            }
        }

        // Steps 4-5: append the identifier and return the hash of input.
        return state.Hash(input.WrittenSpan);
    }
}

/// <summary>What a Hash Related Blank Node result depends on: position, predicate (null for g) and the identifier
/// (kind 'c' canonical, the temporary issuer's prefix letter, or 'h' for the first degree hash of node <c>Value</c>).</summary>
internal readonly record struct RelatedKey(RdfTerm? Predicate, char Position, char Kind, int Value);
