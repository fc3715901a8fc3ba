namespace Tradeproof.Json;

/// <summary>Options of <see cref="Jcs"/> (RFC 8785 canonicalization).</summary>
public sealed record JcsOptions
{
    /// <summary>The shared default options: depth 64, unsafe integers refused.</summary>
    public static JcsOptions Default { get; } = new();

    /// <summary>
    /// Maximum nesting depth of arrays and objects (default <see cref="StrictJsonOptions.DefaultMaxDepth"/> = 64).
    /// </summary>
    public int MaxDepth { get; init; } = StrictJsonOptions.DefaultMaxDepth;

    /// <summary>Maximum UTF-8 length of one string (default <see cref="StrictJsonOptions.DefaultMaxStringBytes"/>).</summary>
    public int MaxStringBytes { get; init; } = StrictJsonOptions.DefaultMaxStringBytes;

    /// <summary>Maximum elements of one array or members of one object (default <see cref="StrictJsonOptions.DefaultMaxElements"/>).</summary>
    public int MaxElements { get; init; } = StrictJsonOptions.DefaultMaxElements;

    /// <summary>
    /// Accept integer literals beyond ±(2^53 - 1) whose digits canonicalization changes (they are canonicalized as
    /// the nearest double, so <c>9007199254740993</c> becomes <c>9007199254740992</c>). Default false: such data is
    /// refused with <see cref="JsonInputError.UnsafeInteger"/>, since a signature over it would not cover the
    /// digits written. Large integers that are the exact ECMAScript form of their double are always accepted.
    /// </summary>
    public bool AllowUnsafeIntegers { get; init; }
}
