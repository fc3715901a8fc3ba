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
        var input = state.Buffer;
        input.Clear();

        // Step 1: input starts with the position.
        input.Append((byte)position);

        // Step 2: unless the position is g, append the predicate in angle brackets (its canonical form, "<iri>").
        if (position != 'g')
        {
            // The predicate's canonical form is "<iri>" (a generalized-RDF blank predicate would be "_:label").
            input.AppendTerm(quad.Predicate);
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
