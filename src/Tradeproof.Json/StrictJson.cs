using System.Text.Json;

namespace Tradeproof.Json;

/// <summary>
/// The project's one front door for untrusted JSON (security.md, "Strict parse"): well-formed UTF-8, RFC 8259
/// grammar with no comments or trailing commas, no duplicate member names (never last-wins), no unpaired
/// surrogate escapes, a nesting depth cap and string and element caps. Every refusal is a
/// <see cref="JsonInputException"/> with its kind and position.
/// </summary>
public static class StrictJson
{
    /// <summary>Parses UTF-8 JSON strictly. The document references <paramref name="utf8Json"/>: keep it unchanged while the document lives.</summary>
    /// <exception cref="JsonInputException">The input is refused.</exception>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8Json, StrictJsonOptions? options = null)
    {
        options ??= StrictJsonOptions.Default;
        StrictJsonValidator.Validate(utf8Json.Span, options);
        return JsonDocument.Parse(utf8Json, DocumentOptions(options));
    }

    /// <summary>Parses a JSON string strictly.</summary>
    /// <exception cref="JsonInputException">The input is refused.</exception>
    public static JsonDocument Parse(string json, StrictJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Utf8.FromString(json), options);
    }

    /// <summary>Parses UTF-8 JSON strictly and returns its root as a self-contained element (no disposal needed).</summary>
    /// <exception cref="JsonInputException">The input is refused.</exception>
    public static JsonElement ParseElement(ReadOnlySpan<byte> utf8Json, StrictJsonOptions? options = null)
    {
        options ??= StrictJsonOptions.Default;
        if (OnePassApplies(utf8Json, options))
        {
            try
            {
                return JsonElement.Parse(utf8Json, OnePassOptions(options));
            }
            catch (JsonException)
            {
                // Refused: the validator below says exactly why (kind, position, path).
            }
        }

        return ParseElementValidated(utf8Json, options);
    }

    /// <summary>
    /// True when System.Text.Json's own parse, with duplicate names refused, accepts exactly what the validator
    /// accepts, so that one pass does both: no backslash at all (so no escape, in particular no unpaired surrogate
    /// escape, and member names compare as written), valid UTF-8, no number checks asked for, and a text too short
    /// to hold a string or an array over the caps. Depth: the document's limit is the validator's (tested).
    /// </summary>
    internal static bool OnePassApplies(ReadOnlySpan<byte> utf8Json, StrictJsonOptions options) =>
        !options.RequireIJsonNumbers
        && options.MaxDepth is >= 1 and <= 1000
        && utf8Json.Length <= options.MaxStringBytes
        && utf8Json.Length <= options.MaxElements
        && !utf8Json.Contains((byte)'\\')
        && System.Text.Unicode.Utf8.IsValid(utf8Json);

    /// <summary>The validator, then the element (the path for every text <see cref="OnePassApplies"/> excludes).</summary>
    internal static JsonElement ParseElementValidated(ReadOnlySpan<byte> utf8Json, StrictJsonOptions options)
    {
        StrictJsonValidator.Validate(utf8Json, options);

        // JsonElement.Parse builds a self-contained element in one pass (ParseValue from a reader took ~1.8x as
        // long); duplicates were refused by the validator, so the document parse does not look for them again.
        return JsonElement.Parse(utf8Json, ValidatedDocumentOptions(options));
    }

    /// <summary>Checks UTF-8 JSON strictly without building a document.</summary>
    /// <exception cref="JsonInputException">The input is refused.</exception>
    public static void Validate(ReadOnlySpan<byte> utf8Json, StrictJsonOptions? options = null)
        => StrictJsonValidator.Validate(utf8Json, options ?? StrictJsonOptions.Default);

    internal static JsonDocumentOptions DocumentOptions(StrictJsonOptions options) => new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = options.MaxDepth + 1,
        AllowDuplicateProperties = false,
    };

    /// <summary>Options of the one pass: the validator's depth exactly (it refuses a container opened at MaxDepth).</summary>
    internal static JsonDocumentOptions OnePassOptions(StrictJsonOptions options) => new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = options.MaxDepth,
        AllowDuplicateProperties = false,
    };

    /// <summary>Options to build an element from text the validator accepted (its checks are not repeated).</summary>
    internal static JsonDocumentOptions ValidatedDocumentOptions(StrictJsonOptions options) => new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = options.MaxDepth + 1,
        AllowDuplicateProperties = true,
    };
}
