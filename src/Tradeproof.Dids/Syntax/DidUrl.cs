using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Tradeproof.Dids;

/// <summary>
/// A DID URL (DID Core §3.2): a DID with an optional path, query and fragment, normalised.
/// <code>
/// did-url = did path-abempty [ "?" query ] [ "#" fragment ]
/// </code>
/// path-abempty, query and fragment as in RFC 3986 §3.3-3.5.
/// </summary>
public sealed class DidUrl : IEquatable<DidUrl>
{
    private readonly string _value;

    private DidUrl(Did did, string path, string? query, string? fragment)
    {
        Did = did;
        Path = path;
        Query = query;
        Fragment = fragment;
        var builder = new StringBuilder(did.ToString()).Append(path);
        if (query is not null)
        {
            builder.Append('?').Append(query);
        }

        if (fragment is not null)
        {
            builder.Append('#').Append(fragment);
        }

        _value = builder.ToString();
    }

    /// <summary>The DID.</summary>
    public Did Did { get; }

    /// <summary>The path (empty, or starting with '/').</summary>
    public string Path { get; }

    /// <summary>The query without '?', or null.</summary>
    public string? Query { get; }

    /// <summary>The fragment without '#', or null.</summary>
    public string? Fragment { get; }

    /// <summary>True when there is no path, query or fragment.</summary>
    public bool IsDid => Path.Length == 0 && Query is null && Fragment is null;

    /// <summary>Parses an absolute DID URL.</summary>
    /// <exception cref="DidSyntaxException">With code <c>invalidDidUrl</c> (or <c>invalidDid</c> for the DID part).</exception>
    public static DidUrl Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParseCore(value, out var url, out var code, out var error) ? url : throw new DidSyntaxException(code!, error!);
    }

    /// <summary>Parses an absolute DID URL, returning false instead of throwing.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out DidUrl? url)
    {
        url = null;
        return value is not null && TryParseCore(value, out url, out _, out _);
    }

    /// <summary>
    /// Resolves a reference against a base DID (DID Core §3.2.2 relative DID URLs): <c>#key-1</c>,
    /// <c>?service=x</c>, <c>/path</c>, or an absolute DID URL.
    /// </summary>
    /// <exception cref="DidSyntaxException">The reference is not a valid DID URL.</exception>
    public static DidUrl Resolve(string reference, Did baseDid)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(baseDid);
        return reference.Length > 0 && reference[0] is '#' or '?' or '/' ? Parse(baseDid + reference) : Parse(reference);
    }

    /// <summary>This DID URL with another fragment.</summary>
    public DidUrl WithFragment(string? fragment) => new(Did, Path, Query, fragment);

    /// <summary>Creates the DID URL <c>did#fragment</c>.</summary>
    public static DidUrl ForFragment(Did did, string fragment) =>
        Parse(did + "#" + fragment);

    private static bool TryParseCore(string value, [NotNullWhen(true)] out DidUrl? url, out string? code, out string? error)
    {
        url = null;
        code = DidErrorCodes.InvalidDid;
        var i = DidSyntax.ScanDid(value, 0, out var method, out var id, out error);
        if (error is not null)
        {
            return false;
        }

        code = DidErrorCodes.InvalidDidUrl;
        var did = Did.Create(method!, id!);
        var builder = new StringBuilder();

        // path-abempty = *( "/" segment )
        var path = string.Empty;
        if (i < value.Length && value[i] == '/')
        {
            i = DidSyntax.ScanComponent(value, i, "/", "?#", builder, out error);
            if (error is not null)
            {
                return false;
            }

            path = builder.ToString();
            builder.Clear();
        }

        string? query = null;
        if (i < value.Length && value[i] == '?')
        {
            i = DidSyntax.ScanComponent(value, i + 1, "/?", "#", builder, out error);
            if (error is not null)
            {
                return false;
            }

            query = builder.ToString();
            builder.Clear();
        }

        string? fragment = null;
        if (i < value.Length && value[i] == '#')
        {
            i = DidSyntax.ScanComponent(value, i + 1, "/?", string.Empty, builder, out error);
            if (error is not null)
            {
                return false;
            }

            fragment = builder.ToString();
        }

        if (i != value.Length)
        {
            error = $"Unexpected character '{value[i]}' at position {i}.";
            return false;
        }

        url = new DidUrl(did, path, query, fragment);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(DidUrl? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DidUrl);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The normalised DID URL.</summary>
    public override string ToString() => _value;
}
