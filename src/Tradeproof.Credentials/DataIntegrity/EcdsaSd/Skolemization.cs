using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.JsonLd;
using Tradeproof.Rdf;

namespace Tradeproof.Credentials.DataIntegrity.EcdsaSd;

/// <summary>
/// VC Data Integrity selective disclosure functions "skolemizeExpandedJsonLd", "skolemizeCompactJsonLd" and
/// "toDeskolemizedNQuads": every blank node of a document gets a <c>urn:&lt;scheme&gt;:</c> IRI so that a
/// selection of the compact document names the same nodes as the whole, and back to blank nodes in RDF.
/// </summary>
/// <remarks>
/// Departures: the spec draws a random string to keep skolem IRIs apart from the document's own IRIs; this
/// library has no ambient randomness, so it picks a URN scheme that occurs nowhere in the expanded document
/// (<c>bnid</c>, else <c>bnid1</c>, ...) and numbers the nodes <c>x0</c>, <c>x1</c>, ... (JSON-LD toRdf
/// labels its own list nodes <c>b0</c>, ...). Blank node identifiers already in the document are renamed
/// through the same counter. List and value objects never get an <c>@id</c>.
/// </remarks>
internal sealed class Skolemization
{
    private readonly Dictionary<string, string> _renamed = new(StringComparer.Ordinal);
    private int _count;

    private Skolemization(string prefix) => Prefix = prefix;

    /// <summary>The IRI prefix of skolem IRIs, e.g. <c>urn:bnid:</c>.</summary>
    public string Prefix { get; }

    /// <summary>skolemizeCompactJsonLd: the skolemized expanded and compact forms of <paramref name="document"/>.</summary>
    /// <exception cref="ProofTransformException">JSON-LD expansion or compaction failed.</exception>
    public static (JsonArray Expanded, JsonObject Compact, string Prefix) SkolemizeCompactJsonLd(JsonObject document, JsonLdOptions options)
    {
        // Step 1: expand.
        var json = document.ToJsonString();
        string expandedText;
        try
        {
            expandedText = JsonLdProcessor.Expand(json, options);
        }
        catch (JsonLdException e)
        {
            throw new ProofTransformException("JSON-LD: " + e.Message, e);
        }

        var scheme = "bnid";
        for (var i = 1; expandedText.Contains("urn:" + scheme + ":", StringComparison.Ordinal); i++)
        {
            scheme = "bnid" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // Step 2: skolemize the expanded form.
        var skolemization = new Skolemization("urn:" + scheme + ":");
        var expanded = skolemization.SkolemizeExpanded((JsonArray)JsonNode.Parse(expandedText)!);

        // Step 3: compact it with the document's @context.
        var context = new JsonObject { ["@context"] = document.TryGetPropertyValue("@context", out var c) ? c?.DeepClone() : new JsonObject() };
        string compactText;
        try
        {
            compactText = JsonLdProcessor.Compact(expanded.ToJsonString(), context.ToJsonString(), options);
        }
        catch (JsonLdException e)
        {
            throw new ProofTransformException("JSON-LD: " + e.Message, e);
        }

        return (expanded, (JsonObject)JsonNode.Parse(compactText)!, skolemization.Prefix);
    }

    /// <summary>skolemizeExpandedJsonLd over one array of an expanded document.</summary>
    public JsonArray SkolemizeExpanded(JsonArray expanded)
    {
        var result = new JsonArray();
        foreach (var element in expanded)
        {
            result.Add(SkolemizeElement(element));
        }

        return result;
    }

    private JsonNode? SkolemizeElement(JsonNode? element)
    {
        // Step 2.1: non-objects and value objects are copied.
        if (element is not JsonObject obj || obj.ContainsKey("@value"))
        {
            return element?.DeepClone();
        }

        // Step 2.2-2.3: copy, skolemizing every property value.
        var node = new JsonObject();
        foreach (var (property, value) in obj)
        {
            node[property] = value switch
            {
                JsonArray array => SkolemizeExpanded(array),
                JsonObject map when property == "@reverse" => SkolemizeReverse(map),
                _ => SkolemizeElement(value),
            };
        }

        if (obj.ContainsKey("@list") || obj.ContainsKey("@set"))
        {
            return node;
        }

        // Step 2.4-2.5: a fresh skolem IRI, or the blank node identifier's.
        if (!node.TryGetPropertyValue("@id", out var id) || id is null)
        {
            node["@id"] = Prefix + "x" + (_count++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (id.GetValue<string>() is { } text && text.StartsWith("_:", StringComparison.Ordinal))
        {
            if (!_renamed.TryGetValue(text, out var renamed))
            {
                renamed = "x" + (_count++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                _renamed[text] = renamed;
            }

            node["@id"] = Prefix + renamed;
        }

        return node;
    }

    private JsonObject SkolemizeReverse(JsonObject map)
    {
        var result = new JsonObject();
        foreach (var (property, value) in map)
        {
            result[property] = value is JsonArray array ? SkolemizeExpanded(array) : SkolemizeElement(value);
        }

        return result;
    }

    /// <summary>toDeskolemizedNQuads: JSON-LD toRdf, then every IRI with <paramref name="prefix"/> back to a blank node.</summary>
    /// <exception cref="ProofTransformException">JSON-LD toRdf failed.</exception>
    public static RdfDataset ToDeskolemizedNQuads(JsonNode document, string prefix, ProofTransforms transforms)
    {
        var dataset = transforms.ToRdf(Encoding.UTF8.GetBytes(document.ToJsonString()));
        var result = new RdfDataset();
        foreach (var quad in dataset)
        {
            result.Add(Deskolemize(quad.Subject, prefix), quad.Predicate, Deskolemize(quad.Object, prefix), quad.Graph is null ? null : Deskolemize(quad.Graph, prefix));
        }

        return result;
    }

    private static RdfTerm Deskolemize(RdfTerm term, string prefix) =>
        term is Iri iri && iri.Value.StartsWith(prefix, StringComparison.Ordinal) ? new BlankNode(iri.Value[prefix.Length..]) : term;
}
