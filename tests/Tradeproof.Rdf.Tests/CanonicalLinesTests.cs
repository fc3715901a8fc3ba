using System.Text;
using Tradeproof.Rdf.Canonicalization;

namespace Tradeproof.Rdf.Tests;

/// <summary>The sort of canonical N-Quads lines (code point order of their UTF-8 bytes).</summary>
public sealed class CanonicalLinesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(500)]
    public void Sort_orders_lines_as_an_ordinal_sort_of_their_bytes_would(int count)
    {
        var random = new Random(count);
        var alphabet = new[] { "_:c14n", "<urn:x>", "\"é\"", "\"\u00ff\"", "\"\U0001F600\"", "a", "b", " .\n", "" };
        var texts = new List<string>();
        for (var i = 0; i < count; i++)
        {
            // Shared prefixes, duplicates and non-ASCII text, where UTF-16 order and code point order differ.
            var parts = Enumerable.Range(0, random.Next(1, 5)).Select(_ => alphabet[random.Next(alphabet.Length)]);
            texts.Add(string.Concat(parts) + (random.Next(4) == 0 ? string.Empty : random.Next(20).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        using var buffer = new Utf8Buffer(16);
        var lines = new (int Start, int Length)[count];
        for (var i = 0; i < count; i++)
        {
            var start = buffer.Length;
            buffer.AppendUtf8(texts[i]);
            lines[i] = (start, buffer.Length - start);
        }

        CanonicalLines.Sort(buffer.RawArray, lines);

        var expected = texts.Select(Encoding.UTF8.GetBytes).ToList();
        expected.Sort((x, y) => x.AsSpan().SequenceCompareTo(y));
        var actual = lines.Select(l => buffer.Slice(l.Start, l.Length).ToArray()).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }
}
