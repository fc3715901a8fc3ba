using System.Buffers;
using System.Text;

namespace Tradeproof.Rdf.Canonicalization;

/// <summary>A growable byte buffer on <see cref="ArrayPool{T}"/>, for building N-Quads lines and hash inputs without strings.</summary>
internal sealed class Utf8Buffer : IDisposable
{
    private byte[] _bytes;

    public Utf8Buffer(int capacity = 1024) => _bytes = ArrayPool<byte>.Shared.Rent(capacity);

    public int Length { get; set; }

    /// <summary>The underlying array (valid until the next append that grows it).</summary>
    public byte[] RawArray => _bytes;

    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, Length);

    public ReadOnlySpan<byte> Slice(int start, int length) => _bytes.AsSpan(start, length);

    public void Clear() => Length = 0;

    /// <summary>Makes room for <paramref name="bytes"/> more bytes at once (one copy instead of several doublings).</summary>
    public void Reserve(int bytes)
    {
        if (Length + bytes > _bytes.Length)
        {
            Grow(bytes);
        }
    }

    public void Append(byte b)
    {
        if (Length == _bytes.Length)
        {
            Grow(1);
        }

        _bytes[Length++] = b;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _bytes.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_bytes.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Appends ASCII or any text as UTF-8.</summary>
    public void AppendUtf8(ReadOnlySpan<char> text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (Length + max > _bytes.Length)
        {
            Grow(max);
        }

        Length += Encoding.UTF8.GetBytes(text, _bytes.AsSpan(Length));
    }

    /// <summary>Appends a non-negative integer in decimal.</summary>
    public void AppendInt(int value)
    {
        if (Length + 11 > _bytes.Length)
        {
            Grow(11);
        }

        value.TryFormat(_bytes.AsSpan(Length), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        Length += written;
    }

    /// <summary>Appends a non-blank term in canonical N-Quads form (RDFC-1.0 Appendix A); a blank node as <c>_:label</c>.</summary>
    public void AppendTerm(RdfTerm term)
    {
        switch (term)
        {
            case Iri iri:
                Append((byte)'<');
                AppendUtf8(iri.Value);
                Append((byte)'>');
                break;
            case Literal literal:
                AppendLiteral(literal);
                break;
            case BlankNode blank:
                Append("_:"u8);
                AppendUtf8(blank.Label);
                break;
            default:
                throw new ArgumentException("Unknown term kind.", nameof(term));
        }
    }

    private void AppendLiteral(Literal literal)
    {
        Append((byte)'"');
        var span = literal.LexicalForm.AsSpan();
        while (true)
        {
            var next = span.IndexOfAny(NQuads.NQuadsSerializer.EscapedChars);
            if (next < 0)
            {
                AppendUtf8(span);
                break;
            }

            AppendUtf8(span[..next]);
            var c = span[next];
            var e = NQuads.NQuadsSerializer.Escape(c);
            Append((byte)'\\');
            if (e != 0)
            {
                Append((byte)e);
            }
            else
            {
                Append("u00"u8);
                Append((byte)NQuads.NQuadsSerializer.HexUpper[c >> 4]);
                Append((byte)NQuads.NQuadsSerializer.HexUpper[c & 0xF]);
            }

            span = span[(next + 1)..];
        }

        Append((byte)'"');
        if (literal.Language is not null)
        {
            Append((byte)'@');
            AppendUtf8(literal.Language);
            if (literal.Direction is not null)
            {
                Append("--"u8);
                AppendUtf8(literal.Direction);
            }
        }
        else if (!ReferenceEquals(literal.Datatype, RdfVocabulary.XsdString)
            && !string.Equals(literal.Datatype, RdfVocabulary.XsdString, StringComparison.Ordinal))
        {
            Append("^^<"u8);
            AppendUtf8(literal.Datatype);
            Append((byte)'>');
        }
    }

    private void Grow(int needed)
    {
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, Length + needed));
        _bytes.AsSpan(0, Length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = next;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
        Length = 0;
    }
}
