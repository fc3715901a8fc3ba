using Tradeproof.JsonLd.Context;

namespace Tradeproof.JsonLd.Compaction;

/// <summary>
/// Value Compaction (JSON-LD 1.1 API §6.3): a value object or node reference in expanded form to
/// its compact form under the term definition of the active property.
/// </summary>
internal static class ValueCompaction
{
    /// <summary>Runs the algorithm on <paramref name="value"/> (a map with <c>@value</c> or <c>@id</c>).</summary>
    public static object? Compact(JsonLdRun run, ActiveContext activeContext, string? activeProperty, Dictionary<string, object?> value)
    {
        // Steps 2 and 3 (the inverse context) happen inside IRI Compaction.
        var definition = activeProperty is null ? null : activeContext.GetTerm(activeProperty);
        var typeMapping = definition?.TypeMapping;
        var indexContainer = definition is not null && definition.HasContainer(ContainerKind.Index);

        // Step 4: the language.
        var language = definition is not null && definition.HasLanguage ? definition.Language : activeContext.DefaultLanguage;

        // Step 5: the direction.
        var direction = definition is not null && definition.HasDirection ? definition.Direction : activeContext.DefaultDirection;

        // Step 1: result is value, unless replaced below (a copy is made only when keys are compacted).
        object? result = value;
        var hasIndex = value.ContainsKey(Keywords.Index);

        if (value.TryGetValue(Keywords.Id, out var id) && (value.Count == 1 || (value.Count == 2 && hasIndex)))
        {
            // Step 6: a node reference, with at most an @index.
            if (typeMapping == Keywords.Id)
            {
                // Step 6.1.
                result = IriCompaction.Compact(run, activeContext, id as string, vocab: false);
            }
            else if (typeMapping == Keywords.Vocab)
            {
                // Step 6.2.
                result = IriCompaction.Compact(run, activeContext, id as string, vocab: true);
            }
        }
        else if (!value.TryGetValue(Keywords.Value, out var plain))
        {
            // Steps 7 to 10 are about value objects: a node object is left as is.
        }
        else if (value.TryGetValue(Keywords.Type, out var type) && type is string typeIri && typeIri == typeMapping)
        {
            // Step 7: the type matches the type mapping.
            result = plain;
        }
        else if (typeMapping == Keywords.None || value.ContainsKey(Keywords.Type))
        {
            // Step 8: value compaction is disabled; only @type is compacted.
            if (value.TryGetValue(Keywords.Type, out var valueType))
            {
                var copy = new Dictionary<string, object?>(value, StringComparer.Ordinal);
                copy[Keywords.Type] = valueType switch
                {
                    string s => IriCompaction.Compact(run, activeContext, s, vocab: true),
                    List<object?> types => types.Select(t => (object?)IriCompaction.Compact(run, activeContext, t as string, vocab: true)).ToList(),
                    _ => valueType,
                };
                result = copy;
            }
        }
        else if (plain is not string)
        {
            // Step 9: a native value.
            if ((hasIndex && indexContainer) || !hasIndex)
            {
                result = plain;
            }
        }
        else if (LanguageMatches(value, language) && DirectionMatches(value, direction))
        {
            // Step 10: the language and direction match.
            if ((hasIndex && indexContainer) || !hasIndex)
            {
                result = plain;
            }
        }

        // Step 11: compact the keys of a map.
        if (result is Dictionary<string, object?> map)
        {
            var compacted = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
            foreach (var (key, entry) in map)
            {
                compacted[IriCompaction.Compact(run, activeContext, key, vocab: true)!] = entry;
            }

            result = compacted;
        }

        // Step 12.
        return result;
    }

    private static bool LanguageMatches(Dictionary<string, object?> value, string? language) =>
        value.TryGetValue(Keywords.Language, out var valueLanguage)
            ? valueLanguage is string tag && language is not null && string.Equals(tag, language, StringComparison.OrdinalIgnoreCase)
            : language is null;

    private static bool DirectionMatches(Dictionary<string, object?> value, string? direction) =>
        value.TryGetValue(Keywords.Direction, out var valueDirection)
            ? valueDirection is string dir && direction is not null && string.Equals(dir, direction, StringComparison.Ordinal)
            : direction is null;
}
