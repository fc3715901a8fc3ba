using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Tradeproof.Credentials.Cbor;

/// <summary>
/// RFC 8949 §4.2.1 core deterministic encoding: every argument in its shortest form, definite lengths only,
/// map entries sorted by the bytewise lexicographic order of their encoded keys, duplicate keys refused.
/// </summary>
internal static class CborWriter
{
    /// <summary>The deterministic encoding of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">A map has two keys with the same encoding.</exception>
    public static byte[] Encode(CborValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(buffer, value);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the deterministic encoding of <paramref name="value"/> to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, CborValue value)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (value)
        {
            case CborUnsigned u:
                WriteHead(output, 0, u.Value);
                break;
            case CborBytes b:
                WriteHead(output, 2, (ulong)b.Value.Length);
                output.Write(b.Value);
                break;
            case CborText t:
                var utf8 = Encoding.UTF8.GetBytes(t.Value);
                WriteHead(output, 3, (ulong)utf8.Length);
                output.Write(utf8);
                break;
            case CborArray a:
                WriteHead(output, 4, (ulong)a.Items.Count);
                foreach (var item in a.Items)
                {
                    Write(output, item);
                }

                break;
            case CborMap m:
                WriteMap(output, m);
                break;
            case CborTag tag:
                WriteHead(output, 6, tag.Tag);
                Write(output, tag.Content);
                break;
            default:
                throw new ArgumentException("Unsupported CBOR value.", nameof(value));
        }
    }

    // RFC 8949 §4.2.1: keys sorted by the bytewise lexicographic order of their deterministic encodings.
    private static void WriteMap(IBufferWriter<byte> output, CborMap map)
    {
        var entries = new (byte[] Key, CborValue Value)[map.Entries.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = (Encode(map.Entries[i].Key), map.Entries[i].Value);
        }

        Array.Sort(entries, static (x, y) => x.Key.AsSpan().SequenceCompareTo(y.Key));
        for (var i = 1; i < entries.Length; i++)
        {
            if (entries[i].Key.AsSpan().SequenceEqual(entries[i - 1].Key))
            {
                throw new ArgumentException("A CBOR map has a duplicate key.", nameof(map));
            }
        }

        WriteHead(output, 5, (ulong)entries.Length);
        foreach (var (key, item) in entries)
        {
            output.Write(key);
            Write(output, item);
        }
    }

    // RFC 8949 §3 and §4.2.1: the initial byte, then the argument in the fewest bytes (0-23 inline, then 1, 2, 4, 8).
    internal static void WriteHead(IBufferWriter<byte> output, int majorType, ulong argument)
    {
        var span = output.GetSpan(9);
        var major = (byte)(majorType << 5);
        int written;
        if (argument < 24)
        {
            span[0] = (byte)(major | (byte)argument);
            written = 1;
        }
        else if (argument <= byte.MaxValue)
        {
            span[0] = (byte)(major | 24);
            span[1] = (byte)argument;
            written = 2;
        }
        else if (argument <= ushort.MaxValue)
        {
            span[0] = (byte)(major | 25);
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)argument);
            written = 3;
        }
        else if (argument <= uint.MaxValue)
        {
            span[0] = (byte)(major | 26);
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)argument);
            written = 5;
        }
        else
        {
            span[0] = (byte)(major | 27);
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], argument);
            written = 9;
        }

        output.Advance(written);
    }
}
