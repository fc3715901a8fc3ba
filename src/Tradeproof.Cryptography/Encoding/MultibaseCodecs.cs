using System.Globalization;

namespace Tradeproof.Cryptography.Encoding;

/// <summary>
/// Dispatch from a multibase prefix to its codec (draft-multiformats-multibase §2, the table in multibase.csv).
/// </summary>
internal static class MultibaseCodecs
{
    public static readonly MultibaseEncoding[] All = Enum.GetValues<MultibaseEncoding>();

    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const string Base32HexAlphabet = "0123456789abcdefghijklmnopqrstuv";
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly Rfc4648Codec Base2 = new("01", 1, pad: false, caseInsensitive: false);
    private static readonly Rfc4648Codec Base8 = new("01234567", 3, pad: false, caseInsensitive: false);
    private static readonly Rfc4648Codec Base16 = new("0123456789abcdef", 4, pad: false, caseInsensitive: true);
    private static readonly Rfc4648Codec Base16Upper = new("0123456789ABCDEF", 4, pad: false, caseInsensitive: true);
    private static readonly Rfc4648Codec Base32 = new(Base32Alphabet, 5, pad: false, caseInsensitive: true);
    private static readonly Rfc4648Codec Base32Upper = new(Base32Alphabet.ToUpperInvariant(), 5, pad: false, caseInsensitive: true);
    private static readonly Rfc4648Codec Base32Pad = new(Base32Alphabet, 5, pad: true, caseInsensitive: true);
    private static readonly Rfc4648Codec Base32PadUpper = new(Base32Alphabet.ToUpperInvariant(), 5, pad: true, caseInsensitive: true);
    private static readonly Rfc4648Codec Base32Hex = new(Base32HexAlphabet, 5, pad: false, caseInsensitive: true);
    private static readonly Rfc4648Codec Base32HexUpper = new(Base32HexAlphabet.ToUpperInvariant(), 5, pad: false, caseInsensitive: true);
    private static readonly Rfc4648Codec Base32HexPad = new(Base32HexAlphabet, 5, pad: true, caseInsensitive: true);
    private static readonly Rfc4648Codec Base32HexPadUpper = new(Base32HexAlphabet.ToUpperInvariant(), 5, pad: true, caseInsensitive: true);
    private static readonly Rfc4648Codec Base32Z = new("ybndrfg8ejkmcpqxot1uwisza345h769", 5, pad: false, caseInsensitive: false);
    private static readonly Rfc4648Codec Base64 = new(Base64Alphabet, 6, pad: false, caseInsensitive: false);
    private static readonly Rfc4648Codec Base64Pad = new(Base64Alphabet, 6, pad: true, caseInsensitive: false);
    private static readonly Rfc4648Codec Base64Url = new(Base64UrlAlphabet, 6, pad: false, caseInsensitive: false);
    private static readonly Rfc4648Codec Base64UrlPad = new(Base64UrlAlphabet, 6, pad: true, caseInsensitive: false);
    private static readonly BigNumberCodec<Radix10> Base10 = new("0123456789", caseInsensitive: false);
    private static readonly BigNumberCodec<Radix36> Base36 = new("0123456789abcdefghijklmnopqrstuvwxyz", caseInsensitive: true);
    private static readonly BigNumberCodec<Radix36> Base36Upper = new("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", caseInsensitive: true);
    private static readonly BigNumberCodec<Radix58> Base58Btc = new("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz", caseInsensitive: false);
    private static readonly BigNumberCodec<Radix58> Base58Flickr = new("123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ", caseInsensitive: false);

