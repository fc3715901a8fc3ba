using System.Diagnostics.CodeAnalysis;

namespace Tradeproof.Dids;

/// <summary>
/// A DID (DID Core §3.1): <c>did:method-name:method-specific-id</c>, normalised (percent-encoding
/// hex digits upper-cased, RFC 3986 §6.2.2.1). Equal when the normalised strings are equal.
/// <code>
/// did                = "did:" method-name ":" method-specific-id
/// method-name        = 1*method-char
/// method-char        = %x61-7A / DIGIT
/// method-specific-id = *( *idchar ":" ) 1*idchar
/// idchar             = ALPHA / DIGIT / "." / "-" / "_" / pct-encoded
/// pct-encoded        = "%" HEXDIG HEXDIG
/// </code>
/// </summary>
public sealed class Did : IEquatable<Did>
{
    private readonly string _value;

    private Did(string method, string methodSpecificId)
    {
        Method = method;
        MethodSpecificId = methodSpecificId;
        _value = "did:" + method + ":" + methodSpecificId;
    }

    /// <summary>The method name, e.g. <c>key</c>, <c>web</c>.</summary>
    public string Method { get; }

    /// <summary>The method-specific identifier (normalised).</summary>
    public string MethodSpecificId { get; }

    /// <summary>Parses a DID (no path, query or fragment).</summary>
    /// <exception cref="DidSyntaxException">With code <c>invalidDid</c>.</exception>
    public static Did Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var end = DidSyntax.ScanDid(value, 0, out var method, out var id, out var error);
        if (error is not null)
        {
            throw new DidSyntaxException(DidErrorCodes.InvalidDid, error);
        }

        if (end != value.Length)
        {
            throw new DidSyntaxException(DidErrorCodes.InvalidDid, $"Unexpected character '{value[end]}' in a DID at position {end}.");
        }

        return new Did(method!, id!);
    }

    /// <summary>Parses a DID, returning false instead of throwing.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out Did? did)
    {
        did = null;
        if (value is null)
        {
            return false;
        }

        var end = DidSyntax.ScanDid(value, 0, out var method, out var id, out var error);
        if (error is not null || end != value.Length)
        {
            return false;
        }

        did = new Did(method!, id!);
        return true;
    }

    internal static Did Create(string method, string methodSpecificId) => new(method, methodSpecificId);

    /// <inheritdoc />
    public bool Equals(Did? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Did);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The normalised DID string.</summary>
    public override string ToString() => _value;
}
