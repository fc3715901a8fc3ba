using System.Globalization;
using System.Text.RegularExpressions;

namespace Tradeproof.Credentials;

/// <summary>
/// XML Schema 1.1 <c>dateTimeStamp</c> (a <c>dateTime</c> with a required time zone), the syntax VC Data
/// Model 2.0 §4.9 requires for <c>validFrom</c>/<c>validUntil</c> and VC Data Integrity for
/// <c>created</c>/<c>expires</c>. Years are four digits here (.NET's range); fractional seconds allowed.
/// </summary>
internal static partial class DateTimeSyntax
{
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length > 40 || !Pattern().IsMatch(text))
        {
            return false;
        }

        // "24:00:00" is valid XML Schema but means the next day; .NET refuses it, and so do we.
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
    }

    [GeneratedRegex(@"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
