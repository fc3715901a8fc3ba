namespace Tradeproof.Json;

/// <summary>
/// Sorts the members of one object by their names as UTF-16 code units (RFC 8785 §3.2.3), comparing the
/// unescaped UTF-8 bytes, and finds duplicate names (equal after unescaping) on the way.
/// </summary>
internal readonly ref struct MemberSorter
{
    private readonly ReadOnlySpan<byte> _source;
    private readonly ReadOnlySpan<byte> _side;
    private readonly JsonToken[] _tokens;

    public MemberSorter(ReadOnlySpan<byte> source, ReadOnlySpan<byte> side, JsonToken[] tokens)
    {
        _source = source;
        _side = side;
        _tokens = tokens;
    }

    /// <summary>The unescaped UTF-8 bytes of a name or string token.</summary>
    public ReadOnlySpan<byte> Bytes(int token)
    {
        ref readonly var t = ref _tokens[token];
        return t.Unescaped ? _side.Slice(t.Start, t.Length) : _source.Slice(t.Start, t.Length);
    }

    /// <summary>
    /// Orders two names as UTF-16 code-unit strings. UTF-8 byte order is code-point order, which agrees with
    /// UTF-16 order except between U+E000..U+FFFF (lead bytes EE, EF) and supplementary characters (lead bytes
    /// F0..F4, surrogates D800..DBFF in UTF-16): there UTF-16 puts the supplementary character first.
    /// </summary>
    public static int CompareUtf16(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length > 0 && b.Length > 0 && a[0] != b[0] && a[0] < 0xEE && b[0] < 0xEE)
        {
            return a[0] - b[0];
        }

        var common = a.CommonPrefixLength(b);
        if (common == a.Length || common == b.Length)
        {
            return a.Length - b.Length;
        }

        int x = a[common];
        int y = b[common];
        if (x >= 0xEE && y >= 0xEE && (x >= 0xF0) != (y >= 0xF0))
        {
            return x >= 0xF0 ? -1 : 1;
        }

        return x - y;
    }

    /// <summary>
    /// Sorts the name tokens in <paramref name="names"/>; returns the index in <paramref name="names"/> of a
    /// duplicate name, or -1. <paramref name="scratch"/> must be as long as <paramref name="names"/>.
    /// </summary>
    public int Sort(Span<int> names, Span<int> scratch)
    {
        if (names.Length <= 24)
        {
            return InsertionSort(names);
        }

        MergeSort(names, scratch);
        for (var i = 1; i < names.Length; i++)
        {
            if (Bytes(names[i - 1]).SequenceEqual(Bytes(names[i])))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The first 8 bytes of a name as a big-endian number whose order is the UTF-16 order of the names (lead
    /// bytes F0..F4 of supplementary characters moved below EE and EF); equal keys need the full comparison.
    /// </summary>
    private ulong SortKey(int token)
    {
        var bytes = Bytes(token);
        ulong key;
        if (bytes.Length >= 8)
        {
            key = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
        }
        else
        {
            key = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                key |= (ulong)bytes[i] << (56 - (8 * i));
            }
        }

        if ((key & 0x8080808080808080UL) == 0)
        {
            return key; // ASCII: byte order is UTF-16 order.
        }

        ulong mapped = 0;
        for (var i = 0; i < 8; i++)
        {
            var b = (key >> (56 - (8 * i))) & 0xFF;
            if (b >= 0xEE)
            {
                b = b >= 0xF0 ? b - 2 : b + 5;
            }

            mapped |= b << (56 - (8 * i));
        }

        return mapped;
    }

    /// <summary>Insertion sort on 8-byte keys, then full names on ties; finds a duplicate on the way.</summary>
    private int InsertionSort(Span<int> names)
    {
        Span<ulong> keys = stackalloc ulong[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            keys[i] = SortKey(names[i]);
        }

        var duplicate = false;
        for (var i = 1; i < names.Length; i++)
        {
            var current = names[i];
            var currentKey = keys[i];
            var j = i - 1;
            while (j >= 0)
            {
                var order = keys[j].CompareTo(currentKey);
                if (order == 0)
                {
                    order = CompareUtf16(Bytes(names[j]), Bytes(current));
                    if (order == 0)
                    {
                        duplicate = true;
                    }
                }

                if (order <= 0)
                {
                    break;
                }

                names[j + 1] = names[j];
                keys[j + 1] = keys[j];
                j--;
            }

            names[j + 1] = current;
            keys[j + 1] = currentKey;
        }

        if (duplicate)
        {
            for (var i = 1; i < names.Length; i++)
            {
                if (Bytes(names[i - 1]).SequenceEqual(Bytes(names[i])))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    private void MergeSort(Span<int> names, Span<int> scratch)
    {
        if (names.Length <= 24)
        {
            InsertionSort(names);
            return;
        }

        var half = names.Length / 2;
        MergeSort(names[..half], scratch[..half]);
        MergeSort(names[half..], scratch[half..]);
        if (CompareUtf16(Bytes(names[half - 1]), Bytes(names[half])) <= 0)
        {
            return;
        }

        names.CopyTo(scratch);
        int left = 0, right = half, k = 0;
        while (left < half && right < names.Length)
        {
            names[k++] = CompareUtf16(Bytes(scratch[left]), Bytes(scratch[right])) <= 0 ? scratch[left++] : scratch[right++];
        }

        while (left < half)
        {
            names[k++] = scratch[left++];
        }

        while (right < names.Length)
        {
            names[k++] = scratch[right++];
        }
    }
}
