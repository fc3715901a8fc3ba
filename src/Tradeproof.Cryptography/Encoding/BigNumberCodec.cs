namespace Tradeproof.Cryptography.Encoding;

/// <summary>
/// The big-number encodings: base10 (multibase rfcs/Base10.md), base36 (rfcs/Base36.md) and base58
/// (draft-msporny-base58): the bytes read as one big-endian number written in the base, with one
/// zero character (the alphabet's first) per leading zero byte. Arithmetic runs on 32-bit limbs holding
/// base^k per limb (58^5, 36^6, 10^9), so 32 to 64 byte keys take a few hundred multiply-adds.
/// </summary>
internal sealed class BigNumberCodec
{
    private readonly string _alphabet;
    private readonly uint _base;
    private readonly int _digitsPerLimb;
    private readonly uint _limbBase;
    private readonly sbyte[] _values = new sbyte[128];
    private readonly uint[] _powers;

    public BigNumberCodec(string alphabet, bool caseInsensitive)
    {
        _alphabet = alphabet;
        _base = (uint)alphabet.Length;
        ulong power = 1;
        var k = 0;
        while (power * _base <= uint.MaxValue)
        {
            power *= _base;
            k++;
        }

        _digitsPerLimb = k;
        _limbBase = (uint)power;
        _powers = new uint[k + 1];
        _powers[0] = 1;
        for (var i = 1; i <= k; i++)
        {
            _powers[i] = _powers[i - 1] * _base;
        }

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

    public string Encode(ReadOnlySpan<byte> data, char prefix)
    {
        var zeros = data.IndexOfAnyExcept((byte)0);
        if (zeros < 0)
        {
            zeros = data.Length;
        }

        var rest = data[zeros..];

        // The number in limbs of base^k, least significant first; log(256)/log(base^k) limbs per byte at most.
        var maxLimbs = (int)(rest.Length * 8 / Math.Log2(_limbBase)) + 2;
        Span<uint> limbs = maxLimbs <= 256 ? stackalloc uint[maxLimbs] : new uint[maxLimbs];
        var used = 0;
        var i = 0;
        var head = rest.Length % 4;
        while (i < rest.Length)
        {
            // Take the leading partial word first, then whole 32-bit big-endian words.
            var width = i == 0 && head != 0 ? head : 4;
            ulong word = 0;
            for (var j = 0; j < width; j++)
            {
                word = (word << 8) | rest[i + j];
            }

            i += width;
            var carry = word;
            var shift = 8 * width;
            for (var l = 0; l < used; l++)
            {
                var x = ((ulong)limbs[l] << shift) + carry;
                carry = x / _limbBase;
                limbs[l] = (uint)(x - (carry * _limbBase));
            }

            while (carry > 0)
            {
                var next = carry / _limbBase;
                limbs[used++] = (uint)(carry - (next * _limbBase));
                carry = next;
            }
        }

        // Digits: the top limb without leading zeros, the others with k digits each.
        var topDigits = 0;
        if (used > 0)
        {
            var top = limbs[used - 1];
            while (top > 0)
            {
                top /= _base;
                topDigits++;
            }
        }

        var digitCount = used == 0 ? 0 : topDigits + ((used - 1) * _digitsPerLimb);
        var total = 1 + zeros + digitCount;
        Span<char> chars = total <= 512 ? stackalloc char[total] : new char[total];
        chars[0] = prefix;
        chars.Slice(1, zeros).Fill(_alphabet[0]);
        var o = total - 1;
        for (var l = 0; l < used; l++)
        {
            var limb = limbs[l];
            var last = l == used - 1;
            for (var d = 0; d < _digitsPerLimb && (!last || limb > 0); d++)
            {
                var q = limb / _base;
                chars[o--] = _alphabet[(int)(limb - (q * _base))];
                limb = q;
            }
        }

        return new string(chars);
    }

    public byte[] Decode(ReadOnlySpan<char> text, int offset)
    {
        var zeros = 0;
        while (zeros < text.Length && text[zeros] == _alphabet[0])
        {
            zeros++;
        }

        var digits = text[zeros..];

        // The number in 32-bit limbs, least significant first.
        var maxLimbs = (int)(digits.Length * Math.Log2(_base) / 32) + 2;
        Span<uint> limbs = maxLimbs <= 256 ? stackalloc uint[maxLimbs] : new uint[maxLimbs];
        var used = 0;
        var i = 0;
        var head = digits.Length % _digitsPerLimb;
        while (i < digits.Length)
        {
            var width = i == 0 && head != 0 ? head : _digitsPerLimb;
            uint group = 0;
            for (var j = 0; j < width; j++)
            {
                var c = digits[i + j];
                var value = c < 128 ? _values[c] : -1;
                if (value < 0)
                {
                    throw MultibaseCodecs.InvalidCharacter(text, zeros + i + j, offset);
                }

                group = (group * _base) + (uint)value;
            }

            i += width;
            ulong carry = group;
            ulong multiplier = _powers[width];
            for (var l = 0; l < used; l++)
            {
                var x = (limbs[l] * multiplier) + carry;
                limbs[l] = (uint)x;
                carry = x >> 32;
            }

            if (carry > 0)
            {
                limbs[used++] = (uint)carry;
            }
        }

        var byteCount = 0;
        if (used > 0)
        {
            var top = limbs[used - 1];
            var topBytes = 4 - (System.Numerics.BitOperations.LeadingZeroCount(top) / 8);
            byteCount = topBytes + ((used - 1) * 4);
        }

        var result = new byte[zeros + byteCount];
        var o = result.Length - 1;
        for (var l = 0; l < used; l++)
        {
            var limb = limbs[l];
            for (var b = 0; b < 4 && o >= zeros; b++)
            {
                result[o--] = (byte)limb;
                limb >>= 8;
            }
        }

        return result;
    }
}
