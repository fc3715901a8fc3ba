namespace Tradeproof.Rdf.Canonicalization;

/// <summary>
/// Writing quads as canonical N-Quads lines into a <see cref="Utf8Buffer"/> and sorting lines in code point order
/// (byte order of UTF-8 is code point order: RDFC-1.0 §3.2 "Unicode code point order").
/// </summary>
internal static class CanonicalLines
{
    /// <summary>Writes one quad line, ending with " .\n"; blank nodes are written by <paramref name="label"/>.</summary>
    public static void WriteQuad<TLabeler>(CanonicalizationState state, Utf8Buffer buffer, in QuadTerms quad, ref TLabeler label)
        where TLabeler : struct, IBlankLabeler
    {
        WriteComponent(state, buffer, quad.Subject, ref label);
        buffer.Append((byte)' ');
        WriteComponent(state, buffer, quad.Predicate, ref label);
        buffer.Append((byte)' ');
        WriteComponent(state, buffer, quad.Object, ref label);
        if (quad.Graph != CanonicalizationState.NoGraph)
        {
            buffer.Append((byte)' ');
            WriteComponent(state, buffer, quad.Graph, ref label);
        }

        buffer.Append(" .\n"u8);
    }

    private static void WriteComponent<TLabeler>(CanonicalizationState state, Utf8Buffer buffer, int component, ref TLabeler label)
        where TLabeler : struct, IBlankLabeler
    {
        if (CanonicalizationState.IsBlank(component))
        {
            buffer.Append("_:"u8);
            label.Write(buffer, component);
        }
        else
        {
            buffer.Append(state.TermBytes(component));
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
