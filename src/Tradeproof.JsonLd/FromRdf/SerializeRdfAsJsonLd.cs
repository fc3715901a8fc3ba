using Tradeproof.JsonLd.Context;
using Tradeproof.Rdf;

namespace Tradeproof.JsonLd.FromRdf;

/// <summary>
/// Serialize RDF as JSON-LD Algorithm (JSON-LD 1.1 Processing Algorithms and API §8.4): turns an
/// RDF dataset into a JSON-LD document in expanded form, converting well-formed RDF collections
/// into lists and, with <c>rdfDirection</c>, decoding i18n datatypes and compound literals.
/// </summary>
internal static class SerializeRdfAsJsonLd
{
    /// <summary>Runs the algorithm.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="ordered">Order map entries and nodes in code point order.</param>
    /// <param name="rdfDirection">null, <c>i18n-datatype</c> or <c>compound-literal</c>.</param>
    /// <param name="useNativeTypes">Convert xsd:boolean, xsd:integer and xsd:double to JSON values.</param>
    /// <param name="useRdfType">Keep rdf:type as a property instead of <c>@type</c>.</param>
    /// <param name="processingMode10">Processing mode json-ld-1.0 (no JSON literals).</param>
    /// <returns>The expanded document: an array of node objects.</returns>
    public static List<object?> Serialize(
        RdfDataset dataset,
        bool ordered = false,
        string? rdfDirection = null,
        bool useNativeTypes = false,
        bool useRdfType = false,
        bool processingMode10 = false)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (rdfDirection is not null and not "i18n-datatype" and not "compound-literal")
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidRdfDirection, $"Unknown rdfDirection '{rdfDirection}'.");
        }

        // Steps 1 and 2: default graph and graph map.
        var defaultGraph = new Dictionary<string, FromRdfNode>(StringComparer.Ordinal);
        var graphMap = new Dictionary<string, Dictionary<string, FromRdfNode>>(StringComparer.Ordinal)
        {
            ["@default"] = defaultGraph,
        };

        // Step 3: referenced once (a usage, or null standing for false).
        var referencedOnce = new Dictionary<string, Usage?>(StringComparer.Ordinal);

        // Step 4: compound literal subjects per graph.
        var compoundLiteralSubjects = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);

        // Step 5: for each graph in the dataset (quads are visited in dataset order; each quad's
        // graph selects the graph it belongs to).
        foreach (var quad in dataset.Quads)
        {
            // Step 5.1: the graph name.
            var name = quad.Graph is null ? "@default" : TermId(quad.Graph);

            // Step 5.2 and 5.3.
            if (!graphMap.TryGetValue(name, out var nodeMap))
            {
                nodeMap = new Dictionary<string, FromRdfNode>(StringComparer.Ordinal);
                graphMap[name] = nodeMap;
            }

            if (!compoundLiteralSubjects.TryGetValue(name, out var compoundMap))
            {
                compoundMap = new HashSet<string>(StringComparer.Ordinal);
                compoundLiteralSubjects[name] = compoundMap;
            }

            // Step 5.4: a named graph gets a node in the default graph.
            if (quad.Graph is not null && !defaultGraph.ContainsKey(name))
            {
                defaultGraph[name] = new FromRdfNode(name);
            }

            // Steps 5.5 and 5.6 are the two lookups above.
            var subject = TermId(quad.Subject);
            var predicate = TermId(quad.Predicate);
            var @object = quad.Object;

            // Steps 5.7.1 and 5.7.2: the subject's node.
            if (!nodeMap.TryGetValue(subject, out var node))
            {
                node = new FromRdfNode(subject);
                nodeMap[subject] = node;
            }

            // Step 5.7.3: a compound literal subject.
            if (rdfDirection == "compound-literal" && predicate == RdfVocabulary.RdfDirection)
            {
                compoundMap.Add(subject);
            }

            // Step 5.7.4: an IRI or blank node object gets a node.
            string? objectId = @object is Literal ? null : TermId(@object);
            if (objectId is not null && !nodeMap.ContainsKey(objectId))
            {
                nodeMap[objectId] = new FromRdfNode(objectId);
            }

            // Step 5.7.5: rdf:type becomes @type.
            if (predicate == RdfVocabulary.RdfType && !useRdfType && objectId is not null)
            {
                if (!node.Types.Contains(objectId))
                {
                    node.Types.Add(objectId);
                }

                continue;
            }

            // Step 5.7.6: the value.
            var value = RdfToObjectConversion.Convert(@object, rdfDirection, useNativeTypes, processingMode10);

            // Steps 5.7.7 and 5.7.8: add it unless an equivalent value is there.
            if (!node.Properties.TryGetValue(predicate, out var values))
            {
                values = [];
                node.Properties[predicate] = values;
            }

            var present = false;
            foreach (var existing in values)
            {
                if (existing.EquivalentTo(value))
                {
                    present = true;
                    value = existing;
                    break;
                }
            }

            if (!present)
            {
                values.Add(value);
            }

            if (objectId == RdfVocabulary.RdfNil)
            {
                // Step 5.7.9: rdf:nil, the end of a collection: remember where it is used.
                nodeMap[objectId].Usages.Add(new Usage(node, predicate, value));
            }
            else if (objectId is not null && referencedOnce.ContainsKey(objectId))
            {
                // Step 5.7.10: referenced more than once.
                referencedOnce[objectId] = null;
            }
            else if (objectId is not null && @object is BlankNode)
            {
                // Step 5.7.11: a blank node referenced once might be a list node.
                referencedOnce[objectId] = new Usage(node, predicate, value);
            }
        }

        // Step 6: for each graph, compound literals and lists.
        foreach (var (name, graphObject) in graphMap)
        {
            // Step 6.1: compound literals.
            if (compoundLiteralSubjects.TryGetValue(name, out var compoundSubjects))
            {
                foreach (var cl in compoundSubjects)
                {
                    ConvertCompoundLiteral(cl, graphObject, referencedOnce);
                }
            }

            // Steps 6.2 and 6.3: graphs without rdf:nil hold no list.
            if (!graphObject.TryGetValue(RdfVocabulary.RdfNil, out var nil))
            {
                continue;
            }

            // Step 6.4: for each usage of rdf:nil.
            foreach (var usage in nil.Usages)
            {
                // Step 6.4.1.
                var node = usage.Node;
                var property = usage.Property;
                var head = usage.Value;

                // Step 6.4.2.
                var list = new List<FromRdfObject>();
                var listNodes = new List<string>();

                // Step 6.4.3: walk a well-formed list backwards towards its head.
                while (property == RdfVocabulary.RdfRest
                    && IsBlankNodeId(node.Id)
                    && referencedOnce.TryGetValue(node.Id, out var nodeUsage)
                    && nodeUsage is not null
                    && node.IsWellFormedListNode())
                {
                    // Steps 6.4.3.1 and 6.4.3.2.
                    list.Add(node.Properties[RdfVocabulary.RdfFirst][0]);
                    listNodes.Add(node.Id);

                    // Steps 6.4.3.3 and 6.4.3.4.
                    node = nodeUsage.Node;
                    property = nodeUsage.Property;
                    head = nodeUsage.Value;

                    // Step 6.4.3.5: a list node named by an IRI ends the walk.
                    if (!IsBlankNodeId(node.Id))
                    {
                        break;
                    }
                }

                // Steps 6.4.4 to 6.4.6: the head becomes the list object.
                head.Id = null;
                list.Reverse();
                head.List = list;

                // Step 6.4.7: the list nodes are gone.
                foreach (var nodeId in listNodes)
                {
                    graphObject.Remove(nodeId);
                }
            }
        }

        // Steps 7 and 8: the result, named graphs nested in their node.
        var result = new List<object?>();
        foreach (var (subject, node) in Order(defaultGraph, ordered))
        {
            List<object?>? graph = null;
            if (graphMap.TryGetValue(subject, out var namedGraph) && subject != "@default")
            {
                // Step 8.1 and 8.2.
                graph = [];
                foreach (var (_, n) in Order(namedGraph, ordered))
                {
                    if (!n.OnlyId)
                    {
                        graph.Add(n.ToJson(ordered, null));
                    }
                }
            }

            // Step 8.3.
            if (graph is not null || !node.OnlyId)
            {
                result.Add(node.ToJson(ordered, graph));
            }
        }

        // Step 9.
        return result;
    }

    private static void ConvertCompoundLiteral(string cl, Dictionary<string, FromRdfNode> graphObject, Dictionary<string, Usage?> referencedOnce)
    {
        // Step 6.1.1: only a blank node referenced exactly once is a compound literal.
        if (!referencedOnce.TryGetValue(cl, out var clEntry) || clEntry is null)
        {
            return;
        }

        // Steps 6.1.2 to 6.1.4.
        var node = clEntry.Node;
        var property = clEntry.Property;

        // Step 6.1.5: the compound literal's node leaves the graph.
        if (!graphObject.Remove(cl, out var clNode))
        {
            return;
        }

        // Step 6.1.6: every reference to it becomes a value object.
        foreach (var clReference in node.Properties[property])
        {
            if (clReference.Id != cl)
            {
                continue;
            }

            clReference.Id = null;
            clReference.Value = FirstValue(clNode, RdfVocabulary.RdfValue)?.Value;
            var language = FirstValue(clNode, RdfVocabulary.RdfLanguage)?.Value;
            if (language is not null)
            {
                var tag = language as string;
                if (tag is null || !LanguageTag.IsWellFormed(tag))
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidLanguageTaggedString, "rdf:language of a compound literal is not a well-formed language tag.");
                }

                clReference.Language = tag;
            }

            var direction = FirstValue(clNode, RdfVocabulary.RdfDirection)?.Value;
            if (direction is not null)
            {
                var dir = direction as string;
                if (dir is not ("ltr" or "rtl"))
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidBaseDirection, "rdf:direction of a compound literal is neither ltr nor rtl.");
                }

                clReference.Direction = dir;
            }
        }
    }

    private static FromRdfObject? FirstValue(FromRdfNode node, string property) =>
        node.Properties.TryGetValue(property, out var values) && values.Count > 0 ? values[0] : null;

    private static IEnumerable<KeyValuePair<string, FromRdfNode>> Order(Dictionary<string, FromRdfNode> nodes, bool ordered) =>
        ordered ? nodes.OrderBy(pair => pair.Key, StringComparer.Ordinal) : nodes;

    private static bool IsBlankNodeId(string id) => id.StartsWith("_:", StringComparison.Ordinal);

    private static string TermId(RdfTerm term) => term switch
    {
        Iri iri => iri.Value,
        BlankNode blank => "_:" + blank.Label,
        _ => throw new ArgumentException("A literal cannot name a subject, predicate or graph.", nameof(term)),
    };

    /// <summary>Where a node is used: the node, property and value object referring to it.</summary>
    internal sealed record Usage(FromRdfNode Node, string Property, FromRdfObject Value);

    /// <summary>A node object being built.</summary>
    internal sealed class FromRdfNode(string id)
    {
        public string Id { get; } = id;

        public List<string> Types { get; } = [];

        public Dictionary<string, List<FromRdfObject>> Properties { get; } = new(StringComparer.Ordinal);

        public List<Usage> Usages { get; } = [];

        public bool OnlyId => Types.Count == 0 && Properties.Count == 0;

        /// <summary>
        /// Step 6.4.3: exactly one rdf:first and one rdf:rest, nothing else but an optional
        /// <c>@type</c> of exactly rdf:List.
        /// </summary>
        public bool IsWellFormedListNode()
        {
            if (Properties.Count != 2
                || !Properties.TryGetValue(RdfVocabulary.RdfFirst, out var first) || first.Count != 1
                || !Properties.TryGetValue(RdfVocabulary.RdfRest, out var rest) || rest.Count != 1)
            {
                return false;
            }

            return Types.Count == 0 || (Types.Count == 1 && Types[0] == RdfVocabulary.Rdf + "List");
        }

        public Dictionary<string, object?> ToJson(bool ordered, List<object?>? graph)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal) { ["@id"] = Id };
            if (Types.Count > 0)
            {
                var types = new List<object?>(Types.Count);
                foreach (var type in Types)
                {
                    types.Add(type);
                }

                result["@type"] = types;
            }

            if (graph is not null)
            {
                result["@graph"] = graph;
            }

            IEnumerable<KeyValuePair<string, List<FromRdfObject>>> properties = ordered
                ? Properties.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                : Properties;
            foreach (var (property, values) in properties)
            {
                var array = new List<object?>(values.Count);
                foreach (var value in values)
                {
                    array.Add(value.ToJson());
                }

                result[property] = array;
            }

            return result;
        }
    }
}
