namespace Tradeproof.Cryptography.Encoding;

/// <summary>
/// The bit-group encodings of RFC 4648 and their multibase relatives: each character carries
/// <see cref="_bitsPerChar"/> bits, most significant first; base2 (1 bit, multibase rfcs/Base2.md),
/// base8 (3 bits, rfcs/Base8.md), base16 (RFC 4648 §8), base32 and base32hex (§6, §7), z-base-32 and base64
/// and base64url (§4, §5). Padding, when the variant has it, fills the last group of characters with '='.
/// Decoding is strict: the bits left over after the last whole byte must be zero (RFC 4648 §3.5), so each
/// byte string has exactly one encoding per variant.
/// </summary>
internal sealed class Rfc4648Codec
{
    private readonly string _alphabet;
    private readonly int _bitsPerChar;
    private readonly bool _pad;
    private readonly sbyte[] _values = new sbyte[128];

    public Rfc4648Codec(string alphabet, int bitsPerChar, bool pad, bool caseInsensitive)
    {
        _alphabet = alphabet;
        _bitsPerChar = bitsPerChar;
        _pad = pad;
        Array.Fill(_values, (sbyte)-1);
        for (var i = 0; i < alphabet.Length; i++)
        {
            _values[alphabet[i]] = (sbyte)i;
            if (caseInsensitive && char.IsAsciiLetter(alphabet[i]))
            {
                _values[alphabet[i] ^ 0x20] = (sbyte)i;
            }
        }
    }

    /// <summary>Characters in one padded group: 8 for base32 (40 bits), 4 for base64 (24 bits).</summary>
    private int GroupChars => _bitsPerChar switch { 5 => 8, 6 => 4, 3 => 8, _ => 1 };

    public int EncodedLength(int byteCount)
    {
        var chars = (int)(((8L * byteCount) + _bitsPerChar - 1) / _bitsPerChar);
        if (_pad)
        {
            var group = GroupChars;
            chars = (chars + group - 1) / group * group;
        }

        return chars;
    }

    public void Encode(ReadOnlySpan<byte> data, Span<char> destination)
    {
        var mask = (1 << _bitsPerChar) - 1;
        var buffer = 0;
        var bits = 0;
        var o = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= _bitsPerChar)
            {
                bits -= _bitsPerChar;
                destination[o++] = _alphabet[(buffer >> bits) & mask];
            }

            buffer &= (1 << bits) - 1;
        }

        if (bits > 0)
        {
            destination[o++] = _alphabet[(buffer << (_bitsPerChar - bits)) & mask];
        }

        while (o < destination.Length)
        {
            destination[o++] = '=';
        }
    }

    /// <summary>Decodes <paramref name="text"/>; positions in errors are offset by <paramref name="offset"/> (the prefix).</summary>
    public byte[] Decode(ReadOnlySpan<char> text, int offset)
    {
        var length = text.Length;
        if (_pad)
        {
            while (length > 0 && text[length - 1] == '=')
            {
                length--;
            }

            if (EncodedLength((int)((long)length * _bitsPerChar / 8)) != text.Length)
            {
                throw new MultibaseException($"Bad padding: {text.Length - length} '=' after {length} characters.", offset + length, null);
            }
        }

        var result = new byte[(int)((long)length * _bitsPerChar / 8)];
        var buffer = 0;
        var bits = 0;
        var o = 0;
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            var value = c < 128 ? _values[c] : -1;
            if (value < 0)
            {
                throw MultibaseCodecs.InvalidCharacter(text, i, offset);
            }

            buffer = (buffer << _bitsPerChar) | value;
            bits += _bitsPerChar;
            if (bits >= 8)
            {
                bits -= 8;
                result[o++] = (byte)(buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }

        if (bits >= _bitsPerChar || buffer != 0)
        {
            throw new MultibaseException(
                bits >= _bitsPerChar ? $"Bad length: {length} characters do not end on a byte." : "Non-zero bits after the last byte (not a canonical encoding).",
                offset + length - 1,
                length > 0 ? text[length - 1].ToString() : null);
        }

        return result;
    }
}
