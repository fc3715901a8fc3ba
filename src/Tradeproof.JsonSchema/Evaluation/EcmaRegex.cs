using System.Text;
using System.Text.RegularExpressions;

namespace Tradeproof.JsonSchema.Evaluation;

/// <summary>
/// ECMA-262 regular expressions (Validation 6.3.3, Core 6.4) on .NET's engine. RegexOptions.ECMAScript refuses
/// too much (lookbehind, Unicode classes), so the pattern is translated instead:
/// <list type="bullet">
/// <item><c>\d \D \w \W</c> are ASCII (ECMA-262 22.2.2.9) and <c>\s \S</c> use ECMA-262's whitespace set;</item>
/// <item><c>.</c> excludes all four ECMA-262 line terminators; <c>$</c> is the end of input only (.NET's also
/// matches before a final newline);</item>
/// <item><c>[^]</c> matches any character, <c>[]</c> none; <c>\u{...}</c> becomes the UTF-16 sequence.</item>
/// </list>
/// <c>.</c> matches a whole surrogate pair, and a character outside the BMP written in the pattern is one atom.
/// Deviations left: a character class cannot hold a character outside the BMP (.NET classes are of UTF-16 code
/// units), nor do negated classes and <c>\S</c> consume a whole pair; <c>\D \W \S</c> inside a class keep .NET's Unicode meaning;
/// long General_Category names are mapped to .NET's short ones (<c>\p{Letter}</c> is <c>\p{L}</c>); <c>\p{Script=...}</c> is unsupported.
/// </summary>
internal static class EcmaRegex
{
    private const string Space = @"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

