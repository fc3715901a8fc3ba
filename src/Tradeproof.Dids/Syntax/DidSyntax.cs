using System.Text;

namespace Tradeproof.Dids;

/// <summary>The DID Core §3.1 and §3.2 ABNF as a scanner (one pass, no regular expressions).</summary>
internal static class DidSyntax
{
    /// <summary>Maximum length of a DID or DID URL we accept (a safe limit, not in the spec).</summary>
    internal const int MaxLength = 8192;

    /// <summary>
    /// Scans a DID at <paramref name="start"/>; returns the index after it. On success the
    /// method name and the normalised method-specific id are returned and error is null.
    /// </summary>
    public static int ScanDid(string text, int start, out string? method, out string? methodSpecificId, out string? error)
    {
        method = null;
        methodSpecificId = null;
        error = null;
        if (text.Length - start > MaxLength)
        {
            error = $"A DID longer than {MaxLength} characters is refused.";
            return start;
        }

        if (!text.AsSpan(start).StartsWith("did:", StringComparison.Ordinal))
        {
            error = "A DID starts with 'did:'.";
            return start;
        }

        // method-name = 1*method-char, method-char = %x61-7A / DIGIT
        var i = start + 4;
        var methodStart = i;
        while (i < text.Length && (text[i] is >= 'a' and <= 'z' || char.IsAsciiDigit(text[i])))
        {
            i++;
        }

        if (i == methodStart || i >= text.Length || text[i] != ':')
        {
            error = "The method name must be lowercase letters and digits followed by ':'.";
            return i;
        }

        method = text[methodStart..i];
        i++;

        // method-specific-id = *( *idchar ":" ) 1*idchar
        var idStart = i;
        StringBuilder? normalised = null;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    error = $"Invalid percent-encoding at position {i}.";
                    return i;
                }

                if (char.IsAsciiLetterLower(text[i + 1]) || char.IsAsciiLetterLower(text[i + 2]))
                {
                    normalised ??= new StringBuilder(text, idStart, i - idStart, text.Length);
                    normalised.Append('%').Append(char.ToUpperInvariant(text[i + 1])).Append(char.ToUpperInvariant(text[i + 2]));
                    i += 3;
                    continue;
                }

                normalised?.Append(text, i, 3);
                i += 3;
                continue;
            }

            if (!IsIdChar(c) && c != ':')
            {
                break;
            }

            normalised?.Append(c);
            i++;
        }

        if (i == idStart || text[i - 1] == ':')
        {
            error = "The method-specific id must not be empty or end with ':'.";
            return i;
        }

        methodSpecificId = normalised?.ToString() ?? text[idStart..i];
        return i;
    }

    /// <summary>idchar = ALPHA / DIGIT / "." / "-" / "_" (pct-encoded handled by the caller).</summary>
    public static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_';

    /// <summary>RFC 3986 pchar without pct-encoded: unreserved / sub-delims / ":" / "@".</summary>
    public static bool IsPChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '@';

    /// <summary>
    /// Scans and normalises an RFC 3986 component made of pchar, pct-encoded and the extra
    /// characters allowed; stops at a character in <paramref name="stop"/>.
    /// </summary>
    public static int ScanComponent(string text, int start, string extra, string stop, StringBuilder output, out string? error)
    {
        error = null;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (stop.Contains(c, StringComparison.Ordinal))
            {
                break;
            }

            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    error = $"Invalid percent-encoding at position {i}.";
                    return i;
                }

                output.Append('%').Append(char.ToUpperInvariant(text[i + 1])).Append(char.ToUpperInvariant(text[i + 2]));
                i += 3;
                continue;
            }

            if (!IsPChar(c) && !extra.Contains(c, StringComparison.Ordinal))
            {
                error = $"Character '{c}' (U+{(int)c:X4}) is not allowed at position {i}.";
                return i;
            }

            output.Append(c);
            i++;
        }

        return i;
    }
}
