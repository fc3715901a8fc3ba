using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tradeproof.JsonSchema.Compilation;

/// <summary>JSON Pointer (RFC 6901): escaping, and navigation in a JSON value.</summary>
internal static class JsonPointer
{
    public static string Escape(string token)
        => token.AsSpan().IndexOfAny('~', '/') < 0 ? token : token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Unescape(string token)
        => token.Contains('~', StringComparison.Ordinal) ? token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal) : token;

    /// <summary>The value at a pointer, or false when the pointer does not resolve.</summary>
    public static bool TryNavigate(JsonElement root, string pointer, out JsonElement value)
    {
        value = root;
        if (pointer.Length == 0)
        {
            return true;
        }

        if (pointer[0] != '/')
        {
            return false;
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = Unescape(raw);
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    if (!value.TryGetProperty(token, out value))
                    {
                        return false;
                    }

                    break;
                case JsonValueKind.Array:
                    if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                        || (token.Length > 1 && token[0] == '0') || index >= value.GetArrayLength())
                    {
                        return false;
                    }

                    value = value[index];
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>Writes segments as a JSON Pointer.</summary>
    public static void Append(StringBuilder builder, string segment) => builder.Append('/').Append(Escape(segment));
}