    public static string Encode(MultibaseEncoding encoding, ReadOnlySpan<byte> data) => encoding switch
    {
        MultibaseEncoding.Base10 => Base10.Encode(data, '9'),
        MultibaseEncoding.Base36 => Base36.Encode(data, 'k'),
        MultibaseEncoding.Base36Upper => Base36Upper.Encode(data, 'K'),
        MultibaseEncoding.Base58Btc => Base58Btc.Encode(data, 'z'),
        MultibaseEncoding.Base58Flickr => Base58Flickr.Encode(data, 'Z'),
        MultibaseEncoding.Base45 => Base45Codec.Encode(data, 'R'),
        MultibaseEncoding.Base256Emoji => Base256EmojiCodec.Encode(data),
        _ => EncodeBits(BitCodec(encoding) ?? throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown multibase encoding."), (char)encoding, data),
    };

    public static (MultibaseEncoding Encoding, byte[] Data) Decode(string multibase)
    {
        if (multibase.Length == 0)
        {
            throw new MultibaseException("Empty multibase string: no prefix.", 0, null);
        }

        if (char.IsHighSurrogate(multibase[0]) && multibase.Length > 1 && char.ConvertToUtf32(multibase[0], multibase[1]) == (int)MultibaseEncoding.Base256Emoji)
        {
            return (MultibaseEncoding.Base256Emoji, Base256EmojiCodec.Decode(multibase.AsSpan(2), 2));
        }

        var encoding = (MultibaseEncoding)multibase[0];
        var text = multibase.AsSpan(1);
        var data = encoding switch
        {
            MultibaseEncoding.Base10 => Base10.Decode(text, 1),
            MultibaseEncoding.Base36 => Base36.Decode(text, 1),
            MultibaseEncoding.Base36Upper => Base36Upper.Decode(text, 1),
            MultibaseEncoding.Base58Btc => Base58Btc.Decode(text, 1),
            MultibaseEncoding.Base58Flickr => Base58Flickr.Decode(text, 1),
            MultibaseEncoding.Base45 => Base45Codec.Decode(text, 1),
            _ => (BitCodec(encoding) ?? throw UnknownPrefix(multibase)).Decode(text, 1),
        };
        return (encoding, data);
    }

    public static string Name(MultibaseEncoding encoding) => encoding.ToString().ToLowerInvariant();

    public static bool TryParseName(string name, out MultibaseEncoding encoding)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                encoding = candidate;
                return true;
            }
        }

        encoding = default;
        return false;
    }

    /// <summary>An error naming the character at <paramref name="index"/> of <paramref name="text"/> (which starts at <paramref name="offset"/>).</summary>
    public static MultibaseException InvalidCharacter(ReadOnlySpan<char> text, int index, int offset)
    {
        var length = char.IsHighSurrogate(text[index]) && index + 1 < text.Length ? 2 : 1;
        var character = text.Slice(index, length).ToString();
        var code = length == 2 ? char.ConvertToUtf32(text[index], text[index + 1]) : text[index];
        return new MultibaseException(
            string.Create(CultureInfo.InvariantCulture, $"Invalid character '{character}' (U+{code:X4}) at position {offset + index}."),
            offset + index,
            character);
    }

    private static MultibaseException UnknownPrefix(string multibase)
    {
        var length = char.IsHighSurrogate(multibase[0]) && multibase.Length > 1 ? 2 : 1;
        var prefix = multibase[..length];
        var code = length == 2 ? char.ConvertToUtf32(multibase[0], multibase[1]) : multibase[0];
        return new MultibaseException(string.Create(CultureInfo.InvariantCulture, $"Unknown multibase prefix '{prefix}' (U+{code:X4})."), 0, prefix);
    }

    private static Rfc4648Codec? BitCodec(MultibaseEncoding encoding) => encoding switch
    {
        MultibaseEncoding.Base2 => Base2,
        MultibaseEncoding.Base8 => Base8,
        MultibaseEncoding.Base16 => Base16,
        MultibaseEncoding.Base16Upper => Base16Upper,
        MultibaseEncoding.Base32 => Base32,
        MultibaseEncoding.Base32Upper => Base32Upper,
        MultibaseEncoding.Base32Pad => Base32Pad,
        MultibaseEncoding.Base32PadUpper => Base32PadUpper,
        MultibaseEncoding.Base32Hex => Base32Hex,
        MultibaseEncoding.Base32HexUpper => Base32HexUpper,
        MultibaseEncoding.Base32HexPad => Base32HexPad,
        MultibaseEncoding.Base32HexPadUpper => Base32HexPadUpper,
        MultibaseEncoding.Base32Z => Base32Z,
        MultibaseEncoding.Base64 => Base64,
        MultibaseEncoding.Base64Pad => Base64Pad,
        MultibaseEncoding.Base64Url => Base64Url,
        MultibaseEncoding.Base64UrlPad => Base64UrlPad,
        _ => null,
    };

    private static string EncodeBits(Rfc4648Codec codec, char prefix, ReadOnlySpan<byte> data)
    {
        var length = 1 + codec.EncodedLength(data.Length);
        Span<char> chars = length <= 1024 ? stackalloc char[length] : new char[length];
        chars[0] = prefix;
        codec.Encode(data, chars[1..]);
        return new string(chars);
    }
}
