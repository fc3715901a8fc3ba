namespace Tradeproof.Cryptography.Encoding;

/// <summary>
/// A multibase string could not be decoded: empty, an unknown prefix, a character outside the alphabet
/// (<see cref="Position"/> and <see cref="Character"/> say which), bad padding or a bad length.
/// </summary>
public sealed class MultibaseException : FormatException
{
    public MultibaseException()
        : this("Invalid multibase string.")
    {
    }

    public MultibaseException(string message)
        : base(message)
    {
        Position = -1;
    }

    public MultibaseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Position = -1;
    }

    /// <summary>An error at a position of the string.</summary>
    /// <param name="message">A human-readable description.</param>
    /// <param name="position">The 0-based UTF-16 index in the whole multibase string (prefix included), or -1.</param>
    /// <param name="character">The offending character (a surrogate pair for emoji), or null.</param>
    public MultibaseException(string message, int position, string? character)
        : base(message)
    {
        Position = position;
        Character = character;
    }

    /// <summary>The 0-based UTF-16 index of the problem in the whole string (prefix included); -1 when not one character.</summary>
    public int Position { get; }

    /// <summary>The offending character, when the problem is one character.</summary>
    public string? Character { get; }
}
