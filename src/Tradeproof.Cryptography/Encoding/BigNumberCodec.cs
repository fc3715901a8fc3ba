namespace Tradeproof.Cryptography.Encoding;

/// <summary>
/// The big-number encodings: base10 (multibase rfcs/Base10.md), base36 (rfcs/Base36.md) and base58
/// (draft-msporny-base58): the bytes read as one big-endian number written in the base, with one
/// zero character (the alphabet's first) per leading zero byte. Arithmetic runs on 32-bit limbs holding
/// base^k per limb (58^5, 36^6, 10^9), so 32 to 64 byte keys take a few hundred multiply-adds.
/// </summary>
internal sealed class BigNumberCodec<TRadix>
    where TRadix : struct, IRadix
{
    private readonly string _alphabet;
    private readonly sbyte[] _values = new sbyte[128];
    private readonly uint[] _powers;

    public BigNumberCodec(string alphabet, bool caseInsensitive)
    {
        _alphabet = alphabet;
        if (alphabet.Length != TRadix.Base)
        {
            throw new ArgumentException("The alphabet does not fit the radix.", nameof(alphabet));
        }

        _powers = new uint[TRadix.DigitsPerLimb + 1];
        _powers[0] = 1;
        for (var i = 1; i <= TRadix.DigitsPerLimb; i++)
        {
            _powers[i] = _powers[i - 1] * TRadix.Base;
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
        var maxLimbs = (int)(rest.Length * 8 / Math.Log2(TRadix.LimbBase)) + 2;
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
                carry = x / TRadix.LimbBase;
                limbs[l] = (uint)(x - (carry * TRadix.LimbBase));
            }

            while (carry > 0)
            {
                var next = carry / TRadix.LimbBase;
                limbs[used++] = (uint)(carry - (next * TRadix.LimbBase));
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
                top /= TRadix.Base;
                topDigits++;
            }
        }

        var digitCount = used == 0 ? 0 : topDigits + ((used - 1) * TRadix.DigitsPerLimb);
        var total = 1 + zeros + digitCount;
        Span<char> chars = total <= 512 ? stackalloc char[total] : new char[total];
        chars[0] = prefix;
        chars.Slice(1, zeros).Fill(_alphabet[0]);
        var o = total - 1;
        for (var l = 0; l < used; l++)
        {
            var limb = limbs[l];
            var last = l == used - 1;
            for (var d = 0; d < TRadix.DigitsPerLimb && (!last || limb > 0); d++)
            {
                var q = limb / TRadix.Base;
                chars[o--] = _alphabet[(int)(limb - (q * TRadix.Base))];
                limb = q;
            }
        }

        return new string(chars);
    }

    public byte[] Decode(ReadOnlySpan<char> text, int offset)
    {
        // Big-number decoding is quadratic in the length: refuse what no key or signature needs.
        if (text.Length > Multibase.MaxBigNumberLength)
        {
            throw new MultibaseException($"Too long for a big-number encoding: {text.Length} characters (limit {Multibase.MaxBigNumberLength}).", offset + Multibase.MaxBigNumberLength, null);
        }

        var zeros = 0;
        while (zeros < text.Length && text[zeros] == _alphabet[0])
        {
            zeros++;
        }

        var digits = text[zeros..];

        // The number in 32-bit limbs, least significant first.
        var maxLimbs = (int)(digits.Length * Math.Log2(TRadix.Base) / 32) + 2;
        Span<uint> limbs = maxLimbs <= 256 ? stackalloc uint[maxLimbs] : new uint[maxLimbs];
        var used = 0;
        var i = 0;
        var head = digits.Length % TRadix.DigitsPerLimb;
        while (i < digits.Length)
        {
            var width = i == 0 && head != 0 ? head : TRadix.DigitsPerLimb;
            uint group = 0;
            for (var j = 0; j < width; j++)
            {
                var c = digits[i + j];
                var value = c < 128 ? _values[c] : -1;
                if (value < 0)
                {
                    throw MultibaseCodecs.InvalidCharacter(text, zeros + i + j, offset);
                }

                group = (group * TRadix.Base) + (uint)value;
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

/// <summary>
/// A base and its limb size as compile-time constants, so that the JIT turns the divisions of
/// <see cref="BigNumberCodec{TRadix}"/> into multiplications.
/// </summary>
internal interface IRadix
{
    /// <summary>The base: 10, 36 or 58.</summary>
    static abstract uint Base { get; }

    /// <summary>Base^DigitsPerLimb, the largest power of the base in 32 bits.</summary>
    static abstract uint LimbBase { get; }

    /// <summary>Digits per 32-bit limb.</summary>
    static abstract int DigitsPerLimb { get; }
}

internal readonly struct Radix10 : IRadix
{
    public static uint Base => 10;

    public static uint LimbBase => 1_000_000_000;

    public static int DigitsPerLimb => 9;
}

internal readonly struct Radix36 : IRadix
{
    public static uint Base => 36;

    public static uint LimbBase => 2_176_782_336;

    public static int DigitsPerLimb => 6;
}

internal readonly struct Radix58 : IRadix
{
    public static uint Base => 58;

    public static uint LimbBase => 656_356_768;

    public static int DigitsPerLimb => 5;
}
