using System.Text;
using System.Text.Json;

namespace Tradeproof.Json.Tests;

/// <summary>
/// Our JSON scanner (used by <see cref="StrictJson"/> and <see cref="Jcs"/>) against System.Text.Json's
/// <see cref="Utf8JsonReader"/> on seeded random mutations of valid texts: both must accept and refuse the same
/// texts, except where ours is stricter on purpose (unpaired surrogate escapes, invalid UTF-8).
/// </summary>
public sealed class JsonScannerDifferentialTests
{
    private static readonly string[] Seeds =
    [
        "{\"a\":[1,-2.5e+3,true,false,null,\"x\\n\\u00e9\"],\"b\":{\"c\":{}},\"d\":[]}",
        "[0, -0, 1E5, 0.5, 12e-1, \"\\\"\\\\\\/\\b\\f\\r\\t\", {\"k\" : \"v\"} ]",
        " { \"@context\" : [ \"https://www.w3.org/ns/credentials/v2\" ] , \"n\" : 123 } ",
        "\"plain\"",
        "-12.0e-007",
    ];

    private static ReadOnlySpan<byte> Interesting => "{}[]\",:\\/0123456789-+.eEtrufalsn \t\r\nu\u0001x"u8;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Scanner_and_utf8jsonreader_agree(int seed)
    {
        var random = new Random(seed);
        var options = new StrictJsonOptions { MaxDepth = 1000, MaxElements = int.MaxValue, MaxStringBytes = int.MaxValue };
        var disagreements = new List<string>();
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var text = Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]).ToList();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(text.Count + 1);
                switch (random.Next(3))
                {
                    case 0:
                        text.Insert(at, Interesting[random.Next(Interesting.Length)]);
                        break;
                    case 1 when at < text.Count:
                        text.RemoveAt(at);
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
            var reader = ReaderAccepts(bytes);
            JsonInputError? ours = null;
            try
            {
                StrictJson.Validate(bytes, options);
            }
            catch (JsonInputException e)
            {
                ours = e.Error;
            }

            accepted += ours is null ? 1 : 0;
            var agree = ours switch
            {
                null => reader,
                JsonInputError.LoneSurrogate or JsonInputError.InvalidUtf8 or JsonInputError.DuplicateKey => true,
                _ => !reader,
            };
            if (!agree)
            {
                disagreements.Add($"{Encoding.UTF8.GetString(bytes)} -> ours {ours?.ToString() ?? "accepted"}, reader {(reader ? "accepted" : "refused")}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join('\n', disagreements.Take(10)));
        Assert.InRange(accepted, 1000, 19_000);
    }

    private static bool ReaderAccepts(byte[] bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 1000 });
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
