using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tradeproof.Json.Tests;

/// <summary>
/// Properties of JCS over random JSON values from a seeded <see cref="Random"/> (so failures reproduce):
/// idempotence, independence from member order, whitespace and escaping, and agreement with the value parsed.
/// </summary>
public sealed class JcsPropertyTests
{
    private const int Cases = 400;

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Canonicalization_is_idempotent(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            var text = Write(Generate(random, 0), random, pretty: true);
            var once = Jcs.Canonicalize(Encoding.UTF8.GetBytes(text));
            var twice = Jcs.Canonicalize(once);
            Assert.True(once.AsSpan().SequenceEqual(twice), $"seed {seed} case {i}: {text}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Member_order_whitespace_and_escaping_do_not_matter(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            var value = Generate(random, 0);
            var plain = Jcs.Canonicalize(Write(value, new Random(i), pretty: false, shuffle: false, escapeAll: false));
            var varied = Jcs.Canonicalize(Write(value, random, pretty: true, shuffle: true, escapeAll: true));
            Assert.Equal(plain, varied);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_canonical_form_denotes_the_same_value(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            var value = Generate(random, 0);
            var canonical = Jcs.Canonicalize(Write(value, random, pretty: true));
            using var document = JsonDocument.Parse(canonical);
            AssertSame(value, document.RootElement);
        }
    }

    [Fact]
    public void Every_random_double_round_trips_through_its_serialization()
    {
        var random = new Random(11);
        Span<byte> bits = stackalloc byte[8];
        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(bits);
            var value = BitConverter.ToDouble(bits);
            if (!double.IsFinite(value))
            {
                continue;
            }

            var text = Jcs.SerializeNumber(value);
            Assert.Equal(value == 0 ? 0 : value, double.Parse(text, CultureInfo.InvariantCulture));
            Assert.Equal(text, Jcs.Canonicalize(text));
        }
    }

    [Fact]
    public void Plain_decimal_literals_canonicalize_as_their_double_does()
    {
        // The canonicalizer copies short decimals without a double; this checks it against the double's form.
        var random = new Random(13);
        for (var i = 0; i < 50_000; i++)
        {
            var integerDigits = random.Next(0, 23);
            var fractionDigits = random.Next(0, 12);
            var builder = new StringBuilder();
            if (random.Next(4) == 0)
            {
                builder.Append('-');
            }

            builder.Append(integerDigits == 0 ? "0" : random.Next(1, 10).ToString(CultureInfo.InvariantCulture));
            for (var d = 1; d < integerDigits; d++)
            {
                builder.Append(random.Next(5) == 0 ? '0' : (char)('0' + random.Next(10)));
            }

            if (fractionDigits > 0)
            {
                builder.Append('.');
                var zeros = random.Next(0, 9);
                for (var d = 0; d < fractionDigits; d++)
                {
                    builder.Append(d < zeros ? '0' : (char)('0' + random.Next(10)));
                }
            }

            var literal = builder.ToString();
            var expected = Jcs.SerializeNumber(double.Parse(literal, CultureInfo.InvariantCulture));
            var options = new JcsOptions { AllowUnsafeIntegers = true };
            Assert.Equal(expected, Encoding.UTF8.GetString(Jcs.Canonicalize(Encoding.UTF8.GetBytes(literal), options)));
        }
    }

    private static void AssertSame(object? expected, JsonElement actual)
    {
        switch (expected)
        {
            case null:
                Assert.Equal(JsonValueKind.Null, actual.ValueKind);
                break;
            case bool b:
                Assert.Equal(b, actual.GetBoolean());
                break;
            case double d:
                Assert.Equal(d == 0 ? 0 : d, actual.GetDouble());
                break;
            case string s:
                Assert.Equal(s, actual.GetString());
                break;
            case List<object?> list:
                Assert.Equal(list.Count, actual.GetArrayLength());
                for (var i = 0; i < list.Count; i++)
                {
                    AssertSame(list[i], actual[i]);
                }

                break;
            case Dictionary<string, object?> map:
                var names = actual.EnumerateObject().Select(p => p.Name).ToList();
                Assert.Equal(map.Keys.Order(StringComparer.Ordinal), names);
                foreach (var (key, item) in map)
                {
                    AssertSame(item, actual.GetProperty(key));
                }

                break;
            default:
                throw new InvalidOperationException();
        }
    }

