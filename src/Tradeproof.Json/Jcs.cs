using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tradeproof.Json;

/// <summary>
/// JSON Canonicalization Scheme (RFC 8785): members sorted by UTF-16 code units, numbers as ECMAScript
/// <c>Number.prototype.toString</c>, strings with only the required escapes, no whitespace. Input that is not
/// I-JSON (lone surrogates, duplicate members, numbers beyond double range, invalid UTF-8) is refused with a
/// <see cref="JsonInputException"/>.
/// </summary>
public static class Jcs
{
    /// <summary>Canonicalizes UTF-8 JSON into canonical UTF-8 bytes.</summary>
    /// <exception cref="JsonInputException">The input is refused.</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json, JcsOptions? options = null)
        => JcsCanonicalizer.Canonicalize(utf8Json, options ?? JcsOptions.Default);

    /// <summary>Canonicalizes UTF-8 JSON, writing the canonical UTF-8 bytes to <paramref name="output"/>.</summary>
    /// <exception cref="JsonInputException">The input is refused.</exception>
    public static void Canonicalize(ReadOnlySpan<byte> utf8Json, IBufferWriter<byte> output, JcsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        JcsCanonicalizer.Canonicalize(utf8Json, output, options ?? JcsOptions.Default);
    }

    /// <summary>Canonicalizes a JSON string; returns the canonical form as a string.</summary>
    /// <exception cref="JsonInputException">The input is refused.</exception>
    public static string Canonicalize(string json, JcsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return System.Text.Encoding.UTF8.GetString(Canonicalize(Utf8.FromString(json), options));
    }

    /// <summary>
    /// Canonicalizes a parsed JSON value into canonical UTF-8 bytes. The element's raw UTF-8 text is read again,
    /// so the same checks apply: duplicate members (which <see cref="JsonDocument"/> keeps by default) are
    /// refused, and so are comments or trailing commas a lenient parse let through.
    /// </summary>
    /// <exception cref="JsonInputException">The value is refused (e.g. it holds duplicate members).</exception>
    public static byte[] Canonicalize(JsonElement element, JcsOptions? options = null)
        => Canonicalize(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element), options);

    /// <summary>Canonicalizes a JSON node into canonical UTF-8 bytes (<c>null</c> is the JSON literal null).</summary>
    /// <exception cref="JsonInputException">The value is refused.</exception>
    public static byte[] Canonicalize(JsonNode? node, JcsOptions? options = null)
    {
        if (node is null)
        {
            return "null"u8.ToArray();
        }

        // Utf8JsonWriter would replace a lone surrogate with U+FFFD silently: refuse it first.
        RefuseLoneSurrogates(node);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        return Canonicalize(buffer.WrittenSpan, options);
    }

    private static void RefuseLoneSurrogates(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    CheckString(name);
                    RefuseLoneSurrogates(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RefuseLoneSurrogates(child);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                CheckString(text);
                break;
            default:
                break;
        }
    }

    private static void CheckString(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\ud800', '\udfff') >= 0)
        {
            _ = Utf8.FromString(text); // Throws JsonInputException (LoneSurrogate) when a surrogate is unpaired.
        }
    }

    /// <summary>
    /// Serializes a double as ECMAScript's <c>Number.prototype.toString</c> does (RFC 8785 §3.2.2.3):
    /// shortest round-trip digits, <c>-0</c> as <c>0</c>, exponent form <c>1e+21</c> from 1e21 and
    /// <c>1e-7</c> below 1e-6.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite (not representable in JSON).</exception>
    public static string SerializeNumber(double value)
    {
        Span<byte> buffer = stackalloc byte[EcmaScriptNumber.MaxLength];
        var length = EcmaScriptNumber.Format(value, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..length]);
    }
}
