namespace Tradeproof.Json;

/// <summary>Why a JSON text was refused by <see cref="StrictJson"/> or <see cref="Jcs"/>.</summary>
public enum JsonInputError
{
    /// <summary>Not JSON (RFC 8259 grammar): a syntax error, trailing data, a comment, a byte order mark.</summary>
    InvalidJson = 1,

    /// <summary>The bytes are not well-formed UTF-8 (RFC 3629).</summary>
    InvalidUtf8,

    /// <summary>A string holds an unpaired UTF-16 surrogate escape such as <c>"\ud800"</c> (not I-JSON, RFC 7493 §2.1).</summary>
    LoneSurrogate,

    /// <summary>An object has two members with the same name (after unescaping). Never last-wins.</summary>
    DuplicateKey,

    /// <summary>Objects and arrays are nested deeper than the configured maximum depth.</summary>
    DepthExceeded,

    /// <summary>A number is outside the IEEE 754 double range (e.g. <c>1e400</c>): not I-JSON (RFC 7493 §2.2).</summary>
    NumberOutOfRange,

    /// <summary>
    /// An integer literal beyond ±(2^53 - 1) whose digits canonicalization would change (RFC 7493 §2.2), e.g.
    /// <c>9007199254740993</c>, which reads as 9007199254740992. Literals that are the exact ECMAScript form of
    /// their double (<c>2190970420887223800</c>) are accepted: they are what JCS itself writes
    /// (docs/decisions/0006-jcs-large-integers.md).
    /// </summary>
    UnsafeInteger,

    /// <summary>A string is longer than the configured maximum.</summary>
    StringTooLong,

    /// <summary>An array has more elements, or an object more members, than the configured maximum.</summary>
    TooManyElements,
}
