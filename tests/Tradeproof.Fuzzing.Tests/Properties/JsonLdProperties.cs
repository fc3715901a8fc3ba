using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Tradeproof.JsonLd;
using Tradeproof.Json;
using Tradeproof.Rdf.Canonicalization;

namespace Tradeproof.Fuzzing.Tests.Properties;

/// <summary>
/// JSON-LD 1.1 round trips the API spec promises: compacting an expanded document and expanding it again gives the same
/// expanded document, and the same RDF; flattening keeps the RDF. Documents are random node objects over a context with
/// @vocab, typed terms, language strings, @id references, lists and nested nodes.
/// </summary>
public sealed class JsonLdProperties
{
    private const string Context = """
        {"@vocab": "http://example.org/vocab#", "ex": "http://example.org/", "knows": {"@type": "@id"},
         "born": {"@type": "http://www.w3.org/2001/XMLSchema#date"}, "label": {"@language": "en"},
         "steps": {"@container": "@list"}, "tags": {"@container": "@set"}}
        """;

    private static readonly Gen<JsonNode?> ScalarGen = Gen.OneOf(
        Gen.Elements("x", "caf\u00e9", "", "a b", "2025-01-01").Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Choose(-5, 5000).Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Elements("en", "de", "fr").Select(l => (JsonNode?)new JsonObject { ["@value"] = "wort", ["@language"] = l }));

    // Node ids differ between nesting levels: flattening merges nodes sharing an id, and a merged node holding two
    // lists under a term with "@container": "@list" cannot be compacted without loss (JSON-LD 1.1 Compaction
    // Algorithm: the second list overwrites the first), so the spec promises no round trip there.
    private static Gen<JsonObject> NodeGen(int depth) =>
        from id in Gen.Elements<string?>(null, "ex:a" + depth, "ex:b" + depth, "http://example.org/c" + depth, "_:b1" + depth, "_:b2" + depth)
        from type in Gen.Elements<string?>(null, "Product", "ex:Shipment", "Organization")
        from count in Gen.Choose(1, 4)
        from props in Gen.ListOf(PropertyGen(depth), count)
        select Build(id, type, props);

    private static Gen<(string Name, JsonNode? Value)> PropertyGen(int depth) => Gen.OneOf(
        from name in Gen.Elements("name", "weight", "ex:code", "http://example.org/other#p")
        from value in ScalarGen
        select (name, value),
        Gen.Elements("ex:a", "ex:b", "_:b1", "http://example.org/d").Select(v => ("knows", (JsonNode?)JsonValue.Create(v))),
        Gen.Elements("1990-01-01", "2000-02-29").Select(v => ("born", (JsonNode?)JsonValue.Create(v))),
        Gen.Elements("Steel", "Coil").Select(v => ("label", (JsonNode?)JsonValue.Create(v))),
        Gen.ListOf(ScalarGen, 3).Select(items => ("steps", (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))),
        Gen.ListOf(ScalarGen, 2).Select(items => ("tags", (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))),
        depth <= 0
            ? ScalarGen.Select(v => ("name", v))
            : NodeGen(depth - 1).Select(n => ("contains", (JsonNode?)n)));

    private static JsonObject Build(string? id, string? type, IEnumerable<(string Name, JsonNode? Value)> props)
    {
        var node = new JsonObject();
        if (id is not null)
        {
            node["@id"] = id;
        }

        if (type is not null)
        {
            node["@type"] = type;
        }

        foreach (var (name, value) in props)
        {
            node[name] = value?.DeepClone();
        }

        return node;
    }

    private static string Document(JsonObject node)
    {
        var document = (JsonObject)node.DeepClone();
        document.Insert(0, "@context", JsonNode.Parse(Context));
        return document.ToJsonString();
    }

    private static string CanonicalRdf(string json) =>
        RdfCanonicalizer.Canonicalize(JsonLdProcessor.ToRdf(json)).CanonicalNQuads;

    [Fact]
    public void Expanding_the_compacted_form_gives_the_same_expanded_document_and_rdf()
    {
        PropertyRuns.Check(Prop.ForAll(NodeGen(2).ToArbitrary(), node =>
        {
            var document = Document(node);
            var expanded = JsonLdProcessor.Expand(document);
            var compacted = JsonLdProcessor.Compact(expanded, Context);
            var again = JsonLdProcessor.Expand(compacted);
            Assert.Equal(Jcs.Canonicalize(expanded), Jcs.Canonicalize(again));
            var rdf = CanonicalRdf(document);
            Assert.Equal(rdf, CanonicalRdf(expanded));
            Assert.Equal(rdf, CanonicalRdf(compacted));
        }), maxTest: 150);
    }

    [Fact]
    public void Flattening_keeps_the_rdf()
    {
        PropertyRuns.Check(Prop.ForAll(NodeGen(2).ToArbitrary(), node =>
        {
            var document = Document(node);
            Assert.Equal(CanonicalRdf(document), CanonicalRdf(JsonLdProcessor.Flatten(document, Context)));
        }), maxTest: 100);
    }
}
