using Tradeproof.JsonLd.Context;

namespace Tradeproof.JsonLd.Compaction;

/// <summary>
/// Term Selection (JSON-LD 1.1 API §4.4): the term whose container and type or language mappings
/// best fit a value, from the inverse context.
/// </summary>
internal static class TermSelection
{
    /// <summary>Runs the algorithm; null when no term fits.</summary>
    /// <param name="activeContext">The active context.</param>
    /// <param name="var">The IRI or keyword.</param>
    /// <param name="containers">Preferred container mappings, in order.</param>
    /// <param name="typeLanguage"><c>@type</c>, <c>@language</c> or <c>@any</c>.</param>
    /// <param name="preferredValues">Preferred type or language values, in order.</param>
    public static string? Select(
        ActiveContext activeContext,
        string var,
        List<string> containers,
        string typeLanguage,
        List<string> preferredValues)
    {
        // Steps 1 and 2: the (cached) inverse context.
        var inverseContext = InverseContextCreation.Get(activeContext);

        // Step 3.
        if (!inverseContext.Entries.TryGetValue(var, out var containerMap))
        {
            return null;
        }

        // Step 4: containers in order of preference.
        foreach (var container in containers)
        {
            // Steps 4.1 and 4.2.
            if (!containerMap.TryGetValue(container, out var typeLanguageMap))
            {
                continue;
            }

            // Step 4.3.
            var valueMap = typeLanguageMap.Get(typeLanguage);

            // Step 4.4: preferred values in order.
            foreach (var item in preferredValues)
            {
                if (valueMap.TryGetValue(item, out var term))
                {
                    return term;
                }
            }
        }

        // Step 5.
        return null;
    }
}
