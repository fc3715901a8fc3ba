using System.Globalization;
using System.Text.RegularExpressions;

namespace Tradeproof.JsonSchema.Evaluation;

/// <summary>
/// The format checks of Validation 7.3, used when format asserts. Unknown formats (and idn-email, idn-hostname,
/// uri-template) pass: Validation 7.2.3 lets an implementation not check a format it does not know.
/// </summary>
internal static partial class Formats
{
    public static bool IsKnown(string format) => format is "date-time" or "date" or "time" or "duration" or "email" or "hostname"
        or "ipv4" or "ipv6" or "uri" or "uri-reference" or "iri" or "iri-reference" or "uuid" or "json-pointer"
        or "relative-json-pointer" or "regex";

    public static bool Check(string format, string value) => format switch
    {
        "date-time" => IsDateTime(value),
        "date" => IsDate(value),
        "time" => IsTime(value),
        "duration" => DurationPattern().IsMatch(value),
        "email" => IsEmail(value),
        "hostname" => IsHostname(value),
        "ipv4" => IsIPv4(value),
        "ipv6" => IsIPv6(value),
        "uri" => IsUri(value, requireScheme: true, allowNonAscii: false),
        "uri-reference" => IsUri(value, requireScheme: false, allowNonAscii: false),
        "iri" => IsUri(value, requireScheme: true, allowNonAscii: true),
        "iri-reference" => IsUri(value, requireScheme: false, allowNonAscii: true),
        "uuid" => UuidPattern().IsMatch(value),
        "json-pointer" => IsJsonPointer(value),
        "relative-json-pointer" => IsRelativeJsonPointer(value),
        "regex" => EcmaRegex.IsValid(value),
        _ => true,
    };

    // RFC 3339 section 5.6: date-time = full-date "T" full-time.
    private static bool IsDateTime(string value)
    {
        var t = value.IndexOfAny(['T', 't']);
        return t == 10 && IsDate(value[..10]) && IsTime(value[11..]);
    }

