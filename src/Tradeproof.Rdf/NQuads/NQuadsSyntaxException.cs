namespace Tradeproof.Rdf.NQuads;

/// <summary>
/// Malformed N-Quads input (RDF 1.1 N-Quads §4 grammar, with RDF 1.2 base direction).
/// Carries the 1-based line and column (in UTF-16 code units) where the problem was found.
/// The parser never returns partial output: on this exception nothing was produced.
/// </summary>
public sealed class NQuadsSyntaxException : FormatException
{
    public NQuadsSyntaxException()
        : this("Invalid N-Quads.", 0, 0)
    {
    }

    public NQuadsSyntaxException(string message)
        : this(message, 0, 0)
    {
    }

    public NQuadsSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>An error at a position.</summary>
    /// <param name="reason">What is wrong, e.g. "space in IRI".</param>
    /// <param name="line">1-based line.</param>
    /// <param name="column">1-based column.</param>
    public NQuadsSyntaxException(string reason, int line, int column)
        : base($"N-Quads syntax error at line {line}, column {column}: {reason}")
    {
        Reason = reason;
        Line = line;
        Column = column;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>1-based column of the error (UTF-16 code units).</summary>
    public int Column { get; }
}
