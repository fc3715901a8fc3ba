using Tradeproof.Benchmarks.Peers;
using Tradeproof.JsonLd;
using Tradeproof.JsonLd.Json;

namespace Tradeproof.Benchmarks.JsonLd;

// The .NET side of the jsonld (npm) comparison (benchmarks/peers/ops/jsonld.mjs, compare-jsonld.sh): the same work
// on the same input, the document text parsed each time, one JsonLdOptions reused (warm context caches, as jsonld
// keeps its own context cache), contexts from the embedded loader.

/// <summary>Expansion of the document text.</summary>
internal sealed class JsonLdExpandPeerOperation : IPeerOperation
{
    public string Name => "jsonld-expand";

    public string Implementation => "Tradeproof.JsonLd expand";

    public Action Prepare(string inputPath)
    {
        var text = File.ReadAllText(inputPath);
        var options = new JsonLdOptions();
        return () => JsonLdProcessor.Expand(text, options);
    }
}

/// <summary>Expansion and deserialization to an RDF dataset.</summary>
internal sealed class JsonLdToRdfPeerOperation : IPeerOperation
{
    public string Name => "jsonld-to-rdf";

    public string Implementation => "Tradeproof.JsonLd toRdf";

    public Action Prepare(string inputPath)
    {
        var utf8 = File.ReadAllBytes(inputPath);
        var options = new JsonLdOptions();
        return () => JsonLdProcessor.ToRdf(utf8, options);
    }
}

/// <summary>Compaction of the document text with its own <c>@context</c> (expansion included, as the API does).</summary>
internal sealed class JsonLdCompactPeerOperation : IPeerOperation
{
    public string Name => "jsonld-compact";

    public string Implementation => "Tradeproof.JsonLd compact";

    public Action Prepare(string inputPath)
    {
        var text = File.ReadAllText(inputPath);
        var context = JsonTree.Serialize(((Dictionary<string, object?>)JsonTree.Parse(text)!)["@context"]);
        var options = new JsonLdOptions();
        return () => JsonLdProcessor.Compact(text, context, options);
    }
}

/// <summary>Flattening of the document text (no context).</summary>
internal sealed class JsonLdFlattenPeerOperation : IPeerOperation
{
    public string Name => "jsonld-flatten";

    public string Implementation => "Tradeproof.JsonLd flatten";

    public Action Prepare(string inputPath)
    {
        var text = File.ReadAllText(inputPath);
        var options = new JsonLdOptions();
        return () => JsonLdProcessor.Flatten(text, null, options);
    }
}
