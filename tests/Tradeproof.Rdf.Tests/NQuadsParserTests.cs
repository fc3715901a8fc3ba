using Tradeproof.Rdf.NQuads;

namespace Tradeproof.Rdf.Tests;

public sealed class NQuadsParserTests
{
    [Fact]
    public void Parses_triples_and_quads_with_every_term_kind()
    {
        var dataset = NQuadsParser.Parse(
            "<http://a.example/s> <http://a.example/p> <http://a.example/o> .\n" +
            "_:b0 <http://a.example/p> \"plain\" <http://a.example/g> .\n" +
            "_:b0 <http://a.example/p> \"chat\"@fr _:g .\n" +
            "_:b0 <http://a.example/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n" +
            "_:b0 <http://a.example/p> \"مرحبا\"@ar--rtl .\n");

        Assert.Equal(5, dataset.Count);
        var q = dataset.Quads;
        Assert.Equal(new Quad(new Iri("http://a.example/s"), new Iri("http://a.example/p"), new Iri("http://a.example/o")), q[0]);
        Assert.Equal(new Iri("http://a.example/g"), q[1].Graph);
        Assert.Equal(Literal.String("plain"), q[1].Object);
        Assert.Equal(Literal.LanguageTagged("chat", "fr"), q[2].Object);
        Assert.Equal(new BlankNode("g"), q[2].Graph);
        Assert.Equal(new Literal("1", RdfVocabulary.XsdInteger), q[3].Object);
        var directional = Assert.IsType<Literal>(q[4].Object);
        Assert.Equal(("ar", "rtl", RdfVocabulary.RdfDirLangString), (directional.Language, directional.Direction, directional.Datatype));
    }

    [Fact]
    public void Skips_comments_blank_lines_and_accepts_crlf_and_missing_final_eol()
    {
        var dataset = NQuadsParser.Parse(
            "# a comment\r\n\r\n  <http://a.example/s> <http://a.example/p> \"x\" . # trailing comment\r\n" +
            "\t<http://a.example/s>\t<http://a.example/p>\t\"y\"\t.");
        Assert.Equal(2, dataset.Count);
    }

    [Fact]
    public void Duplicate_quads_collapse() =>
        Assert.Single(NQuadsParser.Parse("_:a <http://a.example/p> \"x\" .\n_:a <http://a.example/p> \"x\" .\n").Quads);

    [Fact]
    public void Decodes_echar_and_uchar_including_supplementary_characters()
    {
        var dataset = NQuadsParser.Parse(
            "<http://a.example/s> <http://a.example/p> \"t\\tb\\bn\\nr\\rf\\fq\\\"a\\'s\\\\ \\u00E9 \\U0001F600\" .\n" +
            "<http://a.example/\\u00E9> <http://a.example/p> \"x\" .\n");
        var literal = Assert.IsType<Literal>(dataset.Quads[0].Object);
        Assert.Equal("t\tb\bn\nr\rf\fq\"a's\\ é 😀", literal.LexicalForm);
        Assert.Equal("http://a.example/é", Assert.IsType<Iri>(dataset.Quads[1].Subject).Value);
    }

    [Fact]
    public void Blank_node_labels_may_hold_dots_but_not_end_with_one()
    {
        var dataset = NQuadsParser.Parse("_:a.b <http://a.example/p> _:c.\n_:x-y_z·1 <http://a.example/p> _:é .\n");
        Assert.Equal(new BlankNode("a.b"), dataset.Quads[0].Subject);
        Assert.Equal(new BlankNode("c"), dataset.Quads[0].Object);
        Assert.Equal(new BlankNode("x-y_z·1"), dataset.Quads[1].Subject);
    }

    [Theory]
    [InlineData("<http://a.example/s> <http://a.example/p> <http://a.example/o o> .", 1, 62, "space")]
    [InlineData("<http://a.example/s> <http://a.example/p> <relative> .", 1, 44, "not absolute")]
    [InlineData("<http://a.example/s> <http://a.example/p> <http://a.example/{x}> .", 1, 61, "'{'")]
    [InlineData("<http://a.example/s> <http://a.example/p> \"x\" .\n<http://a.example/s> <http://a.example/p> \"a\\qb\" .", 2, 45, "invalid escape")]
    [InlineData("<http://a.example/s> <http://a.example/p> \"x\\u00G1\" .", 1, 49, "hex digit")]
    [InlineData("<http://a.example/s> <http://a.example/p> \"x\\uD800\" .", 1, 45, "surrogate")]
    [InlineData("<http://a.example/s> <http://a.example/p> \"x\\U00110000\" .", 1, 45, "U+10FFFF")]
    [InlineData("<http://a.example/s> <http://a.example/p> \"unterminated .", 1, 58, "unterminated")]
    [InlineData("<http://a.example/s> <http://a.example/p> \"x\"", 1, 46, "'.'")]
    [InlineData("<http://a.example/s> <http://a.example/p> \"x\" . <http://a.example/s>", 1, 49, "end of line")]
    [InlineData("_: <http://a.example/p> \"x\" .", 1, 3, "blank node label")]
    [InlineData("_:-a <http://a.example/p> \"x\" .", 1, 3, "blank node label")]
    [InlineData("\"x\" <http://a.example/p> \"x\" .", 1, 1, "subject")]
    [InlineData("<http://a.example/s> _:p \"x\" .", 1, 22, "predicate")]
    [InlineData("<http://a.example/s> <http://a.example/p> \"x\"@ .", 1, 47, "language")]
    [InlineData("<http://a.example/s> <http://a.example/p> \"x\"@en--up .", 1, 51, "ltr")]
    [InlineData("<http://a.example/s> <http://a.example/p> \"x\"^<http://a.example/d> .", 1, 46, "'^^'")]
    [InlineData("<http://a.example/s> <http://a.example/p> \"x\" \"g\" .", 1, 47, "graph label")]
    [InlineData("<http://a.example/s>\n<http://a.example/p> \"x\" .", 1, 21, "predicate")]
    public void Syntax_errors_name_what_and_where(string input, int line, int column, string reasonPart)
    {
        var error = Assert.Throws<NQuadsSyntaxException>(() => NQuadsParser.Parse(input));
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(reasonPart, error.Reason, StringComparison.Ordinal);
        Assert.Contains($"line {line}, column {column}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lone_surrogates_are_refused()
    {
        var error = Assert.Throws<NQuadsSyntaxException>(() => NQuadsParser.Parse("<http://a.example/s> <http://a.example/p> \"a\uD800b\" ."));
        Assert.Contains("surrogate", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_a_syntax_error() =>
        Assert.Throws<NQuadsSyntaxException>(() => NQuadsParser.ParseUtf8([(byte)'<', 0xFF, (byte)'>']));

    [Fact]
    public void Utf8_input_parses_like_text()
    {
        const string text = "<http://a.example/s> <http://a.example/p> \"é😀\" .\n";
        Assert.Equal(NQuadsParser.Parse(text).Quads, NQuadsParser.ParseUtf8(System.Text.Encoding.UTF8.GetBytes(text)).Quads);
    }

    [Fact]
    public void The_same_iri_is_one_instance()
    {
        var dataset = NQuadsParser.Parse("<http://a.example/s> <http://a.example/p> <http://a.example/s> .");
        Assert.Same(dataset.Quads[0].Subject, dataset.Quads[0].Object);
    }
}
