namespace Tradeproof.Cryptography.Encoding;

/// <summary>
/// The multiformats unsigned varint: little-endian base-128 groups, high bit set on every byte but the last,
/// at most 9 bytes (63 bits), and minimal (no trailing zero group): multiformats/unsigned-varint.
/// </summary>
public static class Varint
{
    /// <summary>The most bytes a varint may take.</summary>
    public const int MaxLength = 9;

    /// <summary>The largest value a varint may hold: 2^63 - 1.</summary>
    public const ulong MaxValue = long.MaxValue;

    /// <summary>The number of bytes <paramref name="value"/> takes.</summary>
    public static int GetLength(ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxValue);
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    /// <summary>Writes <paramref name="value"/>; returns the bytes written.</summary>
    public static int Write(ulong value, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxValue);
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>The varint of <paramref name="value"/>.</summary>
    public static byte[] Encode(ulong value)
    {
        var bytes = new byte[GetLength(value)];
        Write(value, bytes);
        return bytes;
    }

    /// <summary>Reads a varint at the start of <paramref name="source"/>; false when it is truncated, overlong or not minimal.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out ulong value, out int bytesRead)
        => Read(source, out value, out bytesRead) is null;

    /// <summary>Reads a varint at the start of <paramref name="source"/>.</summary>
    /// <exception cref="MulticodecException">Truncated, overlong or not minimal.</exception>
    public static ulong Read(ReadOnlySpan<byte> source, out int bytesRead)
    {
        var error = Read(source, out var value, out bytesRead);
        return error is null ? value : throw new MulticodecException(error);
    }

    private static string? Read(ReadOnlySpan<byte> source, out ulong value, out int bytesRead)
    {
        value = 0;
        bytesRead = 0;
        for (var i = 0; i < MaxLength; i++)
        {
            if (i >= source.Length)
            {
                return "Truncated varint.";
            }

            var b = source[i];
            value |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0)
                {
                    value = 0;
                    return "Non-minimal varint (a trailing zero group).";
                }

                bytesRead = i + 1;
                return null;
            }
        }

        value = 0;
        return "Overlong varint (more than 9 bytes).";
    }
}
