using Tradeproof.JsonLd.FromRdf;
using Tradeproof.JsonLd.Json;
using Tradeproof.JsonLd.Tests.Harness;
using Tradeproof.Rdf;
using Tradeproof.Rdf.NQuads;

namespace Tradeproof.JsonLd.Tests.Part2;

/// <summary>Behaviour of Serialize RDF as JSON-LD (JSON-LD 1.1 API §8.4) and RDF to Object Conversion (§8.5).</summary>
public sealed class FromRdfTests
{
    private const string Ex = "http://example.org/";

    private static List<object?> Serialize(string nquads, bool useNativeTypes = false, bool useRdfType = false, string? rdfDirection = null) =>
        SerializeRdfAsJsonLd.Serialize(NQuadsParser.Parse(nquads), ordered: true, rdfDirection, useNativeTypes, useRdfType);

    private static void AssertJson(string expected, object? actual) =>
        Assert.True(JsonLdComparison.Equivalent(JsonTree.Parse(expected), actual), JsonTree.Serialize(actual));

    [Fact]
    public void Rdf_type_becomes_type_unless_use_rdf_type()
    {
        const string nq = "<http://example.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/T> .\n";

        AssertJson("""[{"@id": "http://example.org/a", "@type": ["http://example.org/T"]}]""", Serialize(nq));
        AssertJson(
            """[{"@id": "http://example.org/a", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": [{"@id": "http://example.org/T"}]}]""",
            Serialize(nq, useRdfType: true));
    }

    [Fact]
    public void A_well_formed_collection_becomes_a_list()
    {
        const string nq = """
            <http://example.org/a> <http://example.org/steps> _:l1 .
            _:l1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "melt" .
            _:l1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:l2 .
            _:l2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "pour" .
            _:l2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .

            """;

        AssertJson(
            """[{"@id": "http://example.org/a", "http://example.org/steps": [{"@list": [{"@value": "melt"}, {"@value": "pour"}]}]}]""",
            Serialize(nq));
    }

    [Fact]
    public void A_list_node_referenced_twice_stays_a_node()
    {
        const string nq = """
            <http://example.org/a> <http://example.org/p> _:l1 .
            <http://example.org/b> <http://example.org/p> _:l1 .
            _:l1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "x" .
            _:l1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .

            """;

        var result = Serialize(nq);

        Assert.Contains(result, n => ((Dictionary<string, object?>)n!)["@id"] as string == "_:l1");
    }

    [Fact]
    public void Native_types_convert_booleans_and_numbers_only_when_asked()
    {
        const string nq = """
            <http://example.org/a> <http://example.org/b> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
            <http://example.org/a> <http://example.org/i> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
            <http://example.org/a> <http://example.org/d> "1.5E0"^^<http://www.w3.org/2001/XMLSchema#double> .
            <http://example.org/a> <http://example.org/x> "INF"^^<http://www.w3.org/2001/XMLSchema#double> .

            """;

        AssertJson(
            """
            [{"@id": "http://example.org/a",
              "http://example.org/b": [{"@value": true}],
              "http://example.org/i": [{"@value": 42}],
              "http://example.org/d": [{"@value": 1.5}],
              "http://example.org/x": [{"@value": "INF", "@type": "http://www.w3.org/2001/XMLSchema#double"}]}]
            """,
            Serialize(nq, useNativeTypes: true));
        AssertJson(
            """[{"@id": "http://example.org/a", "http://example.org/i": [{"@value": "42", "@type": "http://www.w3.org/2001/XMLSchema#integer"}]}]""",
            Serialize("<http://example.org/a> <http://example.org/i> \"42\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"));
    }

    [Fact]
    public void Json_literals_are_parsed_back_to_json()
    {
        var result = Serialize("<http://example.org/a> <http://example.org/j> \"{\\\"b\\\":[1,true]}\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .\n");

        AssertJson("""[{"@id": "http://example.org/a", "http://example.org/j": [{"@value": {"b": [1, true]}, "@type": "@json"}]}]""", result);
    }

