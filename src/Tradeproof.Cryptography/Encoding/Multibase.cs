namespace Tradeproof.Cryptography.Encoding;

/// <summary>
/// Multibase (draft-multiformats-multibase): a one-character prefix naming the encoding, then the data.
/// </summary>
public static class Multibase
{
    /// <summary>
    /// The longest base10, base36 or base58 text <see cref="Decode(string)"/> accepts: 8,192 characters (about
    /// 6 KB of data; an RSA-4096 key is under 800). These decodings take time quadratic in the length, so a
    /// longer one is refused rather than let a hostile input buy seconds of work.
    /// </summary>
    public const int MaxBigNumberLength = 8192;

    /// <summary>Encodes bytes with the prefix of <paramref name="encoding"/>.</summary>
    public static string Encode(MultibaseEncoding encoding, ReadOnlySpan<byte> data)
        => MultibaseCodecs.Encode(encoding, data);

    /// <summary>Decodes a multibase string; returns the encoding named by its prefix and the bytes.</summary>
    /// <exception cref="MultibaseException">Unknown prefix, invalid character, bad padding or length.</exception>
    public static (MultibaseEncoding Encoding, byte[] Data) Decode(string multibase)
    {
        ArgumentNullException.ThrowIfNull(multibase);
        return MultibaseCodecs.Decode(multibase);
    }

    /// <summary>Decodes a multibase string that must use <paramref name="expected"/> (e.g. base58btc for Multikey).</summary>
    /// <exception cref="MultibaseException">Another prefix, or invalid data.</exception>
    public static byte[] Decode(string multibase, MultibaseEncoding expected)
    {
        var (encoding, data) = Decode(multibase);
        if (encoding != expected)
        {
            throw new MultibaseException($"Expected {Name(expected)} (prefix '{Prefix(expected)}'), found {Name(encoding)}.", 0, Prefix(encoding));
        }

        return data;
    }

    /// <summary>The encoding's prefix (one character, or a surrogate pair for base256emoji).</summary>
    public static string Prefix(MultibaseEncoding encoding) => char.ConvertFromUtf32((int)encoding);

    /// <summary>The encoding's name in the multibase table, e.g. <c>base58btc</c>.</summary>
    public static string Name(MultibaseEncoding encoding) => MultibaseCodecs.Name(encoding);

    /// <summary>The encoding named <paramref name="name"/> in the multibase table (e.g. <c>base64url</c>).</summary>
    public static bool TryParseName(string name, out MultibaseEncoding encoding) => MultibaseCodecs.TryParseName(name, out encoding);

    /// <summary>The encodings implemented.</summary>
    public static IReadOnlyList<MultibaseEncoding> Encodings => MultibaseCodecs.All;
}