    // Compiled regular expressions, shared by every schema of the process (bounded: past the bound, new patterns
    // are interpreted and not cached). Regex is thread-safe.
    private const int CacheLimit = 512;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, TimeSpan), Regex> Cache = new();

    public static Regex Create(string pattern, TimeSpan timeout)
    {
        if (Cache.TryGetValue((pattern, timeout), out var cached))
        {
            return cached;
        }

        var translated = Translate(pattern);
        if (Cache.Count >= CacheLimit)
        {
            return new Regex(translated, RegexOptions.CultureInvariant, timeout);
        }

        return Cache.GetOrAdd((pattern, timeout), _ => new Regex(translated, RegexOptions.CultureInvariant | RegexOptions.Compiled, timeout));
    }

    public static bool IsValid(string pattern)
    {
        try
        {
            _ = new Regex(Translate(pattern), RegexOptions.CultureInvariant);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // (?: (?= (?! (?<= (?<! (?<name>
    private static bool IsEcmaGroup(string pattern, int at)
        => pattern[at] is ':' or '=' or '!' || (pattern[at] == '<' && at + 1 < pattern.Length);

    // ECMA-262 Unicode property names (General_Category long names) to .NET's short names.
    private static string PropertyName(string name)
    {
        var eq = name.IndexOf('=', StringComparison.Ordinal);
        if (eq >= 0 && name[..eq] is "General_Category" or "gc")
        {
            name = name[(eq + 1)..];
        }

        return name switch
        {
            "Letter" => "L",
            "Cased_Letter" => "L",
            "Uppercase_Letter" => "Lu",
            "Lowercase_Letter" => "Ll",
            "Titlecase_Letter" => "Lt",
            "Modifier_Letter" => "Lm",
            "Other_Letter" => "Lo",
            "Mark" or "Combining_Mark" => "M",
            "Nonspacing_Mark" => "Mn",
            "Spacing_Mark" => "Mc",
            "Enclosing_Mark" => "Me",
            "Number" => "N",
            "Decimal_Number" or "digit" => "Nd",
            "Letter_Number" => "Nl",
            "Other_Number" => "No",
            "Punctuation" or "punct" => "P",
            "Connector_Punctuation" => "Pc",
            "Dash_Punctuation" => "Pd",
            "Open_Punctuation" => "Ps",
            "Close_Punctuation" => "Pe",
            "Initial_Punctuation" => "Pi",
            "Final_Punctuation" => "Pf",
            "Other_Punctuation" => "Po",
            "Symbol" => "S",
            "Math_Symbol" => "Sm",
            "Currency_Symbol" => "Sc",
            "Modifier_Symbol" => "Sk",
            "Other_Symbol" => "So",
            "Separator" => "Z",
            "Space_Separator" => "Zs",
            "Line_Separator" => "Zl",
            "Paragraph_Separator" => "Zp",
            "Other" => "C",
            "Control" or "cntrl" => "Cc",
            "Format" => "Cf",
            "Surrogate" => "Cs",
            "Private_Use" => "Co",
            "Unassigned" => "Cn",
            _ => name,
        };
    }

    public static string Translate(string pattern)
    {
        var builder = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                switch (next)
                {
                    case 'd':
                        builder.Append(inClass ? "0-9" : "[0-9]");
                        break;
                    case 'D' when !inClass:
                        builder.Append("[^0-9]");
                        break;
                    case 'w':
                        builder.Append(inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]");
                        break;
                    case 'W' when !inClass:
                        builder.Append("[^a-zA-Z0-9_]");
                        break;
                    case 's':
                        builder.Append(inClass ? Space : "[" + Space + "]");
                        break;
                    case 'S' when !inClass:
                        builder.Append("[^" + Space + "]");
                        break;
                    case 'u' when i + 1 < pattern.Length && pattern[i + 1] == '{':
                        var close = pattern.IndexOf('}', i + 2);
                        if (close < 0 || !int.TryParse(pattern.AsSpan(i + 2, close - i - 2), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code) || code > 0x10FFFF)
                        {
                            throw new ArgumentException("Invalid \\u{...} escape in pattern.", nameof(pattern));
                        }

                        builder.Append(inClass ? string.Empty : "(?:");
                        foreach (var unit in char.ConvertFromUtf32(code))
                        {
                            builder.Append(@"\u").Append(((int)unit).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                        }

                        builder.Append(inClass ? string.Empty : ")");

                        i = close;
                        break;
                    case 'p' or 'P' when i + 1 < pattern.Length && pattern[i + 1] == '{':
                        var end = pattern.IndexOf('}', i + 2);
                        if (end < 0)
                        {
                            throw new ArgumentException("Unclosed \\p{...} in pattern.", nameof(pattern));
                        }

                        builder.Append('\\').Append(next).Append('{').Append(PropertyName(pattern[(i + 2)..end])).Append('}');
                        i = end;
                        break;
                    case >= 'a' and <= 'z' or >= 'A' and <= 'Z' when !"bBfnrtvcxukpPdDwWsS".Contains(next, StringComparison.Ordinal):
                        // ECMA-262 with the u flag allows no identity escape of a letter (22.2.1 IdentityEscape).
                        throw new ArgumentException($"Invalid escape \\{next} in an ECMA-262 pattern.", nameof(pattern));
                    default:
                        builder.Append('\\').Append(next);
                        break;
                }

                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }

                builder.Append(c);
                continue;
            }

            switch (c)
            {
                case '(' when i + 2 < pattern.Length && pattern[i + 1] == '?' && !IsEcmaGroup(pattern, i + 2):
                    // Inline flags (?i) and comments (?#...) are .NET, not ECMA-262.
                    throw new ArgumentException("Unsupported group construct in an ECMA-262 pattern.", nameof(pattern));
                case '[':
                    if (string.CompareOrdinal(pattern, i, "[^]", 0, 3) == 0)
                    {
                        builder.Append(@"[\s\S]");
                        i += 2;
                    }
                    else if (string.CompareOrdinal(pattern, i, "[]", 0, 2) == 0)
                    {
                        builder.Append("(?!)");
                        i += 1;
                    }
                    else
                    {
                        inClass = true;
                        builder.Append(c);
                        if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                        {
                            builder.Append('^');
                            i++;
                        }

                        // A ']' first in an ECMA-262 class ends it (empty class); handled above.
                    }

                    break;
                case '.':
                    // A code point: a surrogate pair, or one other code unit but a line terminator.
                    builder.Append(@"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\n\r\u2028\u2029])");
                    break;
                case var high when char.IsHighSurrogate(high) && i + 1 < pattern.Length && char.IsLowSurrogate(pattern[i + 1]):
                    // A character outside the BMP is one atom, so a quantifier after it repeats the whole pair.
                    builder.Append("(?:").Append(high).Append(pattern[++i]).Append(')');
                    break;
                case '$':
                    builder.Append(@"\z");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