    [Fact]
    public void An_invalid_json_literal_is_an_error()
    {
        var error = Assert.Throws<JsonLdException>(() =>
            Serialize("<http://example.org/a> <http://example.org/j> \"{oops\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .\n"));

        Assert.Equal(JsonLdErrorCode.InvalidJsonLiteral, error.Code);
    }

    [Fact]
    public void I18n_datatypes_decode_language_and_direction()
    {
        var result = Serialize(
            "<http://example.org/a> <http://example.org/l> \"shalom\"^^<https://www.w3.org/ns/i18n#he_rtl> .\n",
            rdfDirection: "i18n-datatype");

        AssertJson("""[{"@id": "http://example.org/a", "http://example.org/l": [{"@value": "shalom", "@language": "he", "@direction": "rtl"}]}]""", result);
    }

    [Fact]
    public void Compound_literals_decode_value_language_and_direction()
    {
        const string nq = """
            <http://example.org/a> <http://example.org/l> _:cl .
            _:cl <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> "shalom" .
            _:cl <http://www.w3.org/1999/02/22-rdf-syntax-ns#language> "he" .
            _:cl <http://www.w3.org/1999/02/22-rdf-syntax-ns#direction> "rtl" .

            """;

        AssertJson(
            """[{"@id": "http://example.org/a", "http://example.org/l": [{"@value": "shalom", "@language": "he", "@direction": "rtl"}]}]""",
            Serialize(nq, rdfDirection: "compound-literal"));
    }

    [Fact]
    public void A_compound_literal_with_a_bad_direction_is_an_error()
    {
        const string nq = """
            <http://example.org/a> <http://example.org/l> _:cl .
            _:cl <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> "x" .
            _:cl <http://www.w3.org/1999/02/22-rdf-syntax-ns#direction> "up" .

            """;

        var error = Assert.Throws<JsonLdException>(() => Serialize(nq, rdfDirection: "compound-literal"));
        Assert.Equal(JsonLdErrorCode.InvalidBaseDirection, error.Code);
    }

    [Fact]
    public void Language_tagged_literals_with_a_direction_keep_it()
    {
        var dataset = new RdfDataset();
        dataset.Add(new Iri(Ex + "a"), new Iri(Ex + "l"), Literal.LanguageTagged("shalom", "he", "rtl"));

        var result = SerializeRdfAsJsonLd.Serialize(dataset);

        AssertJson("""[{"@id": "http://example.org/a", "http://example.org/l": [{"@value": "shalom", "@language": "he", "@direction": "rtl"}]}]""", result);
    }

    [Fact]
    public void Named_graphs_are_nested_under_their_name()
    {
        var result = Serialize("<http://example.org/a> <http://example.org/p> \"v\" <http://example.org/g> .\n");

        AssertJson(
            """[{"@id": "http://example.org/g", "@graph": [{"@id": "http://example.org/a", "http://example.org/p": [{"@value": "v"}]}]}]""",
            result);
    }

    [Fact]
    public void An_unknown_rdf_direction_is_an_error()
    {
        var error = Assert.Throws<JsonLdException>(() => Serialize("<http://example.org/a> <http://example.org/p> \"v\" .\n", rdfDirection: "sideways"));
        Assert.Equal(JsonLdErrorCode.InvalidRdfDirection, error.Code);
    }

    [Fact]
    public void From_rdf_round_trips_a_credential_through_to_rdf()
    {
        var options = new JsonLdOptions();
        var millTestReport = File.ReadAllText(Path.Combine(Tradeproof.Testing.Conformance.RepositoryRoot, "..", "shared", "design", "fixtures", "mill-test-report.json"));
        var dataset = JsonLdProcessor.ToRdf(millTestReport, options);

        var json = JsonLdProcessor.FromRdf(dataset, options);
        var back = JsonLdProcessor.ToRdf(json, options);

        var expected = Tradeproof.Rdf.Canonicalization.RdfCanonicalizer.Canonicalize(dataset).CanonicalNQuads;
        var actual = Tradeproof.Rdf.Canonicalization.RdfCanonicalizer.Canonicalize(back).CanonicalNQuads;
        Assert.Equal(expected, actual);
    }
}
