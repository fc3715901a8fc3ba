using Tradeproof.JsonLd.Context;

namespace Tradeproof.JsonLd.Expansion;

/// <summary>Value Expansion (JSON-LD 1.1 API §5.3.2).</summary>
internal static class ValueExpansion
{
    public static Dictionary<string, object?> Expand(JsonLdRun run, ActiveContext activeContext, string? activeProperty, object value)
    {
        var definition = activeProperty is null ? null : activeContext.GetTerm(activeProperty);
        var typeMapping = definition?.TypeMapping;

        // Steps 1-2: @id and @vocab coercion of strings.
        if (value is string s && typeMapping is Keywords.Id or Keywords.Vocab)
        {
            var iri = IriExpansion.Expand(run, activeContext, s, documentRelative: true, vocab: typeMapping == Keywords.Vocab);
            if (run.Options.SafeMode && (iri is null || !IriExpansion.IsIriOrBlank(iri)))
            {
                throw new JsonLdException(JsonLdErrorCode.SafeModeRelativeIri, s);
            }

            return new Dictionary<string, object?>(StringComparer.Ordinal) { [Keywords.Id] = iri };
        }

        // Step 3.
        var result = new Dictionary<string, object?>(StringComparer.Ordinal) { [Keywords.Value] = value };

        // Step 4.
        if (typeMapping is not null and not Keywords.Id and not Keywords.Vocab and not Keywords.None)
        {
            result[Keywords.Type] = typeMapping;
        }
        else if (value is string)
        {
            // Step 5.
            var language = definition is not null && definition.HasLanguage ? definition.Language : activeContext.DefaultLanguage;
            var direction = definition is not null && definition.HasDirection ? definition.Direction : activeContext.DefaultDirection;
            if (language is not null)
            {
                result[Keywords.Language] = language;
            }

            if (direction is not null)
            {
                result[Keywords.Direction] = direction;
            }
        }

        return result;
    }
}
