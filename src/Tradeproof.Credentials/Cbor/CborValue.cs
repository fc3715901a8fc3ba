namespace Tradeproof.Credentials.Cbor;

/// <summary>
/// A CBOR data item (RFC 8949 §3), limited to what ecdsa-sd-2023 needs: unsigned integers (major type 0),
/// byte strings (2), text strings (3), arrays (4), maps (5) and tags (6). Negative integers, floats and
/// simple values are refused by <see cref="CborReader"/>.
/// </summary>
internal abstract record CborValue;

/// <summary>Major type 0: an unsigned integer.</summary>
internal sealed record CborUnsigned(ulong Value) : CborValue;

/// <summary>Major type 2: a byte string.</summary>
internal sealed record CborBytes(byte[] Value) : CborValue
{
    public bool Equals(CborBytes? other) => other is not null && Value.AsSpan().SequenceEqual(other.Value);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(Value);
        return hash.ToHashCode();
    }
}

/// <summary>Major type 3: a UTF-8 text string.</summary>
internal sealed record CborText(string Value) : CborValue;

/// <summary>Major type 4: an array.</summary>
internal sealed record CborArray(IReadOnlyList<CborValue> Items) : CborValue
{
    public bool Equals(CborArray? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Count;
}

/// <summary>Major type 5: a map (entries in any order; the writer sorts them deterministically).</summary>
internal sealed record CborMap(IReadOnlyList<KeyValuePair<CborValue, CborValue>> Entries) : CborValue
{
    public bool Equals(CborMap? other) => other is not null && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => Entries.Count;
}

/// <summary>Major type 6: a tagged item.</summary>
internal sealed record CborTag(ulong Tag, CborValue Content) : CborValue;
