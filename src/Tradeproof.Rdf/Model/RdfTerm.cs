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
    /// <inheritdoc />
    public override string ToString() => "<" + Value + ">";
}

/// <summary>A blank node (RDF 1.1 Concepts §3.4).</summary>
/// <param name="Label">The label, without the <c>_:</c> prefix.</param>
public sealed record BlankNode(string Label) : RdfTerm
{
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
    /// <summary>A plain string literal (datatype <c>xsd:string</c>).</summary>
    public static Literal String(string value) => new(value, RdfVocabulary.XsdString);

    /// <summary>A language-tagged string, with an optional base direction.</summary>
    public static Literal LanguageTagged(string value, string language, string? direction = null) =>
        new(value, direction is null ? RdfVocabulary.RdfLangString : RdfVocabulary.RdfDirLangString, language, direction);

    /// <inheritdoc />
    public override string ToString() => NQuads.NQuadsSerializer.FormatTerm(this);
}
