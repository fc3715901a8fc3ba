namespace Tradeproof.JsonLd.Context;

/// <summary>
/// An active context (JSON-LD 1.1 API §4.1). Immutable once returned by the Context Processing
/// Algorithm, so processed contexts can be cached and shared by documents and threads.
/// Part 2 API: <see cref="TryGetTerm"/>, <see cref="Terms"/>, <see cref="BaseIri"/>, <see cref="Vocabulary"/>,
/// <see cref="DefaultLanguage"/>, <see cref="DefaultDirection"/>, <see cref="PreviousContext"/>,
/// and <see cref="InverseContext"/>, a slot where compaction may cache its inverse context
/// (set it once per context instance; it is never read by part 1).
/// </summary>
internal sealed class ActiveContext
{
    public ActiveContext(string? baseIri, string? originalBaseUrl, JsonLdOptions options)
    {
        BaseIri = baseIri;
        OriginalBaseUrl = originalBaseUrl;
        Options = options;
        Terms = new Dictionary<string, TermDefinition>(StringComparer.Ordinal);
    }

    private ActiveContext(ActiveContext other)
    {
        BaseIri = other.BaseIri;
        OriginalBaseUrl = other.OriginalBaseUrl;
        Options = other.Options;
        Terms = new Dictionary<string, TermDefinition>(other.Terms, StringComparer.Ordinal);
        Vocabulary = other.Vocabulary;
        DefaultLanguage = other.DefaultLanguage;
        DefaultDirection = other.DefaultDirection;
        PreviousContext = other.PreviousContext;
        HasProtectedTerms = other.HasProtectedTerms;
    }

    /// <summary>The term definitions.</summary>
    public Dictionary<string, TermDefinition> Terms { get; }

    /// <summary>The base IRI; null when none.</summary>
    public string? BaseIri { get; set; }

    /// <summary>The original base URL (the document's URL or the base option).</summary>
    public string? OriginalBaseUrl { get; }

    /// <summary>The options this context was built with.</summary>
    public JsonLdOptions Options { get; }

    /// <summary>The vocabulary mapping; null when none.</summary>
    public string? Vocabulary { get; set; }

    /// <summary>The default language; null when none.</summary>
    public string? DefaultLanguage { get; set; }

    /// <summary>The default base direction: <c>ltr</c>, <c>rtl</c>, or null.</summary>
    public string? DefaultDirection { get; set; }

    /// <summary>The previous context (set by non-propagated contexts); null when none.</summary>
    public ActiveContext? PreviousContext { get; set; }

    /// <summary>True when any term is protected (speeds up nullification checks).</summary>
    public bool HasProtectedTerms { get; set; }

    /// <summary>True when this context lives in a cache and may gain cached derived contexts.</summary>
    public bool IsShared { get; set; }

    /// <summary>Results of vocabulary-relative IRI expansion of keys (no local context), bounded; see <see cref="IriExpansion"/>.</summary>
    /// <remarks>Null until the context is frozen (returned by context processing): a context being built must not cache.</remarks>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, string?>? VocabExpansions { get; private set; }

    /// <summary>Marks the context as complete: from now on it is never changed, and IRI expansions may be cached on it.</summary>
    internal ActiveContext Freeze()
    {
        VocabExpansions ??= new(StringComparer.Ordinal);
        return this;
    }

    /// <summary>Cache slot for compaction's inverse context (part 2).</summary>
    public object? InverseContext { get; set; }

    /// <summary>Cache of contexts derived from this one by context processing (see <see cref="ContextCache"/>).</summary>
    internal Dictionary<DerivedKey, ActiveContext> Derived { get => _derived; set => Volatile.Write(ref _derived, value); }

    private Dictionary<DerivedKey, ActiveContext> _derived = [];

    /// <summary>Looks up a term definition.</summary>
    public bool TryGetTerm(string term, out TermDefinition definition) => Terms.TryGetValue(term, out definition!);

    /// <summary>The term definition, or null.</summary>
    public TermDefinition? GetTerm(string term) => Terms.TryGetValue(term, out var d) ? d : null;

    /// <summary>A mutable copy (during context processing only); the inverse context is not copied.</summary>
    public ActiveContext Clone() => new(this);

    /// <summary>Key of a derived-context cache entry: the local context value (a string by value, else by reference), and the flags.</summary>
    internal readonly record struct DerivedKey(object Context, string? BaseUrl, bool OverrideProtected, bool Propagate, bool ValidateScoped)
    {
        public bool Equals(DerivedKey other) =>
            (ReferenceEquals(Context, other.Context) || (Context is string a && other.Context is string b && string.Equals(a, b, StringComparison.Ordinal))) && BaseUrl == other.BaseUrl && OverrideProtected == other.OverrideProtected
            && Propagate == other.Propagate && ValidateScoped == other.ValidateScoped;

        public override int GetHashCode() => HashCode.Combine(Context is string s ? s.GetHashCode(StringComparison.Ordinal) : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Context), BaseUrl, OverrideProtected, Propagate, ValidateScoped);
    }
}
