using System.Buffers;

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
        ref readonly var blanks = ref state.BlankRefs[q];
        WriteComponent(state, buffer, q, 0, blanks.Subject, ref label);

        // What follows the subject up to the first blank node was written once, in the state (most lines end there).
        var (start, length, complete) = state.Tails[q];
        buffer.Append(state.TailBytes.Slice(start, length));
        if (complete)
        {
            return;
        }

        if (CanonicalizationState.IsBlank(blanks.Object))
        {
            buffer.Append("_:"u8);
            label.Write(buffer, blanks.Object);
        }

        if (state.Quads[q].Graph is not null)
        {
            buffer.Append((byte)' ');
            WriteComponent(state, buffer, q, 3, blanks.Graph, ref label);
        }

        buffer.Append(" .\n"u8);
    }

    // A blank node is written by the labeler; any other term is copied from its canonical form, serialized once.
    private static void WriteComponent<TLabeler>(CanonicalizationState state, Utf8Buffer buffer, int q, int component, int blank, ref TLabeler label)
        where TLabeler : struct, IBlankLabeler
    {
        if (CanonicalizationState.IsBlank(blank))
        {
            buffer.Append("_:"u8);
            label.Write(buffer, blank);
        }
        else
        {
            buffer.Append(state.Term(q, component));
        }
    }

    /// <summary>Sorts lines (start, length) of <paramref name="source"/> in code point order.</summary>
    /// <remarks>A merge sort with insertion-sorted runs, comparing the bytes directly: <c>Span.Sort</c> with a comparer
    /// calls it through a delegate, which cost more than the comparisons of these short lines. Lines that compare equal
    /// are equal bytes, so their order does not change any output.</remarks>
    public static void Sort(byte[] source, Span<(int Start, int Length)> lines)
    {
        if (lines.Length <= InsertionRun)
        {
            InsertionSort(source, lines);
            return;
        }

        var scratch = ArrayPool<(int, int)>.Shared.Rent(lines.Length);
        try
        {
            MergeSort(source, lines, scratch.AsSpan(0, lines.Length));
        }
        finally
        {
            ArrayPool<(int, int)>.Shared.Return(scratch);
        }
    }

    private const int InsertionRun = 16;

    private static int Compare(byte[] source, (int Start, int Length) x, (int Start, int Length) y) =>
        source.AsSpan(x.Start, x.Length).SequenceCompareTo(source.AsSpan(y.Start, y.Length));

    private static void InsertionSort(byte[] source, Span<(int Start, int Length)> lines)
    {
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var j = i - 1;
            while (j >= 0 && Compare(source, lines[j], line) > 0)
            {
                lines[j + 1] = lines[j];
                j--;
            }

            lines[j + 1] = line;
        }
    }

    // Sorts lines; scratch has the same length and is used for merging.
    private static void MergeSort(byte[] source, Span<(int Start, int Length)> lines, Span<(int Start, int Length)> scratch)
    {
        if (lines.Length <= InsertionRun)
        {
            InsertionSort(source, lines);
            return;
        }

        var half = lines.Length / 2;
        MergeSort(source, lines[..half], scratch[..half]);
        MergeSort(source, lines[half..], scratch[half..]);
        if (Compare(source, lines[half - 1], lines[half]) <= 0)
        {
            return;
        }

        lines.CopyTo(scratch);
        int i = 0, j = half, k = 0;
        while (i < half && j < lines.Length)
        {
            lines[k++] = Compare(source, scratch[j], scratch[i]) < 0 ? scratch[j++] : scratch[i++];
        }

        while (i < half)
        {
            lines[k++] = scratch[i++];
        }

        while (j < lines.Length)
        {
            lines[k++] = scratch[j++];
        }
    }

    /// <summary>Copies lines, in the given order, into <paramref name="target"/>.</summary>
    public static void Concatenate(Utf8Buffer source, ReadOnlySpan<(int Start, int Length)> lines, Utf8Buffer target)
    {
        target.Clear();
        foreach (var (start, length) in lines)
        {
            target.Append(source.Slice(start, length));
        }
    }
}

/// <summary>How a blank node index is written after <c>_:</c>.</summary>
internal interface IBlankLabeler
{
    void Write(Utf8Buffer buffer, int blankNode);
}
