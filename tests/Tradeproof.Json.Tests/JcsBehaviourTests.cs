using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tradeproof.Json.Tests;

/// <summary>Our own cases for RFC 8785: refusals with their kind and position, and the serialization rules.</summary>
public sealed class JcsBehaviourTests
{
    private static JsonInputException Refused(string json, JcsOptions? options = null)
        => Assert.Throws<JsonInputException>(() => Jcs.Canonicalize(Encoding.UTF8.GetBytes(json), options));

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\udc00\"")]
    [InlineData("\"a\\ud800b\"")]
    [InlineData("\"\\ud800\\u0041\"")]
    [InlineData("\"\\ud800\\ud800\"")]
    [InlineData("\"\\ude02\\ud83d\"")]
    [InlineData("{\"\\udfff\":1}")]
    public void Lone_surrogate_escapes_are_refused(string json)
    {
        var e = Refused(json);
        Assert.Equal(JsonInputError.LoneSurrogate, e.Error);
        Assert.True(e.BytePosition > 0);
    }

    [Fact]
    public void A_surrogate_pair_escape_is_one_character() => Assert.Equal("\"😂\"", Jcs.Canonicalize("\"\\ud83d\\ude02\""));

    [Fact]
    public void A_lone_surrogate_in_a_dotnet_string_is_refused()
    {
        var e = Assert.Throws<JsonInputException>(() => Jcs.Canonicalize("\"\ud800\""));
        Assert.Equal(JsonInputError.LoneSurrogate, e.Error);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("[1.8e308]")]
    [InlineData("{\"a\":123456789e999}")]
    public void Numbers_beyond_double_range_are_refused(string json) => Assert.Equal(JsonInputError.NumberOutOfRange, Refused(json).Error);

    [Theory]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("0e10", "0")]
    [InlineData("1e-400", "0")]
    [InlineData("1E2", "100")]
    [InlineData("1.0", "1")]
    [InlineData("-1.50", "-1.5")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("0.0000001", "1e-7")]
    [InlineData("123456789012345", "123456789012345")]
    [InlineData("-123456789012345", "-123456789012345")]
    [InlineData("9007199254740992", "9007199254740992")]
    [InlineData("2190970420887223800", "2190970420887223800")]
    [InlineData("2305843009213694000", "2305843009213694000")]
    [InlineData("0.1", "0.1")]
    [InlineData("0.10", "0.1")]
    [InlineData("-0.000", "0")]
    [InlineData("12.500", "12.5")]
    [InlineData("100.0", "100")]
    [InlineData("0.0000010", "0.000001")]
    [InlineData("0.00000010", "1e-7")]
    [InlineData("123456789012345.0", "123456789012345")]
    [InlineData("0.123456789012345", "0.123456789012345")]
    [InlineData("0.1234567890123456", "0.1234567890123456")]
    [InlineData("1.00000000000000000000001", "1")]
    [InlineData("100000000000000000000", "100000000000000000000")]
    [InlineData("100000000000000000000.5", "100000000000000000000")]
    [InlineData("123456789012345000000", "123456789012345000000")]
    [InlineData("333333333.33333329", "333333333.3333333")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    public void Numbers_serialize_as_ecmascript(string literal, string expected) => Assert.Equal(expected, Jcs.Canonicalize(literal));

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(123e-20, "1.23e-18")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    public void SerializeNumber_matches_ecmascript(double value, string expected) => Assert.Equal(expected, Jcs.SerializeNumber(value));

    [Fact]
    public void Negative_zero_serializes_as_zero() => Assert.Equal("0", Jcs.SerializeNumber(-0.0));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void SerializeNumber_refuses_non_finite_values(double value)
        => Assert.Throws<ArgumentOutOfRangeException>(() => Jcs.SerializeNumber(value));

    [Theory]
    [InlineData("9007199254740993")]
    [InlineData("-9007199254740993")]
    [InlineData("12345678901234567890")]
    [InlineData("1000000000000000000000")]
    [InlineData("10000000000000000000000")]
    [InlineData("2305843009213693952")]
    public void Integers_a_double_does_not_hold_exactly_are_refused(string literal)
        => Assert.Equal(JsonInputError.UnsafeInteger, Refused(literal).Error);

    [Fact]
    public void Unsafe_integers_can_be_allowed_and_become_the_nearest_double()
        => Assert.Equal("9007199254740992", Encoding.UTF8.GetString(Jcs.Canonicalize("9007199254740993"u8, new JcsOptions { AllowUnsafeIntegers = true })));

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":1,\"\\u0061\":2}")]
    [InlineData("{\"b\":{\"x\":1,\"y\":2,\"x\":3}}")]
    [InlineData("[{\"é\":1,\"\\u00e9\":2}]")]
    public void Duplicate_member_names_are_refused_never_last_wins(string json)
        => Assert.Equal(JsonInputError.DuplicateKey, Refused(json).Error);

    [Fact]
    public void A_duplicate_is_found_among_many_members()
    {
        var members = Enumerable.Range(0, 100).Select(i => $"\"k{i}\":{i}").Append("\"k57\":0");
        var e = Refused("{" + string.Join(',', members) + "}");
        Assert.Equal(JsonInputError.DuplicateKey, e.Error);
        Assert.Contains("k57", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_error_position_names_line_and_column()
    {
        var e = Refused("{\n  \"a\": 1,\n  \"a\": 2\n}");
        Assert.Equal(JsonInputError.DuplicateKey, e.Error);
        Assert.Equal(3, e.LineNumber);
        Assert.Equal(3, e.BytePositionInLine);
        Assert.Equal(14, e.BytePosition);
    }

    [Theory]
    [InlineData("{\"a\":[1,{\"b\":tru}]}", JsonInputError.InvalidJson, "/a/1/b")]
    [InlineData("{\"x\":{\"y\":1,\"y\":2}}", JsonInputError.DuplicateKey, "/x/y")]
    [InlineData("[0,{\"z\":0,\"a/b~\":[\"\\ud800\"]}]", JsonInputError.LoneSurrogate, "/1/a~1b~0/0")]
    [InlineData("{\"n\":1e400}", JsonInputError.NumberOutOfRange, "/n")]
    [InlineData("{\"a\":1,\"\\ud800\":2}", JsonInputError.LoneSurrogate, "")]
    [InlineData("[1,2 3]", JsonInputError.InvalidJson, "/1")]
    [InlineData("{\"a\":{\"b\":1,\"c\":[1,2,3],\"b\":0}}", JsonInputError.DuplicateKey, "/a/b")]
    [InlineData("[[[1]]]", JsonInputError.DepthExceeded, "/0/0")]
    public void Errors_carry_the_json_pointer_of_the_value(string json, JsonInputError error, string path)
    {
        var options = new JcsOptions { MaxDepth = 2 };
        var e = Assert.Throws<JsonInputException>(() => Jcs.Canonicalize(Encoding.UTF8.GetBytes(json), error == JsonInputError.DepthExceeded ? options : null));
        Assert.Equal(error, e.Error);
        Assert.Equal(path, e.Path);
        if (error == JsonInputError.DuplicateKey)
        {
            Assert.Equal(path, Assert.Throws<JsonInputException>(() => StrictJson.Validate(Encoding.UTF8.GetBytes(json))).Path);
        }
    }

    [Fact]
    public void Invalid_utf8_has_no_path()
        => Assert.Null(Assert.Throws<JsonInputException>(() => Jcs.Canonicalize(new byte[] { 0x22, 0xFF, 0x22 })).Path);

    [Fact]
    public void Nesting_up_to_the_default_depth_is_accepted()
    {
        var json = new string('[', 64) + new string(']', 64);
        Assert.Equal(json, Jcs.Canonicalize(json));
    }

    [Theory]
    [InlineData(65)]
    [InlineData(10_000)]
    public void Nesting_beyond_the_depth_limit_is_refused(int depth)
    {
        var e = Refused(new string('[', depth) + new string(']', depth));
        Assert.Equal(JsonInputError.DepthExceeded, e.Error);
        Assert.Equal(64, e.BytePosition);
    }

    [Fact]
    public void The_depth_limit_is_an_option()
    {
        Assert.Equal(JsonInputError.DepthExceeded, Refused("{\"a\":{\"b\":[1]}}", new JcsOptions { MaxDepth = 2 }).Error);
        Assert.Equal("{\"a\":{\"b\":[1]}}", Encoding.UTF8.GetString(Jcs.Canonicalize("{\"a\":{\"b\":[1]}}"u8, new JcsOptions { MaxDepth = 3 })));
    }

    [Theory]
    [InlineData(new byte[] { 0x22, 0xC3, 0x28, 0x22 }, 1)]
    [InlineData(new byte[] { 0x22, 0xC0, 0xAF, 0x22 }, 1)]
    [InlineData(new byte[] { 0x22, 0x61, 0xED, 0xA0, 0x80, 0x22 }, 2)]
    [InlineData(new byte[] { 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22 }, 1)]
    [InlineData(new byte[] { 0x22, 0xE2, 0x82, 0x22 }, 1)]
    [InlineData(new byte[] { 0x5B, 0x31, 0x5D, 0xFF }, 3)]
    public void Invalid_utf8_is_refused_at_its_offset(byte[] input, int offset)
    {
        var e = Assert.Throws<JsonInputException>(() => Jcs.Canonicalize(input));
        Assert.Equal(JsonInputError.InvalidUtf8, e.Error);
        Assert.Equal(offset, e.BytePosition);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,]")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[1] // comment")]
    [InlineData("/* c */ 1")]
    [InlineData("{'a':1}")]
    [InlineData("[1] [2]")]
    [InlineData("01")]
    [InlineData("NaN")]
    [InlineData("\"tab\there\"")]
    [InlineData("\ufeff[1]")]
    public void Text_that_is_not_json_is_refused(string json) => Assert.Equal(JsonInputError.InvalidJson, Refused(json).Error);

    [Fact]
    public void Strings_keep_only_the_required_escapes()
    {
        var input = "\"\\u0000\\u0008\\t\\n\\u000b\\f\\r\\u001f \\\" \\\\ \\/ \\u007f \\u2028 \\u00e9 é \\u20AC\"";
        Assert.Equal("\"\\u0000\\b\\t\\n\\u000b\\f\\r\\u001f \\\" \\\\ / \u007f \u2028 é é €\"", Jcs.Canonicalize(input));
    }

    [Fact]
    public void Members_sort_by_utf16_code_units_not_code_points()
    {
        // U+E000 sorts after U+1F600 in UTF-16 (0xE000 > 0xD83D) although its code point is smaller.
        Assert.Equal("{\"😀\":2,\"\ue000\":1}", Jcs.Canonicalize("{\"\\ue000\":1,\"\\ud83d\\ude00\":2}"));
        Assert.Equal("{\"\u0080\":1,\"\ud7ff\":3,\"😀\":2,\"\uffff\":4}", Jcs.Canonicalize("{\"\\uffff\":4,\"\\u0080\":1,\"😀\":2,\"\\ud7ff\":3}"));
    }

    [Fact]
    public void Members_sort_by_code_units_not_culture()
        => Assert.Equal("{\"B\":1,\"a\":2,\"b\":3,\"ä\":4}", Jcs.Canonicalize("{\"ä\":4,\"b\":3,\"a\":2,\"B\":1}"));

    [Fact]
    public void Large_objects_sort_like_ordinal_string_comparison()
    {
        var random = new Random(7);
        var keys = Enumerable.Range(0, 300).Select(i => $"{(char)random.Next(0x20, 0x7f)}{i}{(char)random.Next(0xa0, 0xd7ff)}").Distinct().ToList();
        var json = "{" + string.Join(',', keys.Select((k, i) => JsonSerializer.Serialize(k) + ":" + i)) + "}";
        var canonical = JsonDocument.Parse(Jcs.Canonicalize(json));
        var order = canonical.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal).ToList(), order);
    }

    [Fact]
    public void Whitespace_is_removed_and_literals_kept()
        => Assert.Equal("[true,false,null,{},[],\"\"]", Jcs.Canonicalize(" [ true ,\n false ,\r\n null , { } , [ ] , \"\" ] \t"));

    [Fact]
    public void Element_json_node_and_bytes_agree()
    {
        const string json = "{\"b\":[1,2.50,{\"d\":\"\\u00e9\",\"c\":null}],\"a\":-0}";
        using var document = JsonDocument.Parse(json);
        var expected = Jcs.Canonicalize(Encoding.UTF8.GetBytes(json));
        Assert.Equal("{\"a\":0,\"b\":[1,2.5,{\"c\":null,\"d\":\"é\"}]}", Encoding.UTF8.GetString(expected));
        Assert.Equal(expected, Jcs.Canonicalize(document.RootElement));
        Assert.Equal(expected, Jcs.Canonicalize(JsonNode.Parse(json)));
        Assert.Equal("null"u8.ToArray(), Jcs.Canonicalize((JsonNode?)null));
    }

    [Fact]
    public void A_json_node_with_a_lone_surrogate_is_refused()
    {
        var node = new JsonObject { ["a"] = "x\ud800y" };
        Assert.Equal(JsonInputError.LoneSurrogate, Assert.Throws<JsonInputException>(() => Jcs.Canonicalize(node)).Error);
    }

    [Fact]
    public void A_json_node_keeps_non_ascii_and_html_characters()
        => Assert.Equal("{\"a\":\"<é>&'😀\"}"u8.ToArray(), Jcs.Canonicalize(new JsonObject { ["a"] = "<é>&'😀" }));

    [Fact]
    public void A_nested_element_canonicalizes_alone()
    {
        using var document = JsonDocument.Parse("{\"x\":{\"z\":1,\"y\":2}}");
        Assert.Equal("{\"y\":2,\"z\":1}"u8.ToArray(), Jcs.Canonicalize(document.RootElement.GetProperty("x")));
    }

    [Fact]
    public void The_buffer_writer_overload_writes_the_same_bytes()
    {
        var input = File.ReadAllBytes(Path.Combine(Tradeproof.Testing.Conformance.RepositoryRoot, "..", "shared", "design", "fixtures", "mill-test-report.json"));
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        Jcs.Canonicalize(input, writer);
        Assert.Equal(Jcs.Canonicalize(input), writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void String_and_element_limits_are_options()
    {
        Assert.Equal(JsonInputError.StringTooLong, Refused("[\"abcdef\"]", new JcsOptions { MaxStringBytes = 5 }).Error);
        Assert.Equal(JsonInputError.StringTooLong, Refused("{\"abcdef\":1}", new JcsOptions { MaxStringBytes = 5 }).Error);
        Assert.Equal(JsonInputError.TooManyElements, Refused("[1,2,3]", new JcsOptions { MaxElements = 2 }).Error);
        Assert.Equal(JsonInputError.TooManyElements, Refused("{\"a\":1,\"b\":2,\"c\":3}", new JcsOptions { MaxElements = 2 }).Error);
    }

    [Fact]
    public void Concurrent_callers_get_their_own_buffers()
    {
        // The tokenizer's buffers are cached per thread: many threads at once must not see each other's data.
        var inputs = Enumerable.Range(0, 64).Select(i => $"{{\"n\":{i},\"s\":\"{new string('x', i * 37)}\",\"a\":[{i},{i + 1}]}}").ToArray();
        var expected = inputs.Select(input => Jcs.Canonicalize(input)).ToArray();
        var mismatches = 0;
        Parallel.For(0, 4_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var k = i % inputs.Length;
            if (Jcs.Canonicalize(inputs[k]) != expected[k])
            {
                Interlocked.Increment(ref mismatches);
            }
        });
        Assert.Equal(0, mismatches);
        Assert.StartsWith("{\"a\":[5,6],\"n\":5,", expected[5], StringComparison.Ordinal);
    }

    [Fact]
    public void A_depth_option_out_of_range_is_misuse()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Jcs.Canonicalize("1"u8, new JcsOptions { MaxDepth = 0 }));
}