    /// <summary>A random JSON value: null, bool, double, string, list or string-keyed map.</summary>
    private static object? Generate(Random random, int depth)
    {
        var kind = random.Next(depth >= 4 ? 4 : 6);
        switch (kind)
        {
            case 0:
                return null;
            case 1:
                return random.Next(2) == 0;
            case 2:
                return RandomNumber(random);
            case 3:
                return RandomString(random);
            case 4:
                var list = new List<object?>();
                for (var i = random.Next(5); i > 0; i--)
                {
                    list.Add(Generate(random, depth + 1));
                }

                return list;
            default:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = random.Next(8); i > 0; i--)
                {
                    map[RandomString(random)] = Generate(random, depth + 1);
                }

                return map;
        }
    }

    private static double RandomNumber(Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                return random.Next(-1000, 1000);
            case 1:
                return Math.Round(random.NextDouble() * 1000, random.Next(6));
            case 2:
                return (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30));
            default:
                Span<byte> bits = stackalloc byte[8];
                double value;
                do
                {
                    random.NextBytes(bits);
                    value = BitConverter.ToDouble(bits);
                }
                while (!double.IsFinite(value));
                return value;
        }
    }

    private static string RandomString(Random random)
    {
        var builder = new StringBuilder();
        for (var i = random.Next(6); i > 0; i--)
        {
            switch (random.Next(6))
            {
                case 0:
                    builder.Append((char)random.Next(0, 0x20));
                    break;
                case 1:
                    builder.Append("\"\\/é€"[random.Next(5)]);
                    break;
                case 2:
                    builder.Append((char)random.Next(0xE000, 0x10000));
                    break;
                case 3:
                    builder.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000)));
                    break;
                default:
                    builder.Append((char)random.Next(0x20, 0x7F));
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Writes a value as JSON text, optionally with whitespace, shuffled members and every character escaped.</summary>
    private static string Write(object? value, Random random, bool pretty, bool shuffle = true, bool escapeAll = false)
    {
        var builder = new StringBuilder();
        Append(builder, value, random, pretty, shuffle, escapeAll);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value, Random random, bool pretty, bool shuffle, bool escapeAll)
    {
        void Space()
        {
            if (pretty && random.Next(3) == 0)
            {
                builder.Append(" \n\t\r"[random.Next(4)]);
            }
        }

        Space();
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case double d:
                // Round-trip text in .NET's own layout ("1E+21", "1.5E-07"), not the canonical one.
                builder.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case string s:
                AppendString(builder, s, random, escapeAll);
                break;
            case List<object?> list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Append(builder, list[i], random, pretty, shuffle, escapeAll);
                }

                builder.Append(']');
                break;
            case Dictionary<string, object?> map:
                var entries = map.ToList();
                if (shuffle)
                {
                    random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries));
                }

                builder.Append('{');
                for (var i = 0; i < entries.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Space();
                    AppendString(builder, entries[i].Key, random, escapeAll);
                    Space();
                    builder.Append(':');
                    Append(builder, entries[i].Value, random, pretty, shuffle, escapeAll);
                }

                builder.Append('}');
                break;
            default:
                throw new InvalidOperationException();
        }

        Space();
    }

    private static void AppendString(StringBuilder builder, string value, Random random, bool escapeAll)
    {
        Span<char> units = stackalloc char[2];
        builder.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            var c = rune.Value;
            if (c < 0x20 || c == '"' || c == '\\' || (escapeAll && random.Next(2) == 0))
            {
                // A supplementary character is escaped as its surrogate pair.
                var count = rune.EncodeToUtf16(units);
                for (var i = 0; i < count; i++)
                {
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)units[i]:X4}");
                }
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        builder.Append('"');
    }
}
