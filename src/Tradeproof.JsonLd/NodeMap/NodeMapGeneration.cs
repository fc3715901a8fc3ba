using Tradeproof.JsonLd.Context;
using Tradeproof.JsonLd.Json;

namespace Tradeproof.JsonLd.NodeMap;

/// <summary>
/// Node Map Generation (JSON-LD 1.1 API §7.2.2). The node map is graph name (<c>@default</c> for the
/// default graph) -> node identifier -> node object; each node's property values are arrays.
/// The input (an expanded document) is never mutated; value objects from it are shared into the map.
/// Part 2 API: <c>var map = NodeMapGeneration.CreateNodeMap(); NodeMapGeneration.Generate(expanded, map, generator);</c>
/// </summary>
internal static class NodeMapGeneration
{
    public const string DefaultGraph = "@default";

    /// <summary>The identifier used for a node whose <c>@id</c> is null (not an IRI, so never serialized to RDF).</summary>
    public const string NullId = "@null";

    /// <summary>A new node map holding an empty default graph.</summary>
    public static Dictionary<string, Dictionary<string, Dictionary<string, object?>>> CreateNodeMap() =>
        new(StringComparer.Ordinal) { [DefaultGraph] = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal) };

    public static void Generate(
        object? element,
        Dictionary<string, Dictionary<string, Dictionary<string, object?>>> nodeMap,
        BlankNodeIdGenerator generator,
        string activeGraph = DefaultGraph,
        object? activeSubject = null,
        string? activeProperty = null,
        Dictionary<string, object?>? list = null)
    {
        // Step 1: arrays.
        if (element is List<object?> array)
        {
            foreach (var item in array)
            {
                Generate(item, nodeMap, generator, activeGraph, activeSubject, activeProperty, list);
            }

            return;
        }

        if (element is not Dictionary<string, object?> map)
        {
            return;
        }

        // Step 2.
        if (!nodeMap.TryGetValue(activeGraph, out var graph))
        {
            graph = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
            nodeMap[activeGraph] = graph;
        }

        Dictionary<string, object?>? subjectNode = activeSubject is string subjectId ? graph[subjectId] : null;

        // Step 3: blank node types are relabelled.
        List<object?>? types = null;
        if (map.TryGetValue(Keywords.Type, out var typeValue))
        {
            types = [];
            foreach (var t in JsonTree.AsList(typeValue))
            {
                types.Add(t is string ts && ts.StartsWith("_:", StringComparison.Ordinal) ? generator.Generate(ts) : t);
            }
        }

        // Step 4: value objects (a free-floating one, with no subject, is ignored).
        if (map.ContainsKey(Keywords.Value))
        {
            if (list is null && subjectNode is null)
            {
                return;
            }

            if (list is null)
            {
                AddUnique(subjectNode!, activeProperty!, map);
            }
            else
            {
                ((List<object?>)list[Keywords.List]!).Add(map);
            }

            return;
        }

        // Step 5: list objects (a free-floating one, with no subject, is ignored).
        if (map.TryGetValue(Keywords.List, out var listValue))
        {
            if (list is null && subjectNode is null)
            {
                return;
            }

            var result = new Dictionary<string, object?>(StringComparer.Ordinal) { [Keywords.List] = new List<object?>() };
            Generate(listValue, nodeMap, generator, activeGraph, activeSubject, activeProperty, result);
            if (list is null)
            {
                Append(subjectNode!, activeProperty!, result);
            }
            else
            {
                ((List<object?>)list[Keywords.List]!).Add(result);
            }

            return;
        }

        // Step 6: node objects.
        string id;
        if (map.TryGetValue(Keywords.Id, out var idValue) && idValue is string givenId)
        {
            id = givenId.StartsWith("_:", StringComparison.Ordinal) ? generator.Generate(givenId) : givenId;
        }
        else if (idValue is null && map.ContainsKey(Keywords.Id))
        {
            // "@id": null (from an ignored keyword-like IRI): a node that is never well-formed, so toRdf drops it.
            id = NullId;
        }
        else
        {
            id = generator.Generate();
        }

        // Steps 6.3-6.4.
        if (!graph.TryGetValue(id, out var node))
        {
            node = new Dictionary<string, object?>(StringComparer.Ordinal) { [Keywords.Id] = id };
            graph[id] = node;
        }

        if (activeSubject is Dictionary<string, object?> referencingNode)
        {
            // Step 6.5: a reverse property: the referencing node is a value of this node.
            AddUnique(node, activeProperty!, referencingNode);
        }
        else if (activeProperty is not null)
        {
            // Step 6.6.
            var reference = new Dictionary<string, object?>(StringComparer.Ordinal) { [Keywords.Id] = id };
            if (list is null)
            {
                AddUnique(subjectNode!, activeProperty, reference);
            }
            else
            {
                ((List<object?>)list[Keywords.List]!).Add(reference);
            }
        }

        // Step 6.7.
        if (types is not null)
        {
            foreach (var t in types)
            {
                AddUnique(node, Keywords.Type, t);
            }
        }

        // Step 6.8.
        if (map.TryGetValue(Keywords.Index, out var index))
        {
            if (node.TryGetValue(Keywords.Index, out var existingIndex) && !JsonTree.DeepEquals(existingIndex, index))
            {
                throw new JsonLdException(JsonLdErrorCode.ConflictingIndexes, id);
            }

            node[Keywords.Index] = index;
        }

        // Step 6.9.
        if (map.TryGetValue(Keywords.Reverse, out var reverseValue) && reverseValue is Dictionary<string, object?> reverseMap)
        {
            var referenced = new Dictionary<string, object?>(StringComparer.Ordinal) { [Keywords.Id] = id };
            foreach (var (property, values) in reverseMap)
            {
                foreach (var value in JsonTree.AsList(values))
                {
                    Generate(value, nodeMap, generator, activeGraph, referenced, property);
                }
            }
        }

        // Step 6.10.
        if (map.TryGetValue(Keywords.Graph, out var graphValue))
        {
            Generate(graphValue, nodeMap, generator, id);
        }

        // Step 6.11.
        if (map.TryGetValue(Keywords.Included, out var includedValue))
        {
            Generate(includedValue, nodeMap, generator, activeGraph);
        }

        // Step 6.12: the other properties, in order.
        var properties = new List<string>(map.Count);
        foreach (var key in map.Keys)
        {
            if (key is not (Keywords.Id or Keywords.Type or Keywords.Index or Keywords.Reverse or Keywords.Graph or Keywords.Included))
            {
                properties.Add(key);
            }
        }

        properties.Sort(string.CompareOrdinal);
        foreach (var property in properties)
        {
            var value = map[property];

            // Step 6.12.1.
            var name = property.StartsWith("_:", StringComparison.Ordinal) ? generator.Generate(property) : property;

            // Step 6.12.2.
            if (!node.ContainsKey(name))
            {
                node[name] = new List<object?>();
            }

            // Step 6.12.3.
            Generate(value, nodeMap, generator, activeGraph, id, name);
        }
    }

    private static void Append(Dictionary<string, object?> node, string property, object? value)
    {
        if (!node.TryGetValue(property, out var existing) || existing is not List<object?> values)
        {
            values = [];
            node[property] = values;
        }

        values.Add(value);
    }

    /// <summary>Adds a value to a node's property array unless an equal value is already there.</summary>
    internal static void AddUnique(Dictionary<string, object?> node, string property, object? value)
    {
        if (!node.TryGetValue(property, out var existing) || existing is not List<object?> values)
        {
            values = [];
            node[property] = values;
        }

        foreach (var v in values)
        {
            if (JsonTree.DeepEquals(v, value))
            {
                return;
            }
        }

        values.Add(value);
    }
}
