using Tradeproof.JsonLd.Context;
using Tradeproof.JsonLd.NodeMap;
using Tradeproof.Rdf;

namespace Tradeproof.JsonLd.ToRdf;

/// <summary>
/// toRdf without the node map, for the common shape of an expanded document: a tree of node objects and
/// value objects with no <c>@reverse</c>, <c>@included</c>, <c>@index</c>, <c>@list</c> or null <c>@id</c>,
/// and no <c>@graph</c> except as a property value that is a graph object with no other entry (<c>{"@graph": [node
/// objects]}</c>, e.g. a credential in a presentation's <c>verifiableCredential</c> or a proof, VC 2.0's graph
/// containers). For such a tree, Node Map Generation (JSON-LD 1.1 API §7.2.2) only collects each node's types and
/// property values (merging nodes by identifier, and values by equality), and Deserialize JSON-LD to RDF (§8.1.2)
/// turns each (node, property, value) into one triple of the graph the node is in: walking the tree and adding the
/// same triples to a set gives the same dataset, up to the labels of the blank nodes the generator issues (they are
/// issued in another order). A graph object without <c>@id</c> is, in the node map, a node with a new blank node
/// identifier and no property (so no triple of its own) referenced by the property, and its <c>@graph</c> nodes go
/// to the graph of that name (step 6.11): the walk adds the reference triple to the current graph and the nested
/// nodes' triples to the new graph, whatever the well-formedness of the referencing subject or property.
/// Anything else returns null, and the caller takes the full algorithm; nothing is added to the caller's state
/// before that decision is final.
/// </summary>
internal static class DirectRdfDeserialization
{
    private static readonly Iri RdfType = new(RdfVocabulary.RdfType);

    /// <summary>The dataset of <paramref name="expanded"/>, or null when the document needs the node map.</summary>
    public static RdfDataset? TryDeserialize(JsonLdRun run, List<object?> expanded)
    {
        var triples = 0;
        if (!IsSimple(expanded, 0, ref triples))
        {
            return null;
        }

        var state = new Walk(run, triples);
        foreach (var item in expanded)
        {
            // Free-floating value objects at the top level have no subject: the node map ignores them.
            if (item is Dictionary<string, object?> map && !map.ContainsKey(Keywords.Value))
            {
                state.Node(map);
            }
        }

        return state.Dataset;
    }

