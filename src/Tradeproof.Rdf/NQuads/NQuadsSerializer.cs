using System.Text;

namespace Tradeproof.Rdf.NQuads;

/// <summary>
/// Writes N-Quads in the canonical form of RDFC-1.0 Appendix A (canonical N-Quads): one space after each term,
/// <c>" ."</c> and a single U+000A per quad; <c>xsd:string</c> literals without datatype; in literals
/// <c>\b \t \n \f \r \" \\</c> as ECHAR, the other characters U+0000..U+001F and U+007F as UCHAR
/// <c>\u00XX</c> (uppercase hex), everything else unescaped. IRIs and blank node labels are written as they are.
/// A literal with a base direction is written <c>"x"@en--ltr</c> (RDF 1.2).
/// </summary>
public static class NQuadsSerializer
{
    /// <summary>One term in canonical N-Quads form.</summary>
    public static string FormatTerm(RdfTerm term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var sb = new StringBuilder();
        AppendTerm(sb, term);
        return sb.ToString();
    }

    /// <summary>One quad as a canonical N-Quads line, without the line feed.</summary>
    public static string FormatQuad(Quad quad)
    {
        var sb = new StringBuilder();
        AppendQuad(sb, quad);
        return sb.ToString();
    }

    /// <summary>The quads as an N-Quads document in the given order, each line ending with U+000A.</summary>
    public static string Serialize(IEnumerable<Quad> quads)
    {
        ArgumentNullException.ThrowIfNull(quads);
        var sb = new StringBuilder();
        foreach (var quad in quads)
        {
            AppendQuad(sb, quad);
            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Appends one quad in canonical form, without the line feed.</summary>
    public static void AppendQuad(StringBuilder builder, Quad quad)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AppendTerm(builder, quad.Subject);
        builder.Append(' ');
        AppendTerm(builder, quad.Predicate);
        builder.Append(' ');
        AppendTerm(builder, quad.Object);
        if (quad.Graph is not null)
        {
            builder.Append(' ');
            AppendTerm(builder, quad.Graph);
        }

        builder.Append(" .");
    }

    /// <summary>Appends one term in canonical form.</summary>
    public static void AppendTerm(StringBuilder builder, RdfTerm term)
    {
        ArgumentNullException.ThrowIfNull(builder);
        switch (term)
        {
            case Iri iri:
                builder.Append('<').Append(iri.Value).Append('>');
                break;
            case BlankNode blank:
                builder.Append("_:").Append(blank.Label);
                break;
            case Literal literal:
                AppendLiteral(builder, literal);
                break;
            default:
                throw new ArgumentException("Unknown term kind.", nameof(term));
        }
    }

    private static void AppendLiteral(StringBuilder sb, Literal literal)
    {
        sb.Append('"');
        AppendEscaped(sb, literal.LexicalForm);
        sb.Append('"');
        if (literal.Language is not null)
        {
            sb.Append('@').Append(literal.Language);
            if (literal.Direction is not null)
            {
                sb.Append("--").Append(literal.Direction);
            }
        }
        else if (!string.Equals(literal.Datatype, RdfVocabulary.XsdString, StringComparison.Ordinal))
        {
            sb.Append("^^<").Append(literal.Datatype).Append('>');
        }
    }

    private static void AppendEscaped(StringBuilder sb, string value)
    {
        var span = value.AsSpan();
        while (true)
        {
            var next = IndexOfEscaped(span);
            if (next < 0)
            {
                sb.Append(span);
                return;
            }

            sb.Append(span[..next]);
            var c = span[next];
            switch (Escape(c))
            {
                case (char)0:
                    sb.Append("\\u00").Append(HexUpper[c >> 4]).Append(HexUpper[c & 0xF]);
                    break;
                case var e:
                    sb.Append('\\').Append(e);
                    break;
            }

            span = span[(next + 1)..];
        }
    }

    internal const string HexUpper = "0123456789ABCDEF";

    /// <summary>Index of the first character that canonical N-Quads escapes in a literal, or -1.</summary>
    internal static int IndexOfEscaped(ReadOnlySpan<char> span) => span.IndexOfAny(EscapedChars);

    /// <summary>The ECHAR letter of a character that has one, or U+0000 when it is written as UCHAR.</summary>
    internal static char Escape(char c) => c switch
    {
        '\b' => 'b',
        '\t' => 't',
        '\n' => 'n',
        '\f' => 'f',
        '\r' => 'r',
        '"' => '"',
        '\\' => '\\',
        _ => (char)0,
    };

    internal static readonly System.Buffers.SearchValues<char> EscapedChars = System.Buffers.SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F\"\\");
}
