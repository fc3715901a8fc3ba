using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.JsonLd.Context;
using Tradeproof.JsonLd.Expansion;
using Tradeproof.JsonLd.Iris;
using Tradeproof.JsonLd.Json;
using Tradeproof.JsonLd.Loading;
using Tradeproof.JsonLd.NodeMap;
using Tradeproof.JsonLd.ToRdf;
using Tradeproof.Rdf;

namespace Tradeproof.JsonLd;

/// <summary>
/// The front door of the JSON-LD 1.1 processor (JSON-LD 1.1 API §9.1 <c>JsonLdProcessor</c>):
/// expand, compact, flatten, toRdf and fromRdf. Inputs are JSON text (UTF-8 bytes or a string) or a
/// <see cref="JsonNode"/>; errors are <see cref="JsonLdException"/>s carrying the spec's error code.
/// Reuse one <see cref="JsonLdOptions"/> instance: it holds the cache of processed contexts.
/// </summary>
public static class JsonLdProcessor
{
    /// <summary>Expands a JSON-LD document given as JSON text; returns the expanded document as JSON text.</summary>
    public static string Expand(string json, JsonLdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= new JsonLdOptions();
        var run = new JsonLdRun(options);
        return JsonTree.Serialize(ExpandCore(run, JsonTree.Parse(Encoding.UTF8.GetBytes(json), options.MaxDepth), null, null));
    }

    /// <summary>Expands a JSON-LD document given as a <see cref="JsonNode"/>.</summary>
    public static JsonNode Expand(JsonNode? input, JsonLdOptions? options = null)
    {
        options ??= new JsonLdOptions();
        var run = new JsonLdRun(options);
        var tree = JsonTree.Parse(Encoding.UTF8.GetBytes(input?.ToJsonString() ?? "null"), options.MaxDepth);
        return JsonNode.Parse(JsonTree.Serialize(ExpandCore(run, tree, null, null)))!;
    }

    /// <summary>Loads the document at <paramref name="url"/> with the options' loader and expands it.</summary>
    public static string ExpandUrl(string url, JsonLdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        options ??= new JsonLdOptions();
        var run = new JsonLdRun(options);
        return JsonTree.Serialize(ExpandRemote(run, url));
    }

    /// <summary>Converts a JSON-LD document given as JSON text to an RDF dataset (JSON-LD 1.1 API §9.1 <c>toRdf</c>).</summary>
    public static RdfDataset ToRdf(string json, JsonLdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ToRdf(Encoding.UTF8.GetBytes(json), options);
    }

    /// <summary>
    /// Converts a JSON-LD document given as UTF-8 JSON to an RDF dataset. With <paramref name="embedded"/> (which needs
    /// <paramref name="options"/>), also keeps in it the expanded values of the document's member
    /// <see cref="EmbeddedDocuments.Member"/> that can stand for those values processed alone.
    /// </summary>
    public static RdfDataset ToRdf(ReadOnlySpan<byte> utf8Json, JsonLdOptions? options = null, EmbeddedDocuments? embedded = null)
    {
        if (embedded is not null)
        {
            ArgumentNullException.ThrowIfNull(options);
        }

        options ??= new JsonLdOptions();
        embedded?.Reset();
        var run = new JsonLdRun(options) { Embedded = embedded };
        try
        {
            var expanded = ExpandCore(run, JsonTree.Parse(utf8Json, options.MaxDepth), null, null);
            embedded?.End();

            // The direct path also gives each kept document's own dataset (DirectRdfDeserialization).
            return ToRdfCore(run, expanded);
        }
        catch when (embedded is not null)
        {
            embedded.Reset();
            throw;
        }
    }

    /// <summary>Compacts a document against a context (both JSON text; JSON-LD 1.1 API §9.1 <c>compact</c>, Compaction/).</summary>
    public static string Compact(string json, string context, JsonLdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(context);
        options ??= new JsonLdOptions();
        var run = new JsonLdRun(options);
        var expanded = ExpandCore(run, JsonTree.Parse(Encoding.UTF8.GetBytes(json), options.MaxDepth), null, null);
        var localContext = JsonTree.Parse(Encoding.UTF8.GetBytes(context), options.MaxDepth);
        return JsonTree.Serialize(Compaction.CompactionAlgorithm.CompactDocument(run, expanded, localContext, null));
    }

    /// <summary>Flattens a document, compacting it when a context (JSON text) is given (JSON-LD 1.1 API §9.1 <c>flatten</c>, Flattening/).</summary>
    public static string Flatten(string json, string? context = null, JsonLdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= new JsonLdOptions();
        var run = new JsonLdRun(options);
        var expanded = ExpandCore(run, JsonTree.Parse(Encoding.UTF8.GetBytes(json), options.MaxDepth), null, null);
        var localContext = context is null ? null : JsonTree.Parse(Encoding.UTF8.GetBytes(context), options.MaxDepth);
        return JsonTree.Serialize(Flattening.FlatteningAlgorithm.FlattenDocument(run, expanded, localContext, context is not null, null));
    }

