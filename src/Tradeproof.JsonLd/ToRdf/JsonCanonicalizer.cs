using System.Globalization;
using System.Text;
using Tradeproof.JsonLd.Json;

namespace Tradeproof.JsonLd.ToRdf;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785) over the internal JSON tree, for <c>rdf:JSON</c>
/// literals (JSON-LD 1.1 API §8.2.2 step 8): members sorted by UTF-16 code units, numbers in the
/// ECMAScript form, strings with only the required escapes.
/// </summary>
internal static class JsonCanonicalizer
{
    public static string Canonicalize(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case double d:
                sb.Append(JsonTree.FormatNumber(d));
                break;
            case string s:
                WriteString(sb, s);
                break;
            case List<object?> list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Write(sb, list[i]);
                }

                sb.Append(']');
                break;
            case Dictionary<string, object?> map:
                var keys = map.Keys.ToArray();
                Array.Sort(keys, StringComparer.Ordinal);
                sb.Append('{');
                for (var i = 0; i < keys.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    WriteString(sb, keys[i]);
                    sb.Append(':');
                    Write(sb, map[keys[i]]);
                }

                sb.Append('}');
                break;
            default:
                throw new ArgumentException("Not a JSON tree value.", nameof(value));
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
