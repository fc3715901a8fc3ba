using Tradeproof.JsonLd.Context;
using Tradeproof.JsonLd.NodeMap;
using Tradeproof.Rdf;

namespace Tradeproof.JsonLd.ToRdf;

/// <summary>
/// Deserialize JSON-LD to RDF (JSON-LD 1.1 API §8.1.2): from a node map to an <see cref="RdfDataset"/>.
/// Blank-node predicates are kept only with <see cref="JsonLdOptions.ProduceGeneralizedRdf"/>.
/// Departure from the spec: subjects and properties are visited in node map order rather than sorted; the
/// result is a set of quads, the same either way (only the labels of list blank nodes may differ, and the
/// node map order is itself deterministic).
/// </summary>
internal static class RdfDeserialization
{
    private static readonly Iri RdfType = new(RdfVocabulary.RdfType);

    public static RdfDataset Deserialize(JsonLdRun run, Dictionary<string, Dictionary<string, Dictionary<string, object?>>> nodeMap, BlankNodeIdGenerator generator)
    {
        var dataset = new RdfDataset();
        var listTriples = new List<(RdfTerm S, RdfTerm P, RdfTerm O)>();
        var graphNames = nodeMap.Keys.ToList();
        graphNames.Sort(string.CompareOrdinal);

        // Step 1.
        foreach (var graphName in graphNames)
        {
            var graph = nodeMap[graphName];

            // Step 1.1.
            RdfTerm? graphTerm = null;
            if (graphName != NodeMapGeneration.DefaultGraph)
            {
                graphTerm = ObjectToRdf.ToResource(graphName);
                if (graphTerm is null)
                {
                    continue;
                }
            }

            // Step 1.3.
            foreach (var (subjectId, node) in graph)
            {

                // Step 1.3.1.
                var subject = ObjectToRdf.ToResource(subjectId);
                if (subject is null)
                {
                    continue;
                }

                // Step 1.3.2.
                foreach (var (property, propertyValues) in node)
                {
                    if (property != Keywords.Type && Keywords.IsKeyword(property))
                    {
                        continue;
                    }

                    var values = (List<object?>)propertyValues!;
                    if (property == Keywords.Type)
                    {
                        // Step 1.3.2.1.
                        foreach (var type in values)
                        {
                            if (type is string t && ObjectToRdf.ToResource(t) is { } typeTerm)
                            {
                                dataset.Add(subject, RdfType, typeTerm, graphTerm);
                            }
                        }

                        continue;
                    }

                    // Steps 1.3.2.2-1.3.2.4.
                    if (Keywords.IsKeyword(property))
                    {
                        continue;
                    }

                    if (property.StartsWith("_:", StringComparison.Ordinal) && !run.Options.ProduceGeneralizedRdf)
                    {
                        continue;
                    }

                    var predicate = ObjectToRdf.ToResource(property);
                    if (predicate is null)
                    {
                        continue;
                    }

                    // Step 1.3.2.5.
                    foreach (var item in values)
                    {
                        listTriples.Clear();
                        var obj = item is Dictionary<string, object?> map ? ObjectToRdf.Convert(run, map, listTriples, generator) : null;
                        if (obj is not null)
                        {
                            dataset.Add(subject, predicate, obj, graphTerm);
                        }

                        foreach (var (s, p, o) in listTriples)
                        {
                            dataset.Add(s, p, o, graphTerm);
                        }
                    }
                }
            }
        }

        return dataset;
    }
}
