namespace Tradeproof.Json;

/// <summary>
/// A JSON text was refused: it is not strict, I-JSON conformant JSON (RFC 8259, RFC 7493), or it breaks a
/// configured limit. <see cref="Error"/> says why; <see cref="BytePosition"/>, <see cref="LineNumber"/> and
/// <see cref="BytePositionInLine"/> say where, when known.
/// </summary>
public sealed class JsonInputException : Exception
{
    public JsonInputException()
        : this("Invalid JSON input.")
    {
    }

    public JsonInputException(string message)
        : base(message)
    {
        Error = JsonInputError.InvalidJson;
        BytePosition = -1;
    }

    public JsonInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = JsonInputError.InvalidJson;
        BytePosition = -1;
    }

    /// <summary>An error with its kind and position.</summary>
    /// <param name="error">Why the input was refused.</param>
    /// <param name="message">A human-readable description.</param>
    /// <param name="bytePosition">The 0-based offset of the offending byte in the UTF-8 input, or -1.</param>
    /// <param name="lineNumber">The 1-based line of the offending byte, or 0.</param>
    /// <param name="bytePositionInLine">The 1-based byte column in that line, or 0.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public JsonInputException(
        JsonInputError error,
        string message,
        long bytePosition,
        long lineNumber,
        long bytePositionInLine,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        BytePosition = bytePosition;
        LineNumber = lineNumber;
        BytePositionInLine = bytePositionInLine;
    }

    /// <summary>Why the input was refused.</summary>
    public JsonInputError Error { get; }

    /// <summary>The 0-based byte offset of the problem in the UTF-8 input; -1 when unknown.</summary>
    public long BytePosition { get; }

    /// <summary>The 1-based line of the problem; 0 when unknown.</summary>
    public long LineNumber { get; }

    /// <summary>The 1-based byte column of the problem within its line; 0 when unknown.</summary>
    public long BytePositionInLine { get; }

    /// <summary>
    /// Where in the document, as a JSON Pointer (RFC 6901): <c>""</c> for the root, <c>/credentialSubject/items/3</c>
    /// for a value inside; null when unknown (e.g. invalid UTF-8, found before parsing).
    /// </summary>
    public string? Path { get; private init; }

    /// <summary>The same error with its JSON Pointer.</summary>
    internal JsonInputException WithPath(string path) => new(Error, Message + (path.Length == 0 ? string.Empty : " at " + path), BytePosition, LineNumber, BytePositionInLine, InnerException)
    {
        Path = path,
    };
}
