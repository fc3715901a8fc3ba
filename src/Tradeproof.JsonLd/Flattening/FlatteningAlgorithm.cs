using Tradeproof.JsonLd.Compaction;
using Tradeproof.JsonLd.Context;
using Tradeproof.JsonLd.NodeMap;

namespace Tradeproof.JsonLd.Flattening;

/// <summary>
/// The Flattening Algorithm (JSON-LD 1.1 API §7.1) and the <c>flatten()</c> API steps 5 and 6:
/// every node's properties collected in one node object, blank nodes labelled, named graphs under
/// their graph's node; compacted when a context is given.
/// </summary>
internal static class FlatteningAlgorithm
{
    /// <summary>
    /// The <c>flatten()</c> API steps 5 and 6: flattens the expanded input and, when
    /// <paramref name="context"/> is not null, compacts the result with it.
    /// </summary>
    /// <returns>The flattened document: an array of node objects (no context), or a compacted map.</returns>
    public static object FlattenDocument(JsonLdRun run, object? expandedInput, object? context, bool hasContext, string? documentUrl)
    {
        // Steps 5 and 6: a fresh identifier map, then the algorithm.
        var flattened = Flatten(run, expandedInput, run.Options.Ordered);
        if (!hasContext)
        {
            return flattened;
        }

        // Step 6.1: compaction of the flattened output.
        return CompactionAlgorithm.CompactDocument(run, flattened, context, documentUrl);
    }

    /// <summary>Runs the algorithm.</summary>
    public static List<object?> Flatten(JsonLdRun run, object? element, bool ordered)
    {
        // Steps 1 and 2: the node map of the document (a fresh identifier map: API step 5).
        _ = run;
        var nodeMap = NodeMapGeneration.CreateNodeMap();
        NodeMapGeneration.Generate(element, nodeMap, new BlankNodeIdGenerator());

        // Step 3.
        var defaultGraph = nodeMap[Keywords.Default];

        // Step 4: each named graph, in its node of the default graph.
        foreach (var (graphName, graph) in Order(nodeMap, ordered))
        {
            if (graphName == Keywords.Default)
            {
                continue;
            }

            // Steps 4.1 and 4.2.
            if (!defaultGraph.TryGetValue(graphName, out var entry))
            {
                entry = new Dictionary<string, object?>(StringComparer.Ordinal) { [Keywords.Id] = graphName };
                defaultGraph[graphName] = entry;
            }

            // Step 4.3.
            var graphArray = new List<object?>();
            entry[Keywords.Graph] = graphArray;

            // Step 4.4: its nodes, except those holding only @id.
            foreach (var (_, node) in Order(graph, ordered))
            {
                if (!(node.Count == 1 && node.ContainsKey(Keywords.Id)))
                {
                    graphArray.Add(node);
                }
            }
        }

        // Steps 5 and 6: the nodes of the default graph, except those holding only @id.
        var flattened = new List<object?>();
        foreach (var (_, node) in Order(defaultGraph, ordered))
        {
            if (!(node.Count == 1 && node.ContainsKey(Keywords.Id)))
            {
                flattened.Add(node);
            }
        }

        // Step 7.
        return flattened;
    }

    private static IEnumerable<KeyValuePair<string, T>> Order<T>(Dictionary<string, T> map, bool ordered) =>
        ordered ? map.OrderBy(pair => pair.Key, StringComparer.Ordinal) : map;
}
