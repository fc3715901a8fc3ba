using System.Text;
using System.Text.Json;

namespace Tradeproof.Json.Tests;

/// <summary>
/// <see cref="StrictJson.ParseElement"/>'s one pass (System.Text.Json with duplicate names refused, for texts without
/// backslashes) against the validator path on the same texts: the same texts accepted, the same element, and for a
/// refused text the validator's error kind.
/// </summary>
public sealed class StrictJsonOnePassTests
{
    private static readonly string[] Seeds =
    [
        "{\"a\":[1,-2.5e+3,true,false,null,\"x y\"],\"b\":{\"c\":{}},\"d\":[]}",
        "[0, -0, 1E5, 0.5, 12e-1, \"é—\U0001F600\", {\"k\" : \"v\"} ]",
        " { \"@context\" : [ \"https://www.w3.org/ns/credentials/v2\" ] , \"n\" : 123 , \"m\" : { \"n\" : 1 } } ",
        "\"plain\"",
        "-12.0e-007",
        "{\"a\":1,\"b\":{\"a\":2,\"b\":[{\"a\":3,\"aa\":4}]}}",
    ];

    private static ReadOnlySpan<byte> Interesting => "{}[]\",:/0123456789-+.eEtrufalsn \t\r\nx\u0001\u007f"u8;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void One_pass_and_validator_agree_on_mutated_texts(int seed)
    {
        var random = new Random(seed);
        var options = new StrictJsonOptions { MaxDepth = 3 };
        var onePass = 0;
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var text = Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]).ToList();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(text.Count + 1);
                switch (random.Next(4))
                {
                    case 0:
                        text.Insert(at, Interesting[random.Next(Interesting.Length)]);
                        break;
                    case 1 when at < text.Count:
                        text.RemoveAt(at);
                        break;
                    case 2 when at < text.Count:
                        // Duplicate a member name nearby, or a whole slice (duplicate members, deeper nesting).
                        var length = random.Next(1, Math.Min(12, text.Count - at) + 1);
                        text.InsertRange(at, text.GetRange(at, length));
                        break;
                    default:
                        if (at < text.Count)
                        {
                            text[at] = Interesting[random.Next(Interesting.Length)];
                        }

                        break;
                }
            }

            var bytes = text.ToArray();
            onePass += StrictJson.OnePassApplies(bytes, options) ? 1 : 0;
            var expected = Outcome(() => StrictJson.ParseElementValidated(bytes, options));
            var actual = Outcome(() => StrictJson.ParseElement(bytes, options));
            Assert.True(expected == actual, $"{Encoding.UTF8.GetString(bytes)}: validator {expected}, ParseElement {actual}");
            accepted += expected.StartsWith("ok", StringComparison.Ordinal) ? 1 : 0;
        }

        // The comparison means something: both paths and both outcomes were exercised.
        Assert.InRange(onePass, 10_000, 20_000);
        Assert.InRange(accepted, 1_000, 19_000);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(64)]
    public void Depth_limit_is_the_validators(int maxDepth)
    {
        var options = new StrictJsonOptions { MaxDepth = maxDepth };
        var deepest = Encoding.UTF8.GetBytes(new string('[', maxDepth) + new string(']', maxDepth));
        var deeper = Encoding.UTF8.GetBytes("{\"a\":" + new string('[', maxDepth) + new string(']', maxDepth) + "}");
        Assert.True(StrictJson.OnePassApplies(deepest, options));
        Assert.Equal(JsonValueKind.Array, StrictJson.ParseElement(deepest, options).ValueKind);
        Assert.Equal(JsonInputError.DepthExceeded, Assert.Throws<JsonInputException>(() => StrictJson.ParseElement(deeper, options)).Error);
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":1}")]
    [InlineData("{\"x\":[{\"b\":{\"c\":1,\"d\":2,\"c\":3}}]}")]
    public void Duplicate_names_are_refused_by_the_one_pass_too(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.True(StrictJson.OnePassApplies(bytes, StrictJsonOptions.Default));
        Assert.Equal(JsonInputError.DuplicateKey, Assert.Throws<JsonInputException>(() => StrictJson.ParseElement(bytes)).Error);
    }

    [Theory]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("{\"a\":1,\"\\u0061\":2}")]
    [InlineData("[\"\\n\"]")]
    public void Texts_with_escapes_take_the_validator_path(string json) =>
        Assert.False(StrictJson.OnePassApplies(Encoding.UTF8.GetBytes(json), StrictJsonOptions.Default));

    private static string Outcome(Func<JsonElement> parse)
    {
        try
        {
            return "ok " + parse().GetRawText();
        }
        catch (JsonInputException e)
        {
            return "refused " + e.Error;
        }
    }
}
