using System.Text;
using System.Text.Json;

namespace Tradeproof.JsonLd.Json;

/// <summary>
/// The processor's internal JSON value tree, chosen for speed over JsonNode:
/// an object is a <see cref="Dictionary{TKey,TValue}"/> of string to value (insertion order kept,
/// entries are never removed from a tree once built), an array a <see cref="List{T}"/> of values,
/// a string a <see cref="string"/>, a number a boxed <see cref="double"/>, true/false a boxed
/// <see cref="bool"/> (use <see cref="True"/>/<see cref="False"/>), and JSON null is C# null.
/// Trees loaded as contexts are shared and cached: never mutate a tree you did not build.
/// Part 2 API: <c>Parse</c>, <c>Serialize</c>, <c>DeepEquals</c>, <c>IsObject/IsArray</c> helpers.
/// </summary>
internal static class JsonTree
{
    public static readonly object True = true;
    public static readonly object False = false;

    public static object Box(bool value) => value ? True : False;

    /// <summary>Parses UTF-8 JSON text; duplicate keys and depth beyond <paramref name="maxDepth"/> are errors.</summary>
    public static object? Parse(ReadOnlySpan<byte> utf8, int maxDepth = JsonLdOptions.DefaultMaxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth + 1, CommentHandling = JsonCommentHandling.Disallow });
        var scratch = Interlocked.Exchange(ref s_scratch, null) ?? new Scratch();
        try
        {
            if (!reader.Read())
            {
                throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, "empty document");
            }

            var value = ReadValue(ref reader, scratch);
            if (reader.Read())
            {
                throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, "trailing data after the JSON value");
            }

            return value;
        }
        catch (JsonException e)
        {
            // Utf8JsonReader reports the depth limit as "...maximum configured depth of N has been exceeded...".
            var code = e.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase) && e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? JsonLdErrorCode.MaxDepthExceeded
                : JsonLdErrorCode.LoadingDocumentFailed;
            throw new JsonLdException(code, e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader checks string contents only when they are read: GetString throws InvalidOperationException
            // on malformed UTF-8 or an escaped lone surrogate (found by the fuzzer, tests/Tradeproof.Fuzzing.Tests).
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, e.Message, e);
        }
        finally
        {
            scratch.Members.Clear();
            scratch.Items.Clear();
            if (scratch.Members.Capacity <= Scratch.MaxKeptCapacity && scratch.Items.Capacity <= Scratch.MaxKeptCapacity)
            {
                s_scratch = scratch;
            }
        }
    }

    /// <summary>Parses JSON text.</summary>
    public static object? Parse(string json, int maxDepth = JsonLdOptions.DefaultMaxDepth) =>
        Parse(Encoding.UTF8.GetBytes(json), maxDepth);

    /// <summary>
    /// Stacks the members and items of the objects and arrays being read, so that each dictionary and list is
    /// created at its final size (growing them one entry at a time was a fifth of the parse). One kept for reuse.
    /// </summary>
    private sealed class Scratch
    {
        public const int MaxKeptCapacity = 4096;

        public List<KeyValuePair<string, object?>> Members { get; } = new(64);

        public List<object?> Items { get; } = new(64);

        // Member names seen lately, by their UTF-8 (documents repeat a few names many times: "type", "id", "@context").
        private const int KeySlots = 128;
        private readonly byte[]?[] _keyUtf8 = new byte[KeySlots][];
        private readonly string?[] _keyText = new string[KeySlots];

        /// <summary>The member name the reader is on, as <see cref="Utf8JsonReader.GetString"/> gives it; a short
        /// unescaped name read before (its same UTF-8 bytes, valid then) is the string made then.</summary>
        public string Key(ref Utf8JsonReader reader)
        {
            var span = reader.ValueSpan;
            if (reader.ValueIsEscaped || reader.HasValueSequence || span.Length is 0 or > 48)
            {
                return reader.GetString()!;
            }

            var slot = ((span.Length * 31) + (span[0] * 7) + (span[span.Length / 2] * 3) + span[^1]) & (KeySlots - 1);
            if (_keyUtf8[slot] is { } utf8 && span.SequenceEqual(utf8))
            {
                return _keyText[slot]!;
            }

            var text = reader.GetString()!;
            _keyText[slot] = text;
            _keyUtf8[slot] = span.ToArray();
            return text;
        }
    }

    private static Scratch? s_scratch;

    private static object? ReadValue(ref Utf8JsonReader reader, Scratch scratch)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var members = scratch.Members;
                var firstMember = members.Count;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = scratch.Key(ref reader);
                    reader.Read();
                    members.Add(new KeyValuePair<string, object?>(key, ReadValue(ref reader, scratch)));
                }

                var map = new Dictionary<string, object?>(members.Count - firstMember, StringComparer.Ordinal);
                for (var i = firstMember; i < members.Count; i++)
                {
                    if (!map.TryAdd(members[i].Key, members[i].Value))
                    {
                        throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, "duplicate key '" + members[i].Key + "'");
                    }
                }

                members.RemoveRange(firstMember, members.Count - firstMember);
                return map;
            case JsonTokenType.StartArray:
                var items = scratch.Items;
                var firstItem = items.Count;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, scratch));
                }

                var list = items.GetRange(firstItem, items.Count - firstItem);
                items.RemoveRange(firstItem, items.Count - firstItem);
                return list;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                if (!reader.TryGetDouble(out var d) || !double.IsFinite(d))
                {
                    throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, "number out of range");
                }

                return d;
            case JsonTokenType.True:
                return True;
            case JsonTokenType.False:
                return False;
            case JsonTokenType.Null:
                return null;
            default:
                throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, "unexpected JSON token " + reader.TokenType);
        }
    }

    /// <summary>Converts a System.Text.Json element to the tree.</summary>
    public static object? FromElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var p in element.EnumerateObject())
                {
                    map[p.Name] = FromElement(p.Value);
                }

                return map;
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(FromElement(item));
                }

                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.GetDouble();
            case JsonValueKind.True:
                return True;
            case JsonValueKind.False:
                return False;
            default:
                return null;
        }
    }

    /// <summary>Serializes a tree as compact JSON (members in their stored order).</summary>
    public static string Serialize(object? value, bool indented = false)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true }))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case double d:
                writer.WriteRawValue(FormatNumber(d), skipInputValidation: true);
                break;
            case Dictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    writer.WritePropertyName(k);
                    Write(writer, v);
                }

                writer.WriteEndObject();
                break;
            case List<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException("Not a JSON tree value: " + value.GetType(), nameof(value));
        }
    }

    /// <summary>A number as ECMAScript <c>Number.prototype.toString</c> writes it (the JCS form, from Tradeproof.Json).</summary>
    public static string FormatNumber(double d) => Tradeproof.Json.Jcs.SerializeNumber(d);

    /// <summary>Structural equality (object member order ignored, array order significant).</summary>
    public static bool DeepEquals(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        switch (a)
        {
            case null:
                return false;
            case string s:
                return b is string t && string.Equals(s, t, StringComparison.Ordinal);
            case bool x:
                return b is bool y && x == y;
            case double dx:
                return b is double dy && dx.Equals(dy);
            case Dictionary<string, object?> m:
                if (b is not Dictionary<string, object?> n || m.Count != n.Count)
                {
                    return false;
                }

                foreach (var (k, v) in m)
                {
                    if (!n.TryGetValue(k, out var w) || !DeepEquals(v, w))
                    {
                        return false;
                    }
                }

                return true;
            case List<object?> l:
                if (b is not List<object?> o || l.Count != o.Count)
                {
                    return false;
                }

                for (var i = 0; i < l.Count; i++)
                {
                    if (!DeepEquals(l[i], o[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>A deep copy (for callers that must mutate a shared tree).</summary>
    public static object? Clone(object? value) => value switch
    {
        Dictionary<string, object?> m => m.ToDictionary(p => p.Key, p => Clone(p.Value), StringComparer.Ordinal),
        List<object?> l => l.Select(Clone).ToList(),
        _ => value,
    };

    public static bool IsObject(object? v) => v is Dictionary<string, object?>;

    public static bool IsArray(object? v) => v is List<object?>;

    public static bool IsScalar(object? v) => v is string or bool or double;

    /// <summary>The value as a list: itself if an array, else a one-item list (null gives an empty list).</summary>
    public static List<object?> AsList(object? v) => v switch
    {
        List<object?> l => l,
        null => [],
        _ => [v],
    };
}
