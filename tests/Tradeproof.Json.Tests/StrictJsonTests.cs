using System.Text;

namespace Tradeproof.Json.Tests;

/// <summary>The strict front door (security.md "Strict parse").</summary>
public sealed class StrictJsonTests
{
    [Fact]
    public void Valid_json_parses_to_a_document()
    {
        using var document = StrictJson.Parse("{\"a\":[1,\"x\",{\"b\":null}]}");
        Assert.Equal("x", document.RootElement.GetProperty("a")[1].GetString());
    }

    [Fact]
    public void ParseElement_returns_a_self_contained_element()
    {
        var element = StrictJson.ParseElement("{\"a\":2}"u8);
        Assert.Equal(2, element.GetProperty("a").GetInt32());
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":1}", JsonInputError.DuplicateKey)]
    [InlineData("[{\"x\":{\"a\":1,\"\\u0061\":2}}]", JsonInputError.DuplicateKey)]
    [InlineData("\"\\ud800\"", JsonInputError.LoneSurrogate)]
    [InlineData("[1,]", JsonInputError.InvalidJson)]
    [InlineData("{\"a\":1} x", JsonInputError.InvalidJson)]
    public void Bad_input_is_refused_with_its_kind(string json, JsonInputError error)
    {
        Assert.Equal(error, Assert.Throws<JsonInputException>(() => StrictJson.Parse(json)).Error);
        Assert.Equal(error, Assert.Throws<JsonInputException>(() => StrictJson.Validate(Encoding.UTF8.GetBytes(json))).Error);
    }

    [Fact]
    public void Deep_nesting_is_refused_before_the_reader_gives_up()
    {
        var json = Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000));
        var e = Assert.Throws<JsonInputException>(() => StrictJson.Parse(json));
        Assert.Equal(JsonInputError.DepthExceeded, e.Error);
        Assert.Equal(1, e.LineNumber);
        Assert.Equal(65, e.BytePositionInLine);
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var e = Assert.Throws<JsonInputException>(() => StrictJson.Parse(new byte[] { 0x5B, 0x22, 0xFF, 0x22, 0x5D }));
        Assert.Equal(JsonInputError.InvalidUtf8, e.Error);
        Assert.Equal(2, e.BytePosition);
    }

    [Fact]
    public void Syntax_errors_carry_line_and_column()
    {
        var e = Assert.Throws<JsonInputException>(() => StrictJson.Parse("{\n \"a\": tru\n}"));
        Assert.Equal(JsonInputError.InvalidJson, e.Error);
        Assert.Equal(2, e.LineNumber);
        Assert.True(e.BytePositionInLine > 1);
    }

    [Fact]
    public void Big_numbers_are_accepted_unless_ijson_is_required()
    {
        using (StrictJson.Parse("[1e400, 9007199254740993]"))
        {
        }

        var options = new StrictJsonOptions { RequireIJsonNumbers = true };
        Assert.Equal(JsonInputError.NumberOutOfRange, Assert.Throws<JsonInputException>(() => StrictJson.Parse("[1e400]", options)).Error);
        Assert.Equal(JsonInputError.UnsafeInteger, Assert.Throws<JsonInputException>(() => StrictJson.Parse("[9007199254740993]", options)).Error);
    }

    [Fact]
    public void Limits_are_options_with_documented_defaults()
    {
        Assert.Equal(64, StrictJsonOptions.Default.MaxDepth);
        Assert.Equal(JsonInputError.DepthExceeded, Assert.Throws<JsonInputException>(() => StrictJson.Parse("[[1]]", new StrictJsonOptions { MaxDepth = 1 })).Error);
        Assert.Equal(JsonInputError.StringTooLong, Assert.Throws<JsonInputException>(() => StrictJson.Parse("[\"abc\"]", new StrictJsonOptions { MaxStringBytes = 2 })).Error);
        Assert.Equal(JsonInputError.TooManyElements, Assert.Throws<JsonInputException>(() => StrictJson.Parse("[1,2]", new StrictJsonOptions { MaxElements = 1 })).Error);
    }

    [Fact]
    public void A_lone_surrogate_in_a_dotnet_string_is_refused()
        => Assert.Equal(JsonInputError.LoneSurrogate, Assert.Throws<JsonInputException>(() => StrictJson.Parse("[\"\udc00\"]")).Error);
}
