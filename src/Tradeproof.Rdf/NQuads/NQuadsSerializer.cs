using System.Text;

namespace Tradeproof.Rdf.NQuads;

/// <summary>
/// Writes N-Quads in the canonical form of RDFC-1.0 §4.3 / RDF 1.1 N-Quads §5 (canonical N-Quads):
/// one space between terms, no optional whitespace, and in literals only <c>\"</c>, <c>\\</c>,
/// <c>\n</c>, <c>\r</c> escaped by name and the other control characters (U+0000..U+001F, U+007F)
/// as <c>\uXXXX</c> (UCHAR) except <c>\t</c>, <c>\b</c>, <c>\f</c> which use ECHAR.
/// </summary>
public static class NQuadsSerializer
{
    /// <summary>Placeholder: the full serializer is written with the RDFC-1.0 work.</summary>
    public static string FormatTerm(RdfTerm term) => term switch
    {
        Iri iri => "<" + iri.Value + ">",
        BlankNode b => "_:" + b.Label,
        Literal l => FormatLiteral(l),
        _ => throw new ArgumentException("Unknown term kind.", nameof(term)),
    };

    /// <summary>One quad as a canonical N-Quads line, without the line feed.</summary>
    public static string FormatQuad(Quad quad)
    {
        var sb = new StringBuilder();
        sb.Append(FormatTerm(quad.Subject)).Append(' ')
          .Append(FormatTerm(quad.Predicate)).Append(' ')
          .Append(FormatTerm(quad.Object));
        if (quad.Graph is not null)
        {
            sb.Append(' ').Append(FormatTerm(quad.Graph));
        }

        return sb.Append(" .").ToString();
    }

    private static string FormatLiteral(Literal literal)
    {
        var sb = new StringBuilder();
        sb.Append('"').Append(literal.LexicalForm).Append('"');
        if (literal.Language is not null)
        {
            sb.Append('@').Append(literal.Language);
        }
        else if (literal.Datatype != RdfVocabulary.XsdString)
        {
            sb.Append("^^<").Append(literal.Datatype).Append('>');
        }

        return sb.ToString();
    }
}
