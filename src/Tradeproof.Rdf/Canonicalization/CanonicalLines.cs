namespace Tradeproof.Rdf.Canonicalization;

/// <summary>
/// Writing quads as canonical N-Quads lines into a <see cref="Utf8Buffer"/> and sorting lines in code point order
/// (byte order of UTF-8 is code point order: RDFC-1.0 §3.2 "Unicode code point order").
/// </summary>
internal static class CanonicalLines
{
    /// <summary>Writes quad <paramref name="q"/> as a line ending with " .\n"; blank nodes are written by <paramref name="label"/>.</summary>
    public static void WriteQuad<TLabeler>(CanonicalizationState state, Utf8Buffer buffer, int q, ref TLabeler label)
        where TLabeler : struct, IBlankLabeler
    {
        ref readonly var quad = ref state.Quads[q];
        ref readonly var blanks = ref state.BlankRefs[q];
        WriteComponent(buffer, quad.Subject, blanks.Subject, ref label);
        buffer.Append((byte)' ');
        buffer.AppendTerm(quad.Predicate);
        buffer.Append((byte)' ');
        WriteComponent(buffer, quad.Object, blanks.Object, ref label);
        if (quad.Graph is not null)
        {
            buffer.Append((byte)' ');
            WriteComponent(buffer, quad.Graph, blanks.Graph, ref label);
        }

        buffer.Append(" .\n"u8);
    }

    private static void WriteComponent<TLabeler>(Utf8Buffer buffer, RdfTerm term, int blank, ref TLabeler label)
        where TLabeler : struct, IBlankLabeler
    {
        if (CanonicalizationState.IsBlank(blank))
        {
            buffer.Append("_:"u8);
            label.Write(buffer, blank);
        }
        else
        {
            buffer.AppendTerm(term);
        }
    }

    /// <summary>Sorts lines (start, length) of <paramref name="source"/> in code point order.</summary>
    public static void Sort(byte[] source, Span<(int Start, int Length)> lines) =>
        lines.Sort(new LineComparer(source));

    /// <summary>Copies lines, in the given order, into <paramref name="target"/>.</summary>
    public static void Concatenate(Utf8Buffer source, ReadOnlySpan<(int Start, int Length)> lines, Utf8Buffer target)
    {
        target.Clear();
        foreach (var (start, length) in lines)
        {
            target.Append(source.Slice(start, length));
        }
    }

    private readonly struct LineComparer(byte[] source) : IComparer<(int Start, int Length)>
    {
        public int Compare((int Start, int Length) x, (int Start, int Length) y) =>
            source.AsSpan(x.Start, x.Length).SequenceCompareTo(source.AsSpan(y.Start, y.Length));
    }
}

/// <summary>How a blank node index is written after <c>_:</c>.</summary>
internal interface IBlankLabeler
{
    void Write(Utf8Buffer buffer, int blankNode);
}
