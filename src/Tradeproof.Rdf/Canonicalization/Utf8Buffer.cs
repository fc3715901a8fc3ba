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
