using System.Buffers;

namespace Tradeproof.Rdf.Canonicalization;

/// <summary>RDFC-1.0 §4.6 Hash First Degree Quads.</summary>
internal static class HashFirstDegreeQuads
{
    public static string Run(CanonicalizationState state, int referenceBlankNode)
    {
        // Step 1: nquads, an empty list.
        // Step 2: the quads of the reference blank node, from the blank node to quads map.
        var mentions = state.Mentions[referenceBlankNode];
        var buffer = state.Buffer;
        buffer.Clear();
        var lines = ArrayPool<(int, int)>.Shared.Rent(mentions.Length);
        try
        {
            // Step 3: serialize each quad in canonical n-quads form, with the reference blank node as _:a
            // and every other blank node as _:z.
            var labeler = new AzLabeler(referenceBlankNode);
            for (var i = 0; i < mentions.Length; i++)
            {
                var start = buffer.Length;
                CanonicalLines.WriteQuad(state, buffer, mentions[i], ref labeler);
                lines[i] = (start, buffer.Length - start);
            }

            // Step 4: sort nquads in Unicode code point order.
            var span = lines.AsSpan(0, mentions.Length);
            CanonicalLines.Sort(buffer.RawArray, span);

            // Step 5: return the hash of the joined nquads.
            CanonicalLines.Concatenate(buffer, span, state.SortBuffer);
            return state.Hash(state.SortBuffer.WrittenSpan);
        }
        finally
        {
            ArrayPool<(int, int)>.Shared.Return(lines);
        }
    }

    private readonly struct AzLabeler(int reference) : IBlankLabeler
    {
        public void Write(Utf8Buffer buffer, int blankNode) => buffer.Append(blankNode == reference ? (byte)'a' : (byte)'z');
    }
}
