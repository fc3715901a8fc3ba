using Tradeproof.JsonLd.Loading;

namespace Tradeproof.JsonLd;

/// <summary>
/// Options of the JSON-LD API (JSON-LD 1.1 API §9.4.3 <c>JsonLdOptions</c>) plus this processor's
/// safe mode and limits. An options instance may be shared by many calls and threads; it also
/// carries the cache of processed contexts, so reuse one instance to get warm-cache speed. Set the options before
/// the first use and do not change them afterwards: contexts already processed stay cached with the settings
/// (processing mode, safe mode, loader) they were processed with.
/// </summary>
public sealed class JsonLdOptions
{
    /// <summary>Default of <see cref="MaxDepth"/>.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>Default of <see cref="MaxContexts"/>.</summary>
    public const int DefaultMaxContexts = 1024;

    /// <summary>Default of <see cref="MaxImportChain"/>.</summary>
    public const int DefaultMaxImportChain = 16;

    /// <summary>The base IRI of the document (spec <c>base</c>); null to use the document's URL, if any.</summary>
    public string? Base { get; set; }

    /// <summary>Spec <c>compactArrays</c> (compaction, part 2).</summary>
    public bool CompactArrays { get; set; } = true;

    /// <summary>Spec <c>compactToRelative</c> (compaction, part 2).</summary>
    public bool CompactToRelative { get; set; } = true;

    /// <summary>The loader of remote documents and contexts. Default: <see cref="EmbeddedDocumentLoader.Instance"/>
    /// (embedded contexts only; never the network).</summary>
    public IDocumentLoader DocumentLoader { get; set; } = EmbeddedDocumentLoader.Instance;

    /// <summary>Spec <c>expandContext</c>: a context applied before the document's own (a JSON value as text,
    /// or an IRI string to load). Null for none.</summary>
    public string? ExpandContext { get; set; }

    /// <summary>Spec <c>extractAllScripts</c> (HTML input is not supported; kept for completeness).</summary>
    public bool ExtractAllScripts { get; set; }

    /// <summary>Spec <c>ordered</c>: process object members in code-point order.</summary>
    public bool Ordered { get; set; }

    /// <summary>Spec <c>processingMode</c>: <c>json-ld-1.1</c> (default) or <c>json-ld-1.0</c>.</summary>
    public string ProcessingMode { get; set; } = "json-ld-1.1";

    /// <summary>Spec <c>produceGeneralizedRdf</c>: false by default (blank-node predicates are dropped).</summary>
    public bool ProduceGeneralizedRdf { get; set; }

    /// <summary>Spec <c>rdfDirection</c>: null, <c>i18n-datatype</c> or <c>compound-literal</c>.</summary>
    public string? RdfDirection { get; set; }

    /// <summary>Spec <c>useNativeTypes</c> (fromRdf, part 2).</summary>
    public bool UseNativeTypes { get; set; }

    /// <summary>Spec <c>useRdfType</c> (fromRdf, part 2).</summary>
    public bool UseRdfType { get; set; }

    /// <summary>
    /// Safe mode: expansion fails (a <see cref="JsonLdException"/> with a <c>safe mode: ...</c> code) instead
    /// of silently dropping a term or type the contexts do not define, a relative IRI, or an invalid value.
    /// Use it for signing and verifying.
    /// </summary>
    public bool SafeMode { get; set; }

    /// <summary>Maximum JSON nesting depth of an input document or context (default 64).</summary>
    public int MaxDepth { get; set; } = DefaultMaxDepth;

    /// <summary>
    /// Maximum number of contexts (local, remote, scoped, and scoped contexts checked while their terms are defined)
    /// processed for one document (default 1024; processing the traceability context for the first time takes
    /// about 280). Only real work counts: a context whose result is found in the cache by URL or shared object
    /// is not counted (a warm cache costs about 0, and a presentation embedding many credentials with the same
    /// contexts costs what one does), while a cache miss or an inline context object of the document always counts.
    /// </summary>
    public int MaxContexts { get; set; } = DefaultMaxContexts;

    /// <summary>Maximum length of a chain of remote contexts loading each other (through <c>@context</c>
    /// or <c>@import</c>), default 16; a cycle is always an error (<c>context overflow</c>).</summary>
    public int MaxImportChain { get; set; } = DefaultMaxImportChain;

    internal bool IsProcessingMode10 => ProcessingMode == "json-ld-1.0";

    /// <summary>The cache of processed contexts (shared by every call using these options).</summary>
    internal Context.ContextCache Cache { get; } = new();
}
