namespace Tradeproof.Json;

/// <summary>
/// Limits applied by <see cref="StrictJson"/> and <see cref="Jcs"/>. Every limit has a safe default
/// (security.md, "Strict parse").
/// </summary>
public sealed record StrictJsonOptions
{
    /// <summary>The default maximum nesting depth of arrays and objects: 64.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>The default maximum length of one string, in UTF-8 bytes after unescaping: 4 MiB.</summary>
    public const int DefaultMaxStringBytes = 4 * 1024 * 1024;

    /// <summary>The default maximum number of elements of one array or members of one object: 1,000,000.</summary>
    public const int DefaultMaxElements = 1_000_000;

    /// <summary>The shared default options.</summary>
    public static StrictJsonOptions Default { get; } = new();

    /// <summary>
    /// Maximum nesting depth of arrays and objects (<see cref="DefaultMaxDepth"/> = 64): <c>[[1]]</c> has depth 2.
    /// Must be between 1 and 1000.
    /// </summary>
    public int MaxDepth { get; init; } = DefaultMaxDepth;

    /// <summary>Maximum UTF-8 length of one string after unescaping (<see cref="DefaultMaxStringBytes"/>).</summary>
    public int MaxStringBytes { get; init; } = DefaultMaxStringBytes;

    /// <summary>Maximum elements of an array or members of an object (<see cref="DefaultMaxElements"/>).</summary>
    public int MaxElements { get; init; } = DefaultMaxElements;

    /// <summary>
    /// Refuse numbers that are not I-JSON (RFC 7493 §2.2): out of double range (<c>1e400</c>), or integer
    /// literals beyond ±(2^53 - 1) that a double does not hold exactly, such as <c>9007199254740993</c>. Off by default for <see cref="StrictJson"/>;
    /// <see cref="Jcs"/> always refuses out-of-range numbers, and refuses unsafe integers unless
    /// <see cref="JcsOptions.AllowUnsafeIntegers"/> is set.
    /// </summary>
    public bool RequireIJsonNumbers { get; init; }
}