    /// <summary>Converts an RDF dataset to expanded JSON-LD text (JSON-LD 1.1 API §9.1 <c>fromRdf</c>, FromRdf/).</summary>
    public static string FromRdf(RdfDataset dataset, JsonLdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= new JsonLdOptions();
        return JsonTree.Serialize(Tradeproof.JsonLd.FromRdf.SerializeRdfAsJsonLd.Serialize(
            dataset, options.Ordered, options.RdfDirection, options.UseNativeTypes, options.UseRdfType, options.IsProcessingMode10));
    }

    /// <summary>
    /// The expand() API method (JSON-LD 1.1 API §9.1 steps 3-8) over a parsed document.
    /// Part 2 API: the entry point to get an expanded document (a list) from a JSON tree.
    /// </summary>
    internal static List<object?> ExpandCore(JsonLdRun run, object? document, string? documentUrl, string? contextUrl)
    {
        var options = run.Options;

        // Step 4: the initial active context; base IRI from the option, else the document URL.
        var baseIri = options.Base ?? documentUrl;
        if (options.SafeMode && baseIri is not null && !IriResolver.IsAbsolute(baseIri))
        {
            throw new JsonLdException(JsonLdErrorCode.SafeModeRelativeIri, "base " + baseIri);
        }

        var activeContext = run.Cache.Initial(baseIri, options);

        // Step 5: expandContext.
        if (options.ExpandContext is { } expandContext)
        {
            object? local = expandContext;
            var trimmed = expandContext.TrimStart();
            if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
            {
                local = JsonTree.Parse(Encoding.UTF8.GetBytes(expandContext), options.MaxDepth);
                if (local is Dictionary<string, object?> m && m.TryGetValue(Keywords.Context, out var inner))
                {
                    local = inner;
                }
            }

            activeContext = ContextProcessing.Process(run, activeContext, local, activeContext.OriginalBaseUrl);
        }

        // Step 6: a context from an HTTP Link header.
        if (contextUrl is not null)
        {
            activeContext = ContextProcessing.Process(run, activeContext, contextUrl, contextUrl);
        }

        // Embedded documents are kept only when expanded from this initial context (no expandContext, no Link header).
        if (run.Embedded is { } embedded && options.ExpandContext is null && contextUrl is null)
        {
            embedded.Begin(run, document, activeContext, baseIri ?? documentUrl);
        }

        // Step 7.
        var expanded = ExpansionAlgorithm.Expand(run, activeContext, null, document, baseIri ?? documentUrl);

        // Step 8: a top-level object with only @graph is unwrapped; the result is always an array.
        if (expanded is Dictionary<string, object?> top && top.Count == 1 && top.TryGetValue(Keywords.Graph, out var graph))
        {
            expanded = graph;
        }

        return expanded switch
        {
            null => [],
            List<object?> list => list,
            _ => [expanded],
        };
    }

    /// <summary>Loads a remote document (expand() steps 1-2) and expands it.</summary>
    internal static List<object?> ExpandRemote(JsonLdRun run, string url)
    {
        RemoteDocument remote;
        try
        {
            remote = run.Options.DocumentLoader.LoadDocument(url, new LoadDocumentOptions { ExtractAllScripts = run.Options.ExtractAllScripts });
        }
        catch (JsonLdException e) when (e.Code != JsonLdErrorCode.LoadingDocumentFailed && e.Code != JsonLdErrorCode.MultipleContextLinkHeaders)
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, url, e);
        }

        var document = remote.IsParsed ? remote.Parsed : JsonTree.Parse(remote.Content.Span, run.Options.MaxDepth);
        var contentType = remote.ContentType;
        var isJsonLd = contentType == "application/ld+json";
        var contextUrl = isJsonLd ? null : remote.ContextUrl;
        return ExpandCore(run, document, remote.DocumentUrl, contextUrl);
    }

    /// <summary>The toRdf() API method (JSON-LD 1.1 API §9.1) over an expanded document.</summary>
    internal static RdfDataset ToRdfCore(JsonLdRun run, List<object?> expanded)
    {
        // Most documents (credentials among them) are trees of node and value objects: their triples are
        // read straight off the expanded document, without building the node map (see DirectRdfDeserialization).
        if (DirectRdfDeserialization.TryDeserialize(run, expanded) is { } direct)
        {
            return direct;
        }

        var generator = new BlankNodeIdGenerator();
        var nodeMap = NodeMapGeneration.CreateNodeMap();
        NodeMapGeneration.Generate(expanded, nodeMap, generator);
        return RdfDeserialization.Deserialize(run, nodeMap, generator);
    }
}
