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

    private JsonNumber(double value) => _double = value;

    public static JsonNumber From(JsonElement number)
    {
        if (number.TryGetDecimal(out var d))
        {
            return new JsonNumber(d);
        }

        return number.TryGetDouble(out var x) ? new JsonNumber(x) : new JsonNumber(double.Parse(number.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    public bool IsInteger => _isDecimal ? decimal.Truncate(_decimal) == _decimal : double.IsFinite(_double) && Math.Floor(_double) == _double;

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
