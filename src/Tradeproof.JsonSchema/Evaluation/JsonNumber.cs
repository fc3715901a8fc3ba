using System.Globalization;
using System.Text.Json;

namespace Tradeproof.JsonSchema.Evaluation;

/// <summary>
/// A JSON number compared exactly where possible: as a decimal (28 significant digits, so 1.0 == 1 and
/// 0.1 + 0.2 style errors do not occur), and as a double only beyond the decimal range.
/// </summary>
internal readonly struct JsonNumber
{
    private readonly decimal _decimal;
    private readonly bool _isDecimal;
    private readonly double _double;

    private JsonNumber(decimal value)
    {
        _decimal = value;
        _isDecimal = true;
        _double = (double)value;
    }

    private readonly bool _isIntegerText;

    private JsonNumber(double value, bool isIntegerText)
    {
        _double = value;
        _isIntegerText = isIntegerText;
    }

    public static JsonNumber From(JsonElement number)
    {
        // Integers (the common case) parse fastest as long.
        if (number.TryGetInt64(out var l))
        {
            return new JsonNumber((decimal)l);
        }

        if (number.TryGetDecimal(out var d))
        {
            return new JsonNumber(d);
        }

        // Beyond decimal: a double for comparisons (past 1.8e308 every number is infinite and they compare equal),
        // and the text decides whether the value is an integer, so 1e400 is one.
        var text = number.GetRawText();
        var value = number.TryGetDouble(out var x) ? x : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return new JsonNumber(value, IsIntegerText(text));
    }

    // RFC 8259 number text: the fraction digits that are not trailing zeros must fit in the exponent.
    private static bool IsIntegerText(string text)
    {
        var e = text.AsSpan().IndexOfAny('e', 'E');
        var mantissa = e < 0 ? text.AsSpan() : text.AsSpan(0, e);
        long exponent = 0;
        if (e >= 0 && !long.TryParse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            return text[e + 1] != '-';
        }

        var dot = mantissa.IndexOf('.');
        var fraction = dot < 0 ? [] : mantissa[(dot + 1)..].TrimEnd('0');
        if (fraction.Length == 0 && exponent >= 0)
        {
            return true;
        }

        var integer = (dot < 0 ? mantissa : mantissa[..dot]).TrimStart('-').TrimStart('0');
        if (integer.Length == 0 && fraction.Length == 0)
        {
            return true;
        }

        // Trailing zeros of the integer part absorb a negative exponent.
        var zeros = integer.Length - integer.TrimEnd('0').Length;
        return fraction.Length == 0 ? -exponent <= zeros : fraction.Length <= exponent;
    }

    public bool IsInteger => _isDecimal ? decimal.Truncate(_decimal) == _decimal : _isIntegerText;

    public bool IsPositive => _isDecimal ? _decimal > 0 : _double > 0;

    public bool IsNonNegativeInteger => IsInteger && (_isDecimal ? _decimal >= 0 : _double >= 0);

    /// <summary>The value as an int, saturated (for lengths and counts).</summary>
    public long ToCount() => _isDecimal ? (_decimal > long.MaxValue ? long.MaxValue : (long)_decimal) : (_double > long.MaxValue ? long.MaxValue : (long)_double);

    public static int Compare(in JsonNumber a, in JsonNumber b)
        => a._isDecimal && b._isDecimal ? decimal.Compare(a._decimal, b._decimal) : a._double.CompareTo(b._double);

    /// <summary>True when <paramref name="value"/> divided by <paramref name="divisor"/> is an integer (Validation 6.2.1).</summary>
    public static bool IsMultipleOf(in JsonNumber value, in JsonNumber divisor)
    {
        if (value._isDecimal && divisor._isDecimal)
        {
            try
            {
                return value._decimal % divisor._decimal == 0;
            }
            catch (OverflowException)
            {
                // Falls through to doubles.
            }
        }

        if (double.IsInfinity(value._double))
        {
            return false;
        }

        var quotient = value._double / divisor._double;
        return double.IsInfinity(quotient) ? value._double % divisor._double == 0 : Math.Floor(quotient) == quotient;
    }

    public override string ToString() => _isDecimal ? _decimal.ToString(CultureInfo.InvariantCulture) : _double.ToString("R", CultureInfo.InvariantCulture);
}
