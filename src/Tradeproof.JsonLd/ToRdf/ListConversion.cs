using Tradeproof.JsonLd.NodeMap;
using Tradeproof.Rdf;

namespace Tradeproof.JsonLd.ToRdf;

/// <summary>List Conversion (JSON-LD 1.1 API §8.3.2).</summary>
internal static class ListConversion
{
    private static readonly Iri First = new(RdfVocabulary.RdfFirst);
    private static readonly Iri Rest = new(RdfVocabulary.RdfRest);
    private static readonly Iri Nil = new(RdfVocabulary.RdfNil);

    public static RdfTerm Convert(JsonLdRun run, List<object?> list, List<(RdfTerm S, RdfTerm P, RdfTerm O)> listTriples, BlankNodeIdGenerator generator)
    {
        // Step 1.
        if (list.Count == 0)
        {
            return Nil;
        }

        // Step 2.
        var bnodes = new BlankNode[list.Count];
        for (var i = 0; i < bnodes.Length; i++)
        {
            bnodes[i] = new BlankNode(generator.Generate()[2..]);
        }

        // Step 3.
        for (var i = 0; i < list.Count; i++)
        {
            var subject = bnodes[i];
            // Triples of nested lists and compound literals go straight to listTriples (a dataset has no order).
            var obj = list[i] is Dictionary<string, object?> item ? ObjectToRdf.Convert(run, item, listTriples, generator) : null;
            if (obj is not null)
            {
                listTriples.Add((subject, First, obj));
            }

            listTriples.Add((subject, Rest, i + 1 < bnodes.Length ? bnodes[i + 1] : Nil));
        }

        // Step 4.
        return bnodes[0];
    }
}
