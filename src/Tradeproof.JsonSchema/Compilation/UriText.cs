namespace Tradeproof.JsonSchema.Compilation;

/// <summary>URI reference resolution (RFC 3986 section 5) over <see cref="Uri"/>, with fragments kept as written.</summary>
internal static class UriText
{
    public static string WithoutFragment(string uri)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? uri : uri[..hash];
    }

    /// <summary>The fragment without '#', percent-decoded, or empty.</summary>
    public static string Fragment(string uri)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? string.Empty : Uri.UnescapeDataString(uri[(hash + 1)..]);
    }

    /// <summary>Resolves a reference against an absolute base URI.</summary>
    public static string Resolve(string baseUri, string reference)
    {
        if (reference.Length > 0 && reference[0] == '#')
        {
            return WithoutFragment(baseUri) + reference;
        }

        if (Uri.TryCreate(reference, UriKind.Absolute, out var absolute) && !IsImplicitFile(reference))
        {
            return Normalize(absolute, reference);
        }

        if (Uri.TryCreate(baseUri, UriKind.Absolute, out var b) && Uri.TryCreate(b, reference, out var resolved))
        {
            return Normalize(resolved, reference);
        }

        throw new JsonSchemaException(JsonSchemaErrorCodes.InvalidSchema, $"Cannot resolve URI reference '{reference}' against '{baseUri}'.");
    }

    // A leading '/' parses as an implicit file URI on Unix: it is a relative reference here.
    private static bool IsImplicitFile(string reference) => reference.Length > 0 && (reference[0] == '/' || reference[0] == '\\');

    private static string Normalize(Uri uri, string reference)
    {
        var text = uri.Scheme is "http" or "https" or "file" ? uri.AbsoluteUri : uri.OriginalString;

        // Keep an empty fragment out of keys, and the fragment as written (Uri may escape it).
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var baseText = WithoutFragment(text);
        return hash < 0 ? baseText : baseText + reference[hash..];
    }
}
