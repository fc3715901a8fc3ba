namespace Tradeproof.Cryptography.Encoding;

/// <summary>
/// Base45, RFC 9285: each two bytes [a, b] as n = a*256 + b = c + d*45 + e*45*45, written c d e (§4); a last
/// single byte as two characters c d (§4). Decoding refuses groups whose value overflows (§6) and single
/// leftover characters.
/// </summary>
internal static class Base45Codec
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    public static string Encode(ReadOnlySpan<byte> data, char prefix)
    {
        var length = 1 + (data.Length / 2 * 3) + (data.Length % 2 * 2);
        Span<char> chars = length <= 512 ? stackalloc char[length] : new char[length];
        chars[0] = prefix;
        var o = 1;
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            var n = (data[i] * 256) + data[i + 1];
            chars[o++] = Alphabet[n % 45];
            chars[o++] = Alphabet[n / 45 % 45];
            chars[o++] = Alphabet[n / (45 * 45)];
        }

        if (i < data.Length)
        {
            chars[o++] = Alphabet[data[i] % 45];
            chars[o] = Alphabet[data[i] / 45];
        }

        return new string(chars);
    }

    public static byte[] Decode(ReadOnlySpan<char> text, int offset)
    {
        if (text.Length % 3 == 1)
        {
            throw new MultibaseException($"Bad base45 length: {text.Length} characters.", offset + text.Length - 1, text[^1].ToString());
        }

        var result = new byte[(text.Length / 3 * 2) + (text.Length % 3 == 2 ? 1 : 0)];
        var o = 0;
        for (var i = 0; i < text.Length; i += 3)
        {
            var width = Math.Min(3, text.Length - i);
            var n = 0;
            for (var j = width - 1; j >= 0; j--)
            {
                var value = Alphabet.IndexOf(text[i + j], StringComparison.Ordinal);
                if (value < 0)
                {
                    throw MultibaseCodecs.InvalidCharacter(text, i + j, offset);
                }

                n = (n * 45) + value;
            }

            if (n > (width == 3 ? 0xFFFF : 0xFF))
            {
                throw new MultibaseException($"Base45 group '{text.Slice(i, width)}' overflows.", offset + i, text.Slice(i, width).ToString());
            }

            if (width == 3)
            {
                result[o++] = (byte)(n >> 8);
            }

            result[o++] = (byte)n;
        }

        return result;
    }
}