    // RFC 3339: full-date = date-fullyear "-" date-month "-" date-mday, with the day valid for the month.
    private static bool IsDate(string value)
    {
        var m = DatePattern().Match(value);
        if (!m.Success)
        {
            return false;
        }

        var year = int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups[3].ValueSpan, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(year, 1), month);
    }

    // RFC 3339: full-time = partial-time time-offset; a leap second only at 23:59:60 UTC.
    private static bool IsTime(string value)
    {
        var m = TimePattern().Match(value);
        if (!m.Success)
        {
            return false;
        }

        var hour = int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        var minute = int.Parse(m.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
        var second = int.Parse(m.Groups[3].ValueSpan, CultureInfo.InvariantCulture);
        if (hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var offsetMinutes = 0;
        if (m.Groups[5].Success)
        {
            var offsetHour = int.Parse(m.Groups[6].ValueSpan, CultureInfo.InvariantCulture);
            var offsetMinute = int.Parse(m.Groups[7].ValueSpan, CultureInfo.InvariantCulture);
            if (offsetHour > 23 || offsetMinute > 59)
            {
                return false;
            }

            offsetMinutes = (offsetHour * 60) + offsetMinute;
            if (m.Groups[5].ValueSpan[0] == '+')
            {
                offsetMinutes = -offsetMinutes;
            }
        }

        if (second == 60)
        {
            var utc = ((((hour * 60) + minute + offsetMinutes) % 1440) + 1440) % 1440;
            return utc == (23 * 60) + 59;
        }

        return true;
    }

    // RFC 5321 section 4.1.2 Mailbox: Local-part "@" ( Domain / address-literal ).
    private static bool IsEmail(string value)
    {
        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1)
        {
            return false;
        }

        var local = value[..at];
        var domain = value[(at + 1)..];
        var localOk = local[0] == '"'
            ? QuotedLocalPattern().IsMatch(local)
            : DotAtomPattern().IsMatch(local);
        if (!localOk)
        {
            return false;
        }

        if (domain[0] == '[' && domain[^1] == ']')
        {
            var literal = domain[1..^1];
            return literal.StartsWith("IPv6:", StringComparison.Ordinal) ? IsIPv6(literal[5..]) : IsIPv4(literal);
        }

        return IsHostname(domain);
    }

    // RFC 1123 section 2.1: labels of letters, digits and hyphens, 1..63 octets, 253 in all.
    private static bool IsHostname(string value)
    {
        if (value.Length == 0 || value.Length > 253)
        {
            return false;
        }

        foreach (var label in value.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }

            // RFC 5891 4.2.3.1: "--" in the third and fourth positions only for A-labels ("xn--").
            if (label.Length >= 4 && label[2] == '-' && label[3] == '-' && !label.StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    // RFC 2673 section 3.2 dotted-quad, without leading zeros.
    private static bool IsIPv4(string value)
    {
        var parts = value.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            foreach (var c in part)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }
            }

            if (int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }

    // RFC 4291 section 2.2: eight groups of 1-4 hex digits, one "::", an optional trailing dotted-quad.
    private static bool IsIPv6(string value)
    {
        if (value.Length < 2)
        {
            return false;
        }

        var doubleColon = value.IndexOf("::", StringComparison.Ordinal);
        if (doubleColon >= 0 && value.IndexOf("::", doubleColon + 1, StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        string[] groups;
        if (doubleColon >= 0)
        {
            var head = value[..doubleColon];
            var tail = value[(doubleColon + 2)..];
            groups = [.. head.Length == 0 ? [] : head.Split(':'), .. tail.Length == 0 ? [] : tail.Split(':')];
        }
        else
        {
            groups = value.Split(':');
        }

        var count = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            if (i == groups.Length - 1 && group.Contains('.', StringComparison.Ordinal))
            {
                if (!IsIPv4(group))
                {
                    return false;
                }

                count += 2;
                continue;
            }

            if (group.Length is 0 or > 4)
            {
                return false;
            }

            foreach (var c in group)
            {
                if (!char.IsAsciiHexDigit(c))
                {
                    return false;
                }
            }

            count++;
        }

        return doubleColon >= 0 ? count <= 7 : count == 8;
    }

    // RFC 3986 (URI, URI-reference) and RFC 3987 (IRI, IRI-reference), checked component by component.
    private static bool IsUri(string value, bool requireScheme, bool allowNonAscii)
    {
        var m = UriPartsPattern().Match(value);
        if (!m.Success)
        {
            return false;
        }

        var scheme = m.Groups[2];
        if (scheme.Success)
        {
            if (!SchemePattern().IsMatch(scheme.Value))
            {
                return false;
            }
        }
        else if (requireScheme)
        {
            return false;
        }
        else
        {
            // A relative reference's first segment has no ':' (RFC 3986 4.2).
            var path = m.Groups[5].Value;
            var firstSlash = path.IndexOf('/', StringComparison.Ordinal);
            var first = firstSlash < 0 ? path : path[..firstSlash];
            if (!m.Groups[3].Success && first.Contains(':', StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (m.Groups[3].Success && !IsAuthority(m.Groups[4].Value, allowNonAscii))
        {
            return false;
        }

        return AreUriChars(m.Groups[5].Value, "/:@", allowNonAscii)
            && AreUriChars(m.Groups[7].Value, "/:@?", allowNonAscii)
            && AreUriChars(m.Groups[9].Value, "/:@?", allowNonAscii);
    }

    private static bool IsAuthority(string authority, bool allowNonAscii)
    {
        var at = authority.LastIndexOf('@');
        if (at >= 0 && !AreUriChars(authority[..at], ":", allowNonAscii))
        {
            return false;
        }

        var hostPort = authority[(at + 1)..];
        string host;
        string? port = null;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = hostPort[1..close];
            var rest = hostPort[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    return false;
                }

                port = rest[1..];
            }

            if (!IsIPv6(host) && !((host.StartsWith('v') || host.StartsWith('V')) && host.Contains('.', StringComparison.Ordinal)))
            {
                return false;
            }
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort[..colon];
            port = colon < 0 ? null : hostPort[(colon + 1)..];
            if (!AreUriChars(host, string.Empty, allowNonAscii))
            {
                return false;
            }
        }

        if (port is not null)
        {
            foreach (var c in port)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool AreUriChars(string text, string extra, bool allowNonAscii)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    return false;
                }

                i += 2;
                continue;
            }

            var ok = char.IsAsciiLetterOrDigit(c) || "-._~!$&'()*+,;=".Contains(c, StringComparison.Ordinal)
                || extra.Contains(c, StringComparison.Ordinal) || (allowNonAscii && c > 0x7F && !char.IsControl(c) && !char.IsWhiteSpace(c));
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    // RFC 6901 section 3.
    private static bool IsJsonPointer(string value)
    {
        if (value.Length > 0 && value[0] != '/')
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '~' && (i + 1 >= value.Length || (value[i + 1] != '0' && value[i + 1] != '1')))
            {
                return false;
            }
        }

        return true;
    }

    // draft-handrews-relative-json-pointer-01 section 3: non-negative-integer then "#" or a JSON Pointer.
    private static bool IsRelativeJsonPointer(string value)
    {
        var digits = 0;
        while (digits < value.Length && char.IsAsciiDigit(value[digits]))
        {
            digits++;
        }

        if (digits == 0 || (digits > 1 && value[0] == '0'))
        {
            return false;
        }

        var rest = value[digits..];
        return rest == "#" || IsJsonPointer(rest);
    }

    [GeneratedRegex(@"^([0-9]{4})-([0-9]{2})-([0-9]{2})\z")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(?:[Zz]|([+-])([0-9]{2}):([0-9]{2}))\z")]
    private static partial Regex TimePattern();

    // RFC 3339 Appendix A.
    [GeneratedRegex(@"^P(?:[0-9]+W|(?:[0-9]+Y(?:[0-9]+M(?:[0-9]+D)?)?|[0-9]+M(?:[0-9]+D)?|[0-9]+D)(?:T(?:[0-9]+H(?:[0-9]+M(?:[0-9]+S)?)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S))?|T(?:[0-9]+H(?:[0-9]+M(?:[0-9]+S)?)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S))\z")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\z")]
    private static partial Regex UuidPattern();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\z")]
    private static partial Regex DotAtomPattern();

    [GeneratedRegex(@"^""(?:[\x20-\x21\x23-\x5B\x5D-\x7E]|\\[\x20-\x7E])*""\z")]
    private static partial Regex QuotedLocalPattern();

    // RFC 3986 Appendix B.
    [GeneratedRegex(@"^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?\z", RegexOptions.Singleline)]
    private static partial Regex UriPartsPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*\z")]
    private static partial Regex SchemePattern();
}
