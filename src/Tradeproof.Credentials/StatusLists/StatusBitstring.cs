using System.IO.Compression;
using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Credentials.StatusLists;

/// <summary>
/// The bitstring of a Bitstring Status List (W3C Bitstring Status List v1.0 §3.1, §4.1): entries of
/// <see cref="StatusSize"/> bits, index 0 being the left-most (most significant) bit of the first byte; at least
/// 131,072 entries; encoded as GZIP then multibase base64url (<c>u</c> prefix, no padding).
/// </summary>
public sealed class StatusBitstring
{
    /// <summary>The minimum size of the uncompressed bitstring, in bits (16 KiB: §4.1 "Generate Algorithm" step 2).</summary>
    public const int MinimumBits = 131_072;

    private readonly byte[] _bits;

    /// <summary>A list of <paramref name="entries"/> entries (at least 131,072) of <paramref name="statusSize"/> bits, all zero.</summary>
    public StatusBitstring(int entries = MinimumBits, int statusSize = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entries, MinimumBits);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusSize, 8);
        StatusSize = statusSize;
        Entries = entries;
        _bits = new byte[(((long)entries * statusSize) + 7) / 8 is var n and <= int.MaxValue ? (int)n : throw new ArgumentOutOfRangeException(nameof(entries))];
    }

    private StatusBitstring(byte[] bits, int statusSize)
    {
        _bits = bits;
        StatusSize = statusSize;
        Entries = (int)Math.Min(int.MaxValue, (long)bits.Length * 8 / statusSize);
    }

    /// <summary>Bits per entry (1 for revocation and suspension).</summary>
    public int StatusSize { get; }

    /// <summary>The number of entries.</summary>
    public int Entries { get; }

    /// <summary>The raw bitstring (big-endian bit order: index 0 is bit 7 of byte 0).</summary>
    public ReadOnlySpan<byte> Bytes => _bits;

    /// <summary>The status value at <paramref name="index"/>.</summary>
    public int Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Entries);
        var value = 0;
        var start = (long)index * StatusSize;
        for (var i = 0; i < StatusSize; i++)
        {
            var bit = start + i;
            value = (value << 1) | ((_bits[bit >> 3] >> (7 - (int)(bit & 7))) & 1);
        }

        return value;
    }

    /// <summary>Sets the status value at <paramref name="index"/> (0 to 2^statusSize - 1).</summary>
    public void Set(int index, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Entries);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(value, 1 << StatusSize);
        var start = (long)index * StatusSize;
        for (var i = 0; i < StatusSize; i++)
        {
            var bit = start + i;
            var mask = (byte)(1 << (7 - (int)(bit & 7)));
            var on = ((value >> (StatusSize - 1 - i)) & 1) == 1;
            _bits[bit >> 3] = on ? (byte)(_bits[bit >> 3] | mask) : (byte)(_bits[bit >> 3] & ~mask);
        }
    }

    /// <summary>§4.1 Generate Algorithm step 3: GZIP, then multibase base64url without padding.</summary>
    public string Encode() => "u" + Base64UrlStrict.Encode(Gzip(_bits));

    /// <summary>
    /// §4.2 Expand Algorithm: decodes <paramref name="encodedList"/> (multibase base64url, or plain base64url when
    /// <paramref name="multibase"/> is false, as StatusList2021 writes it) within the <paramref name="limits"/>:
    /// encoded length, decompressed size (a decompression bomb stops at the cap) and the 16 KiB minimum.
    /// </summary>
    public static StatusBitstring Decode(string encodedList, int statusSize, StatusListLimits? limits = null, bool multibase = true)
    {
        ArgumentNullException.ThrowIfNull(encodedList);
        limits ??= StatusListLimits.Default;
        if (statusSize is < 1 or > 8)
        {
            throw new StatusListException(StatusListError.MalformedValue, $"statusSize {statusSize} is not supported.");
        }

        if (encodedList.Length > limits.MaxEncodedLength)
        {
            throw new StatusListException(StatusListError.TooLarge, $"The encoded list is longer than {limits.MaxEncodedLength} characters.");
        }

        var text = encodedList.AsSpan();
        if (multibase)
        {
            if (text.Length == 0 || text[0] != 'u')
            {
                throw new StatusListException(StatusListError.MalformedValue, "encodedList is not multibase base64url ('u').");
            }

            text = text[1..];
        }

        if (!Base64UrlStrict.TryDecode(text, out var compressed) || compressed.Length == 0)
        {
            throw new StatusListException(StatusListError.MalformedValue, "encodedList is not canonical base64url.");
        }

        var bits = Gunzip(compressed, limits.MaxDecompressedBytes);
        if (bits.Length * 8L < MinimumBits)
        {
            throw new StatusListException(StatusListError.TooShort, $"The list has {bits.Length * 8L} bits, fewer than the minimum {MinimumBits}.");
        }

        return new StatusBitstring(bits, statusSize);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] compressed, int max)
    {
        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[16384];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > max)
                {
                    throw new StatusListException(StatusListError.TooLarge, $"The list decompresses to more than {max} bytes.");
                }

                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new StatusListException(StatusListError.MalformedValue, "encodedList is not valid GZIP: " + e.Message);
        }
    }
}

/// <summary>Caps on a status list taken from elsewhere.</summary>
public sealed record StatusListLimits
{
    /// <summary>1 MiB encoded, 16 MiB decompressed.</summary>
    public static StatusListLimits Default { get; } = new();

    /// <summary>The longest <c>encodedList</c>, in characters.</summary>
    public int MaxEncodedLength { get; init; } = 1 << 20;

    /// <summary>The largest decompressed bitstring, in bytes.</summary>
    public int MaxDecompressedBytes { get; init; } = 16 << 20;
}

/// <summary>Why a status list could not be used.</summary>
public enum StatusListError
{
    /// <summary>A value does not follow the spec (MALFORMED_VALUE_ERROR).</summary>
    MalformedValue,

    /// <summary>Over a size or decompression cap (a decompression bomb).</summary>
    TooLarge,

    /// <summary>Shorter than the 131,072-bit minimum (STATUS_LIST_LENGTH_ERROR).</summary>
    TooShort,

    /// <summary>The index is beyond the list (RANGE_ERROR).</summary>
    IndexOutOfRange,

    /// <summary>The list's purpose is not the entry's (STATUS_VERIFICATION_ERROR).</summary>
    PurposeMismatch,

    /// <summary>The list could not be fetched or verified (STATUS_RETRIEVAL_ERROR).</summary>
    Retrieval,
}

/// <summary>A status list processing error (Bitstring Status List §3.6) carrying its <see cref="StatusListError"/>.</summary>
public sealed class StatusListException : Exception
{
    public StatusListException()
    {
    }

    public StatusListException(string message)
        : base(message)
    {
    }

    public StatusListException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StatusListException(StatusListError error, string message)
        : base(message) => Error = error;

    /// <summary>The error.</summary>
    public StatusListError Error { get; }
}
