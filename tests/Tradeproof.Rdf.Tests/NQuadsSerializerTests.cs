using Tradeproof.Rdf.NQuads;

namespace Tradeproof.Rdf.Tests;

public sealed class NQuadsSerializerTests
{
    [Theory]
    [InlineData("\b", "\\b")]
    [InlineData("\t", "\\t")]
    [InlineData("\n", "\\n")]
    [InlineData("\f", "\\f")]
    [InlineData("\r", "\\r")]
    [InlineData("\"", "\\\"")]
    [InlineData("\\", "\\\\")]
    [InlineData("\u0000", "\\u0000")]
    [InlineData("\u0007", "\\u0007")]
    [InlineData("\u000B", "\\u000B")]
    [InlineData("\u001F", "\\u001F")]
    [InlineData("\u007F", "\\u007F")]
    [InlineData("'", "'")]
    [InlineData("é€😀\u0080\u00A0\uFEFF", "é€😀\u0080\u00A0\uFEFF")]
    public void Literals_use_the_canonical_escapes(string value, string written) =>
        Assert.Equal("\"" + written + "\"", NQuadsSerializer.FormatTerm(Literal.String(value)));

    [Fact]
    public void Terms_are_written_in_canonical_form()
    {
        Assert.Equal("<http://a.example/é>", NQuadsSerializer.FormatTerm(new Iri("http://a.example/é")));
        Assert.Equal("_:b0", NQuadsSerializer.FormatTerm(new BlankNode("b0")));
        Assert.Equal("\"x\"", NQuadsSerializer.FormatTerm(new Literal("x", RdfVocabulary.XsdString)));
        Assert.Equal("\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>", NQuadsSerializer.FormatTerm(new Literal("1", RdfVocabulary.XsdInteger)));
        Assert.Equal("\"x\"@en-GB", NQuadsSerializer.FormatTerm(Literal.LanguageTagged("x", "en-GB")));
        Assert.Equal("\"x\"@ar--rtl", NQuadsSerializer.FormatTerm(Literal.LanguageTagged("x", "ar", "rtl")));
    }

    [Fact]
    public void Quads_are_one_line_with_single_spaces()
    {
        var quad = new Quad(new BlankNode("s"), new Iri("http://a.example/p"), Literal.String("o"), new Iri("http://a.example/g"));
        Assert.Equal("_:s <http://a.example/p> \"o\" <http://a.example/g> .", NQuadsSerializer.FormatQuad(quad));
        Assert.Equal("_:s <http://a.example/p> \"o\" <http://a.example/g> .\n", NQuadsSerializer.Serialize([quad]));
        Assert.Equal("_:s <http://a.example/p> \"o\" .", NQuadsSerializer.FormatQuad(quad with { Graph = null }));
    }

    [Fact]
    public void Random_strings_round_trip_through_serializer_and_parser()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 500; i++)
        {
            var value = RandomString(random);
            var quad = new Quad(new Iri("http://a.example/s"), new Iri("http://a.example/p"), Literal.String(value));
            var text = NQuadsSerializer.Serialize([quad]);
            Assert.DoesNotContain('\n', text[..^1]);
            var parsed = NQuadsParser.Parse(text);
            Assert.Equal(quad, Assert.Single(parsed.Quads));
            Assert.Equal(text, NQuadsSerializer.Serialize(parsed));
        }
    }

    [Fact]
    public void Escaped_input_serializes_to_the_canonical_escapes()
    {
        // \u0009 written as UCHAR in the input is a tab: canonical form writes \t; \u00e9 is written as é.
        var parsed = NQuadsParser.Parse("<http://a.example/s> <http://a.example/p> \"\\u0009\\u00e9\\U0000007F\\'\" .");
        Assert.Equal("<http://a.example/s> <http://a.example/p> \"\\té\\u007F'\" .\n", NQuadsSerializer.Serialize(parsed));
    }

    private static string RandomString(Random random)
    {
        var chars = new System.Text.StringBuilder();
        var length = random.Next(0, 12);
        for (var i = 0; i < length; i++)
        {
            switch (random.Next(4))
            {
                case 0:
                    chars.Append((char)random.Next(0, 0x80));
                    break;
                case 1:
                    chars.Append((char)random.Next(0x80, 0xD800));
                    break;
                case 2:
                    chars.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000)));
                    break;
                default:
                    chars.Append("\"\\\n\r\t\b\f"[random.Next(7)]);
                    break;
            }
        }

        return chars.ToString();
    }
}
