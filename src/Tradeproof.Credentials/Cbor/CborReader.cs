using System.Buffers.Binary;
using System.Text;

namespace Tradeproof.Credentials.Cbor;

/// <summary>Limits of <see cref="CborReader"/> (safe defaults: proof values are small).</summary>
internal sealed record CborLimits
{
    /// <summary>The defaults: depth 8, 4,096 items per array or map, 1 MiB per string, 64,000 items in all.</summary>
    public static CborLimits Default { get; } = new();

    /// <summary>Nesting depth of arrays, maps and tags.</summary>
    public int MaxDepth { get; init; } = 8;

    /// <summary>Items of one array, or entries of one map.</summary>
    public int MaxItems { get; init; } = 4096;

    /// <summary>Bytes of one byte or text string.</summary>
    public int MaxStringLength { get; init; } = 1 << 20;

    /// <summary>Data items in the whole input.</summary>
    public int MaxTotalItems { get; init; } = 64_000;
}

/// <summary>
/// A strict decoder of RFC 8949 core deterministic CBOR (§4.2.1): well-formed (§5.3.1), one item with no
/// trailing bytes, definite lengths only, shortest arguments, map keys in bytewise order with no duplicates,
/// valid UTF-8 text; only major types 0, 2, 3, 4, 5 and 6. Anything else is a <see cref="CborException"/>.
/// </summary>
internal static class CborReader
{
    /// <summary>Decodes exactly one data item filling <paramref name="data"/>.</summary>
    /// <exception cref="CborException">Malformed, not deterministic, unsupported, or over a limit.</exception>
    public static CborValue Decode(ReadOnlySpan<byte> data, CborLimits? limits = null)
    {
        var state = new State { Limits = limits ?? CborLimits.Default };
        var position = 0;
        var value = Read(data, ref position, 0, state);
        if (position != data.Length)
        {
            throw new CborException($"{data.Length - position} trailing bytes after the CBOR item.");
        }

        return value;
    }

    private static CborValue Read(ReadOnlySpan<byte> data, ref int position, int depth, State state)
    {
        if (++state.Items > state.Limits.MaxTotalItems)
        {
            throw new CborException("Too many CBOR data items.");
        }

        var start = position;
        var (major, argument) = ReadHead(data, ref position);
        switch (major)
        {
            case 0:
                return new CborUnsigned(argument);
            case 2:
                return new CborBytes(ReadString(data, ref position, argument, state).ToArray());
            case 3:
                try
                {
                    return new CborText(Strict.GetString(ReadString(data, ref position, argument, state)));
                }
                catch (DecoderFallbackException e)
                {
                    throw new CborException("A CBOR text string is not valid UTF-8.", e);
                }

            case 4:
            {
                var count = Count(argument, depth, state);
                var items = new CborValue[count];
                for (var i = 0; i < count; i++)
                {
                    items[i] = Read(data, ref position, depth + 1, state);
                }

                return new CborArray(items);
            }

            case 5:
            {
                var count = Count(argument, depth, state);
                var entries = new KeyValuePair<CborValue, CborValue>[count];
                var previousKey = ReadOnlySpan<byte>.Empty;
                for (var i = 0; i < count; i++)
                {
                    var keyStart = position;
                    var key = Read(data, ref position, depth + 1, state);
                    var keyBytes = data[keyStart..position];

                    // §4.2.1: keys in bytewise lexicographic order of their encodings; §5.6: no duplicates.
                    if (i > 0 && previousKey.SequenceCompareTo(keyBytes) >= 0)
                    {
                        throw new CborException("CBOR map keys are duplicated or not in deterministic order.");
                    }

                    previousKey = keyBytes;
                    entries[i] = new(key, Read(data, ref position, depth + 1, state));
                }

                return new CborMap(entries);
            }

            case 6:
                if (depth >= state.Limits.MaxDepth)
                {
                    throw new CborException("CBOR nesting is too deep.");
                }

                return new CborTag(argument, Read(data, ref position, depth + 1, state));
            default:
                throw new CborException($"Unsupported CBOR major type {major} at offset {start}.");
        }
    }

    private static int Count(ulong argument, int depth, State state)
    {
        if (depth >= state.Limits.MaxDepth)
        {
            throw new CborException("CBOR nesting is too deep.");
        }

        if (argument > (ulong)state.Limits.MaxItems)
        {
            throw new CborException($"A CBOR array or map has {argument} items (limit {state.Limits.MaxItems}).");
        }

        return (int)argument;
    }

    private static ReadOnlySpan<byte> ReadString(ReadOnlySpan<byte> data, ref int position, ulong length, State state)
    {
        if (length > (ulong)state.Limits.MaxStringLength)
        {
            throw new CborException($"A CBOR string of {length} bytes is over the limit of {state.Limits.MaxStringLength}.");
        }

        if (length > (ulong)(data.Length - position))
        {
            throw new CborException("A CBOR string runs past the end of the input.");
        }

        var result = data.Slice(position, (int)length);
        position += (int)length;
        return result;
    }

    // RFC 8949 §3: initial byte (major type, additional information), then the argument. §4.2.1: shortest form only.
    private static (int Major, ulong Argument) ReadHead(ReadOnlySpan<byte> data, ref int position)
    {
        if (position >= data.Length)
        {
            throw new CborException("The CBOR input ends inside an item.");
        }

        var initial = data[position++];
        var major = initial >> 5;
        var info = initial & 0x1f;
        if (info < 24)
        {
            return (major, (ulong)info);
        }

        var size = info switch
        {
            24 => 1,
            25 => 2,
            26 => 4,
            27 => 8,
            31 => throw new CborException("Indefinite-length CBOR items are not deterministic."),
            _ => throw new CborException($"Reserved CBOR additional information {info}."),
        };
        if (data.Length - position < size)
        {
            throw new CborException("The CBOR input ends inside an argument.");
        }

        var bytes = data.Slice(position, size);
        position += size;
        ulong argument = size switch
        {
            1 => bytes[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            4 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            _ => BinaryPrimitives.ReadUInt64BigEndian(bytes),
        };
        var minimum = size switch
        {
            1 => 24UL,
            2 => 0x100UL,
            4 => 0x1_0000UL,
            _ => 0x1_0000_0000UL,
        };
        if (argument < minimum)
        {
            throw new CborException("A CBOR argument is not in its shortest form.");
        }

        return (major, argument);
    }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private sealed class State
    {
        public required CborLimits Limits { get; init; }

        public int Items { get; set; }
    }
}
