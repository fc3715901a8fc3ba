namespace Tradeproof.Json;

/// <summary>The kinds of <see cref="JsonToken"/>.</summary>
internal enum JsonTokenKind : byte
{
    Object,
    Array,
    PropertyName,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// One value or member name of a tokenized JSON text (<see cref="JsonTokenizer"/>): a compact tree in
/// document order where every token knows the index of the token after it and its subtree.
/// </summary>
internal struct JsonToken
{
    /// <summary>What the token is.</summary>
    public JsonTokenKind Kind;

    /// <summary>For strings and names: the bytes are in the side buffer (unescaped), not in the source.</summary>
    public bool Unescaped;

    /// <summary>Strings and names: offset of the unescaped content (source or side buffer); numbers: offset in the source.</summary>
    public int Start;

    /// <summary>Strings, names, numbers: byte length of the content; objects and arrays: members or elements.</summary>
    public int Length;

    /// <summary>The index of the token after this one and its subtree.</summary>
    public int Next;

    /// <summary>The offset of the token's first byte in the source, for error positions.</summary>
    public int SourceStart;
}