    /// <summary>
    /// True when the tree holds only node objects and value objects of the supported shape; counts the triples it
    /// can give at most (one per type and per property value), so the dataset is made at its size once.
    /// </summary>
    private static bool IsSimple(object? element, int depth, ref int triples)
    {
        if (depth > 256)
        {
            return false;
        }

        if (element is List<object?> list)
        {
            foreach (var item in list)
            {
                if (!IsSimple(item, depth + 1, ref triples))
                {
                    return false;
                }
            }

            return true;
        }

        if (element is not Dictionary<string, object?> map)
        {
            return false;
        }

        if (map.ContainsKey(Keywords.Value))
        {
            // A value object: its members are @value, @type, @language, @direction (checked by expansion).
            return !map.ContainsKey(Keywords.Index);
        }

        foreach (var (key, value) in map)
        {
            if (key.Length > 0 && key[0] == '@')
            {
                if (key == Keywords.Id)
                {
                    if (value is not string)
                    {
                        return false;
                    }
                }
                else if (key == Keywords.Type)
                {
                    foreach (var type in Json.JsonTree.AsList(value))
                    {
                        if (type is not string)
                        {
                            return false;
                        }

                        triples++;
                    }
                }
                else
                {
                    // @graph, @reverse, @included, @index, @list, @set, ...: the full algorithm.
                    return false;
                }
            }
            else if (value is List<object?> values && AreSimpleValues(values, depth + 1, ref triples))
            {
                triples += values.Count;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    // A property's values: node objects, value objects, and graph objects whose only entry is @graph and whose
    // nodes are node objects (not value objects: expansion drops free-floating values in @graph).
    private static bool AreSimpleValues(List<object?> values, int depth, ref int triples)
    {
        foreach (var item in values)
        {
            if (IsGraphObject(item, out var graph))
            {
                foreach (var node in graph)
                {
                    if (node is not Dictionary<string, object?> map || map.ContainsKey(Keywords.Value) || !IsSimple(map, depth + 2, ref triples))
                    {
                        return false;
                    }
                }
            }
            else if (!IsSimple(item, depth + 1, ref triples))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsGraphObject(object? item, out List<object?> graph)
    {
        if (item is Dictionary<string, object?> { Count: 1 } map && map.TryGetValue(Keywords.Graph, out var value) && value is List<object?> nodes)
        {
            graph = nodes;
            return true;
        }

        graph = null!;
        return false;
    }

    private sealed class Walk
    {
        private readonly JsonLdRun _run;
        private readonly BlankNodeIdGenerator _generator = new();
        private readonly List<(RdfTerm S, RdfTerm P, RdfTerm O)> _extraTriples = [];
        private readonly EmbeddedDocuments? _embedded;

        // Inside a kept embedded document (EmbeddedDocuments): its own dataset, which gets every triple the walk adds
        // for it, in the default graph where the walk adds it to the document's graph (_ownerGraph).
        private RdfDataset? _owned;
        private RdfTerm? _ownerGraph;

        public Walk(JsonLdRun run, int triples)
        {
            _run = run;
            _embedded = run.Embedded;
            Dataset = new RdfDataset(triples);
        }

        private void Add(RdfTerm subject, RdfTerm predicate, RdfTerm @object)
        {
            Dataset.Add(subject, predicate, @object, _graph);
            _owned?.Add(subject, predicate, @object, ReferenceEquals(_graph, _ownerGraph) ? null : _graph);
        }

        public RdfDataset Dataset { get; }

        // The graph the walk is in (null: the default graph).
        private RdfTerm? _graph;

        /// <summary>Adds the triples of a node object and of the nodes nested in it; returns its subject term (null when not well-formed).</summary>
        public RdfTerm? Node(Dictionary<string, object?> node)
        {
            // A kept embedded document: what the walk adds from here on is also its own dataset (see EmbeddedDocuments).
            if (_embedded is not null && _graph is not null && _ownerGraph is null && _embedded.IsKeptNode(node, out var keptIndex))
            {
                var owned = new RdfDataset(node.Count * 4);
                (_owned, _ownerGraph) = (owned, _graph);
                var ownSubject = Node(node);
                (_owned, _ownerGraph) = (null, null);
                _embedded.SetDataset(keptIndex, owned);
                return ownSubject;
            }

            var owner = _owned;
            // Node map step 6.1-6.2: the identifier; blank node identifiers are relabelled.
            var id = node.TryGetValue(Keywords.Id, out var idValue) && idValue is string given
                ? (given.StartsWith("_:", StringComparison.Ordinal) ? _generator.Generate(given) : given)
                : _generator.Generate();
            var subject = ObjectToRdf.ToResource(id);

            foreach (var (property, value) in node)
            {
                if (property == Keywords.Id)
                {
                    continue;
                }

                if (property == Keywords.Type)
                {
                    // Node map step 3 and 6.7, deserialization step 1.3.2.1.
                    foreach (var type in Json.JsonTree.AsList(value))
                    {
                        var t = (string)type!;
                        if (ObjectToRdf.ToResource(t.StartsWith("_:", StringComparison.Ordinal) ? _generator.Generate(t) : t) is { } typeTerm && subject is not null)
                        {
                            Add(subject, RdfType, typeTerm);
                        }
                    }

                    continue;
                }

                // Node map step 6.12.1: blank node properties are relabelled; deserialization drops them
                // (step 1.3.2.3) unless generalized RDF is asked for.
                RdfTerm? predicate;
                if (property.StartsWith("_:", StringComparison.Ordinal))
                {
                    var name = _generator.Generate(property);
                    predicate = _run.Options.ProduceGeneralizedRdf ? ObjectToRdf.ToResource(name) : null;
                }
                else
                {
                    predicate = ObjectToRdf.ToResource(property);
                }

                // The kept document's own excluded member (its proof) is not part of its own dataset.
                if (owner is not null && _embedded!.IsExcluded(node, property))
                {
                    _owned = null;
                }

                foreach (var item in (List<object?>)value!)
                {
                    if (IsGraphObject(item, out var graphNodes))
                    {
                        // Node map step 6.1 (a new blank node identifier), 6.6 (the reference, in this graph) and 6.11
                        // (the graph's nodes, in the graph of that name).
                        var graphName = ObjectToRdf.ToResource(_generator.Generate())!;
                        if (subject is not null && predicate is not null)
                        {
                            Add(subject, predicate, graphName);
                        }

                        var outer = _graph;
                        _graph = graphName;
                        foreach (var graphNode in graphNodes)
                        {
                            Node((Dictionary<string, object?>)graphNode!);
                        }

                        _graph = outer;
                        continue;
                    }

                    var map = (Dictionary<string, object?>)item!;
                    if (map.ContainsKey(Keywords.Value))
                    {
                        // Deserialization step 1.3.2.5: only values of well-formed subjects and predicates are converted.
                        if (subject is null || predicate is null)
                        {
                            continue;
                        }

                        _extraTriples.Clear();
                        if (ObjectToRdf.Convert(_run, map, _extraTriples, _generator) is { } literal)
                        {
                            Add(subject, predicate, literal);
                        }

                        foreach (var (s, p, o) in _extraTriples)
                        {
                            Add(s, p, o);
                        }

                        continue;
                    }

                    // A node object: its own triples, then the reference to it (node map step 6.6).
                    var nested = Node(map);
                    if (subject is not null && predicate is not null && nested is not null)
                    {
                        Add(subject, predicate, nested);
                    }
                }

                _owned = owner;
            }

            return subject;
        }
    }
}
