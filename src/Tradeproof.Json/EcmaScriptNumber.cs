using System.Globalization;

namespace Tradeproof.Json;

/// <summary>
/// ECMAScript "ToString Applied to the Number Type" (ECMA-262 6th edition §7.1.12.1, the edition RFC 8785
/// cites; today's Number::toString), the number serialization of RFC 8785 §3.2.2.3. Step numbers below are
/// those of §7.1.12.1. .NET's round-trip formatting ("R") already yields the shortest digits that round-trip
/// (and the closest such digits, as the note to step 5 asks); this file lays them out as ECMAScript does.
/// Checked against the 100,000 lines of cyberphone's ES6 number test file.
/// </summary>
internal static class EcmaScriptNumber
{
    /// <summary>The longest output: "-" + 17 digits + "." + "e-324"-style exponent, or "0.000000" + 17 digits.</summary>
    public const int MaxLength = 32;

    /// <summary>
    /// The canonical form of a plain decimal JSON literal, found without converting it to a double: a literal
    /// with no exponent, at most 15 significant digits, at most 21 integer digits and, below 1, at most 5 zeros
    /// after the point. Such a
    /// decimal is the shortest round-trip form of its double (any two decimals of at most 15 significant digits
    /// are different doubles, IEEE 754 §5.12.2), so Number::toString prints the same digits, in the same layout
    /// (steps 6 to 8), without trailing fraction zeros. The canonical form is then
    /// <c>literal.Slice(start, length)</c>; false when the literal needs the double.
    /// </summary>
    public static bool TryCanonicalLiteral(ReadOnlySpan<byte> literal, out int start, out int length)
    {
        start = 0;
        length = 0;
        var i = literal[0] == (byte)'-' ? 1 : 0;
        var significant = 0;
        var leadingZeros = literal[i] == (byte)'0';
        var zerosAfterPoint = 0;
        var point = -1;
        var lastNonZero = -1;
        for (; i < literal.Length; i++)
        {
            var c = literal[i];
            if (c == (byte)'.')
            {
                point = i;
                continue;
            }

            if ((uint)(c - '0') > 9)
            {
                return false; // An exponent.
            }

            if (c != (byte)'0')
            {
                leadingZeros = false;
                lastNonZero = i;
            }
            else if (leadingZeros && point >= 0)
            {
                zerosAfterPoint++;
            }

            if (!leadingZeros && ++significant > 15)
            {
                return false;
            }
        }

        if (lastNonZero < 0)
        {
            // Zero, whatever its sign and zeros: "0".
            start = literal[0] == (byte)'-' ? 1 : 0;
            length = 1;
            return true;
        }

        var sign = literal[0] == (byte)'-' ? 1 : 0;
        if (zerosAfterPoint > 5 || (point < 0 ? literal.Length : point) - sign > 21)
        {
            return false; // Below 1e-6 or from 1e21: exponent form (step 9).
        }

        // Drop trailing fraction zeros, and the point when no fraction digit remains.
        length = point < 0 ? literal.Length : lastNonZero < point ? point : lastNonZero + 1;
        return true;
    }

    /// <summary>Writes <paramref name="value"/> as ASCII into <paramref name="destination"/>; returns the length.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        // Steps 1 and 4: NaN and the infinities are not JSON (RFC 8785 §3.2.2.3 says to refuse them).
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN and infinities have no JSON form.");
        }

        // Step 2: +0 and -0 are "0".
        if (value == 0)
        {
            destination[0] = (byte)'0';
            return 1;
        }

        var position = 0;

        // Step 3: x < 0 gives "-" followed by Number::toString(-x).
        if (value < 0)
        {
            destination[position++] = (byte)'-';
            value = -value;
        }

        // Fast path: integers below 2^53 print all their digits (k <= n <= 21 case below).
        if (value < 9007199254740992d && value == Math.Floor(value))
        {
            ((long)value).TryFormat(destination[position..], out var written, default, CultureInfo.InvariantCulture);
            return position + written;
        }

        // Step 5: find k, n and s: the shortest digits s (k of them) with s × 10^(n-k) = x.
        Span<byte> formatted = stackalloc byte[MaxLength];
        value.TryFormat(formatted, out var length, "R", CultureInfo.InvariantCulture);
        Span<byte> digits = stackalloc byte[20];
        var k = 0;
        var pointAt = -1;
        var exponent = 0;
        var i = 0;
        for (; i < length; i++)
        {
            var c = formatted[i];
            if (c == (byte)'.')
            {
                pointAt = k;
            }
            else if (c is (byte)'E' or (byte)'e')
            {
                break;
            }
            else if (k == 0 && c == (byte)'0')
            {
                // Leading zeros carry no digit; they move the point.
                if (pointAt >= 0)
                {
                    exponent--;
                }
            }
            else
            {
                digits[k++] = c;
            }
        }

        if (i < length)
        {
            i++;
            var negative = formatted[i] == (byte)'-';
            if (formatted[i] is (byte)'-' or (byte)'+')
            {
                i++;
            }

            var e = 0;
            for (; i < length; i++)
            {
                e = (e * 10) + (formatted[i] - '0');
            }

            exponent += negative ? -e : e;
        }

        // n: the position of the decimal point relative to the first digit.
        var n = (pointAt < 0 ? k : pointAt) + exponent;
        if (pointAt == 0)
        {
            // "0.00123": the leading zeros after the point were counted in exponent.
            n = exponent;
        }

        while (k > 1 && digits[k - 1] == (byte)'0')
        {
            k--;
        }

        if (k <= n && n <= 21)
        {
            // Step 6: the k digits followed by n - k zeros.
            digits[..k].CopyTo(destination[position..]);
            position += k;
            destination.Slice(position, n - k).Fill((byte)'0');
            return position + n - k;
        }

        if (0 < n && n <= 21)
        {
            // Step 7: the first n digits, ".", the remaining k - n digits.
            digits[..n].CopyTo(destination[position..]);
            position += n;
            destination[position++] = (byte)'.';
            digits[n..k].CopyTo(destination[position..]);
            return position + k - n;
        }

        if (-6 < n && n <= 0)
        {
            // Step 8: "0.", -n zeros, the k digits.
            destination[position++] = (byte)'0';
            destination[position++] = (byte)'.';
            destination.Slice(position, -n).Fill((byte)'0');
            position += -n;
            digits[..k].CopyTo(destination[position..]);
            return position + k;
        }

        // Steps 9 and 10: exponent form, "d" or "d.ddd", then "e", the sign of n - 1, |n - 1|.
        destination[position++] = digits[0];
        if (k > 1)
        {
            destination[position++] = (byte)'.';
            digits[1..k].CopyTo(destination[position..]);
            position += k - 1;
        }

        destination[position++] = (byte)'e';
        destination[position++] = n - 1 < 0 ? (byte)'-' : (byte)'+';
        Math.Abs(n - 1).TryFormat(destination[position..], out var expLength, default, CultureInfo.InvariantCulture);
        return position + expLength;
    }
}
