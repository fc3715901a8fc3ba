namespace Tradeproof.Rdf;

/// <summary>
/// An RDF term (RDF 1.1 Concepts §3): an IRI, a blank node or a literal.
/// Terms are immutable values: two terms are equal when their kind and components are equal.
/// </summary>
public abstract record RdfTerm
{
    private protected RdfTerm()
    {
    }

    /// <summary>True for <see cref="Iri"/>.</summary>
    public bool IsIri => this is Iri;

    /// <summary>True for <see cref="BlankNode"/>.</summary>
    public bool IsBlankNode => this is BlankNode;

    /// <summary>True for <see cref="Literal"/>.</summary>
    public bool IsLiteral => this is Literal;
}

/// <summary>An IRI (RDF 1.1 Concepts §3.2). The value is stored exactly as given, never normalised.</summary>
/// <param name="Value">The IRI string, without angle brackets.</param>
public sealed record Iri(string Value) : RdfTerm
{
    // The hash is computed once: datasets hash every term of every quad they hold.
    private int _hash;

    // `with` copies fields; the copy must not keep the cached hash of the original.
    private Iri(Iri original)
        : base(original)
    {
        Value = original.Value;
    }

    /// <inheritdoc />
    public bool Equals(Iri? other) =>
        ReferenceEquals(this, other)
        || (other is not null && (_hash == 0 || other._hash == 0 || _hash == other._hash) && string.Equals(Value, other.Value, StringComparison.Ordinal));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = _hash;
        if (hash == 0)
        {
            hash = HashCode.Combine(1, Value) | 1;
            _hash = hash;
        }

        return hash;
    }

    /// <inheritdoc />
    public override string ToString() => "<" + Value + ">";

    /// <summary>
    /// This IRI's canonical N-Quads form as UTF-8, once it was asked for (RDFC-1.0 writes every term of a quad many
    /// times, and a credential's dataset set aside from its presentation's holds the presentation's very terms).
    /// Not copied by <c>with</c>; set at most to equal values, so a race between threads is harmless.
    /// </summary>
    internal byte[]? CanonicalUtf8 { get; set; }
}

/// <summary>A blank node (RDF 1.1 Concepts §3.4).</summary>
/// <param name="Label">The label, without the <c>_:</c> prefix.</param>
public sealed record BlankNode(string Label) : RdfTerm
{
    private int _hash;

    private BlankNode(BlankNode original)
        : base(original)
    {
        Label = original.Label;
    }

    /// <inheritdoc />
    public bool Equals(BlankNode? other) =>
        ReferenceEquals(this, other)
        || (other is not null && (_hash == 0 || other._hash == 0 || _hash == other._hash) && string.Equals(Label, other.Label, StringComparison.Ordinal));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = _hash;
        if (hash == 0)
        {
            hash = HashCode.Combine(2, Label) | 1;
            _hash = hash;
        }

        return hash;
    }

    /// <inheritdoc />
    public override string ToString() => "_:" + Label;
}

/// <summary>
/// A literal (RDF 1.1 Concepts §3.3, with the base direction of RDF 1.2): a lexical form,
/// a datatype IRI, and for language-tagged strings a language tag and optionally a direction.
/// </summary>
/// <param name="LexicalForm">The lexical form.</param>
/// <param name="Datatype">The datatype IRI. <c>rdf:langString</c> (or <c>rdf:dirLangString</c>) when a language is given.</param>
/// <param name="Language">The language tag, or null.</param>
/// <param name="Direction">The base direction (<c>ltr</c> or <c>rtl</c>), or null.</param>
public sealed record Literal(string LexicalForm, string Datatype, string? Language = null, string? Direction = null) : RdfTerm
{
    private int _hash;

    private Literal(Literal original)
        : base(original)
    {
        LexicalForm = original.LexicalForm;
        Datatype = original.Datatype;
        Language = original.Language;
        Direction = original.Direction;
    }

    /// <inheritdoc />
    public bool Equals(Literal? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && (_hash == 0 || other._hash == 0 || _hash == other._hash)
            && string.Equals(LexicalForm, other.LexicalForm, StringComparison.Ordinal)
            && string.Equals(Datatype, other.Datatype, StringComparison.Ordinal)
            && string.Equals(Language, other.Language, StringComparison.Ordinal)
            && string.Equals(Direction, other.Direction, StringComparison.Ordinal));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = _hash;
        if (hash == 0)
        {
            // The datatype is one of a few long IRIs: its length and last characters tell them apart as well as a
            // full string hash does, for a fraction of the cost (equal literals still hash equal).
            var datatype = Datatype;
            var datatypeHash = datatype.Length == 0 ? 0 : (datatype.Length * 31) ^ (datatype[^1] << 8) ^ (datatype[datatype.Length / 2] << 16) ^ datatype[(datatype.Length * 3) / 4];
            hash = HashCode.Combine(3, LexicalForm, datatypeHash, Language, Direction) | 1;
            _hash = hash;
        }

        return hash;
    }

    /// <summary>A plain string literal (datatype <c>xsd:string</c>).</summary>
    public static Literal String(string value) => new(value, RdfVocabulary.XsdString);

    /// <summary>A language-tagged string, with an optional base direction.</summary>
    public static Literal LanguageTagged(string value, string language, string? direction = null) =>
        new(value, direction is null ? RdfVocabulary.RdfLangString : RdfVocabulary.RdfDirLangString, language, direction);

    /// <inheritdoc />
    public override string ToString() => NQuads.NQuadsSerializer.FormatTerm(this);

    /// <summary>This literal's canonical N-Quads form as UTF-8, once it was asked for (see <see cref="Iri.CanonicalUtf8"/>).</summary>
    internal byte[]? CanonicalUtf8 { get; set; }
}
