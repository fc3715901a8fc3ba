using Tradeproof.JsonLd.Context;
using Tradeproof.JsonLd.Iris;

namespace Tradeproof.JsonLd.Compaction;

/// <summary>
/// IRI Compaction (JSON-LD 1.1 API §6.2): an IRI to a term, a compact IRI or a relative IRI
/// reference, a keyword to its alias. "IRI compacting" in the spec's prose means this algorithm with
/// <c>vocab</c> true unless said otherwise, hence the default here. Vocabulary-relative results that
/// depend on the IRI alone (no value, not reverse) are cached, up to a bound, on the inverse context.
/// </summary>
internal static class IriCompaction
{
    /// <summary>Runs the algorithm.</summary>
    /// <param name="run">The API call.</param>
    /// <param name="activeContext">The active context.</param>
    /// <param name="var">The IRI or keyword to compact.</param>
    /// <param name="value">The value associated with <paramref name="var"/>, or null.</param>
    /// <param name="vocab">Compact against the vocabulary mapping and terms (true) or the base IRI (false).</param>
    /// <param name="reverse">A reverse property is being compacted.</param>
    public static string? Compact(
        JsonLdRun run,
        ActiveContext activeContext,
        string? var,
        object? value = null,
        bool vocab = true,
        bool reverse = false)
    {
        // Step 1.
        if (var is null)
        {
            return null;
        }

        // Steps 2 and 3: the inverse context, created once per active context.
        var inverseContext = InverseContextCreation.Get(activeContext);
        // Only vocabulary-relative results are cached (property and type IRIs, keywords), and only up to a
        // bound: a shared context lives long, and document IRIs (@id values) are unbounded.
        var cacheable = value is null && !reverse && vocab;
        if (cacheable && inverseContext.CompactIris.TryGetValue(var, out var cached))
        {
            return cached;
        }

        var result = CompactUncached(run, activeContext, inverseContext, var, value, vocab, reverse);
        if (cacheable && inverseContext.CompactIris.Count < InverseContext.MaxCachedCompactIris)
        {
            inverseContext.CompactIris.TryAdd(var, result);
        }

        return result;
    }

    private static string CompactUncached(
        JsonLdRun run,
        ActiveContext activeContext,
        InverseContext inverseContext,
        string var,
        object? value,
        bool vocab,
        bool reverse)
    {
        var is10 = run.Options.IsProcessingMode10;

        // Step 4: a term for the IRI, chosen by the value's shape.
        if (vocab && inverseContext.Entries.ContainsKey(var))
        {
            // Step 4.1: the default language (and direction), lower case.
            string defaultLanguage;
            if (activeContext.DefaultDirection is not null)
            {
                defaultLanguage = (activeContext.DefaultLanguage + "_" + activeContext.DefaultDirection).ToLowerInvariant();
            }
            else
            {
                defaultLanguage = activeContext.DefaultLanguage?.ToLowerInvariant() ?? Keywords.None;
            }

            // Step 4.2: @preserve (framing) holds the value.
            var map = value as Dictionary<string, object?>;
            if (map is not null && map.TryGetValue(Keywords.Preserve, out var preserved))
            {
                value = preserved is List<object?> { Count: > 0 } preservedList ? preservedList[0] : preserved;
                map = value as Dictionary<string, object?>;
            }

            // Steps 4.3 and 4.4.
            var containers = new List<string>(12);
            var typeLanguage = Keywords.Language;
            string? typeLanguageValue = "@null";

            var isGraph = map is not null && IsGraphObject(map);

            // Step 4.5: an indexed value that is not a graph object.
            if (map is not null && map.ContainsKey(Keywords.Index) && !isGraph)
            {
                containers.Add(Keywords.Index);
                containers.Add("@index@set");
            }

            if (reverse)
            {
                // Step 4.6: a reverse property.
                typeLanguage = Keywords.Type;
                typeLanguageValue = Keywords.Reverse;
                containers.Add(Keywords.Set);
            }
            else if (map is not null && map.TryGetValue(Keywords.List, out var listValue))
            {
                // Step 4.7: a list object: the type or language common to all items.
                // Step 4.7.1.
                if (!map.ContainsKey(Keywords.Index))
                {
                    containers.Add(Keywords.List);
                }

                // Step 4.7.2.
                var list = listValue as List<object?> ?? [];

                // Step 4.7.3.
                string? commonType = null;
                string? commonLanguage = list.Count == 0 ? defaultLanguage : null;

                // Step 4.7.4.
                foreach (var item in list)
                {
                    // Step 4.7.4.1.
                    var itemLanguage = Keywords.None;
                    var itemType = Keywords.None;
                    var itemMap = item as Dictionary<string, object?>;

                    // Step 4.7.4.2: a value object.
                    if (itemMap is not null && itemMap.ContainsKey(Keywords.Value))
                    {
                        if (itemMap.TryGetValue(Keywords.Direction, out var direction) && direction is not null)
                        {
                            // Step 4.7.4.2.1.
                            var language = itemMap.TryGetValue(Keywords.Language, out var l) ? l as string : null;
                            itemLanguage = (language + "_" + direction).ToLowerInvariant();
                        }
                        else if (itemMap.TryGetValue(Keywords.Language, out var language) && language is string languageTag)
                        {
                            // Step 4.7.4.2.2.
                            itemLanguage = languageTag.ToLowerInvariant();
                        }
                        else if (itemMap.TryGetValue(Keywords.Type, out var type) && type is string typeIri)
                        {
                            // Step 4.7.4.2.3.
                            itemType = typeIri;
                        }
                        else
                        {
                            // Step 4.7.4.2.4.
                            itemLanguage = "@null";
                        }
                    }
                    else
                    {
                        // Step 4.7.4.3.
                        itemType = Keywords.Id;
                    }

                    // Steps 4.7.4.4 and 4.7.4.5.
                    if (commonLanguage is null)
                    {
                        commonLanguage = itemLanguage;
                    }
                    else if (itemLanguage != commonLanguage && itemMap is not null && itemMap.ContainsKey(Keywords.Value))
                    {
                        commonLanguage = Keywords.None;
                    }

                    // Steps 4.7.4.6 and 4.7.4.7.
                    if (commonType is null)
                    {
                        commonType = itemType;
                    }
                    else if (itemType != commonType)
                    {
                        commonType = Keywords.None;
                    }

                    // Step 4.7.4.8.
                    if (commonLanguage == Keywords.None && commonType == Keywords.None)
                    {
                        break;
                    }
                }

                // Steps 4.7.5 and 4.7.6.
                commonLanguage ??= Keywords.None;
                commonType ??= Keywords.None;

                // Steps 4.7.7 and 4.7.8.
                if (commonType != Keywords.None)
                {
                    typeLanguage = Keywords.Type;
                    typeLanguageValue = commonType;
                }
                else
                {
                    typeLanguageValue = commonLanguage;
                }
            }
            else if (isGraph)
            {
                // Step 4.8: a graph object.
                var hasIndex = map!.ContainsKey(Keywords.Index);
                var hasId = map.ContainsKey(Keywords.Id);

                // Steps 4.8.1 to 4.8.6.
                if (hasIndex)
                {
                    containers.Add("@graph@index");
                    containers.Add("@graph@index@set");
                }

                if (hasId)
                {
                    containers.Add("@graph@id");
                    containers.Add("@graph@id@set");
                }

                containers.Add(Keywords.Graph);
                containers.Add("@graph@set");
                containers.Add(Keywords.Set);
                if (!hasIndex)
                {
                    containers.Add("@graph@index");
                    containers.Add("@graph@index@set");
                }

                if (!hasId)
                {
                    containers.Add("@graph@id");
                    containers.Add("@graph@id@set");
                }

                containers.Add(Keywords.Index);
                containers.Add("@index@set");

                // Step 4.8.7.
                typeLanguage = Keywords.Type;
                typeLanguageValue = Keywords.Id;
            }
            else
            {
                // Step 4.9.
                if (map is not null && map.ContainsKey(Keywords.Value))
                {
                    // Step 4.9.1: a value object.
                    var hasIndex = map.ContainsKey(Keywords.Index);
                    if (map.TryGetValue(Keywords.Direction, out var direction) && direction is not null && !hasIndex)
                    {
                        // Step 4.9.1.1.
                        var language = map.TryGetValue(Keywords.Language, out var l) ? l as string : null;
                        typeLanguageValue = (language + "_" + direction).ToLowerInvariant();
                        containers.Add(Keywords.Language);
                        containers.Add("@language@set");
                    }
                    else if (map.TryGetValue(Keywords.Language, out var language) && language is string languageTag && !hasIndex)
                    {
                        // Step 4.9.1.2.
                        typeLanguageValue = languageTag.ToLowerInvariant();
                        containers.Add(Keywords.Language);
                        containers.Add("@language@set");
                    }
                    else if (map.TryGetValue(Keywords.Type, out var type) && type is string typeIri)
                    {
                        // Step 4.9.1.3.
                        typeLanguageValue = typeIri;
                        typeLanguage = Keywords.Type;
                    }
                }
                else
                {
                    // Step 4.9.2: a node object or reference.
                    typeLanguage = Keywords.Type;
                    typeLanguageValue = Keywords.Id;
                    containers.Add(Keywords.Id);
                    containers.Add("@id@set");
                    containers.Add(Keywords.Type);
                    containers.Add("@set@type");
                }

                // Step 4.9.3.
                containers.Add(Keywords.Set);
            }

            // Step 4.10: no container mapping, the most generic.
            containers.Add(Keywords.None);

            // Step 4.11.
            if (!is10 && (map is null || !map.ContainsKey(Keywords.Index)))
            {
                containers.Add(Keywords.Index);
                containers.Add("@index@set");
            }

            // Step 4.12.
            if (!is10 && map is not null && map.Count == 1 && map.ContainsKey(Keywords.Value))
            {
                containers.Add(Keywords.Language);
                containers.Add("@language@set");
            }

            // Step 4.13.
            typeLanguageValue ??= "@null";

            // Step 4.14.
            var preferredValues = new List<string>(6);

            // Step 4.15.
            if (typeLanguageValue == Keywords.Reverse)
            {
                preferredValues.Add(Keywords.Reverse);
            }

            if ((typeLanguageValue == Keywords.Id || typeLanguageValue == Keywords.Reverse)
                && map is not null && map.TryGetValue(Keywords.Id, out var idValue) && idValue is string id)
            {
                // Step 4.16: prefer @vocab when the IRI compacts to a term that maps back to it.
                var compactedId = Compact(run, activeContext, id, vocab: true);
                if (compactedId is not null && activeContext.TryGetTerm(compactedId, out var idTerm) && idTerm.IriMapping == id)
                {
                    preferredValues.Add(Keywords.Vocab);
                    preferredValues.Add(Keywords.Id);
                    preferredValues.Add(Keywords.None);
                }
                else
                {
                    preferredValues.Add(Keywords.Id);
                    preferredValues.Add(Keywords.Vocab);
                    preferredValues.Add(Keywords.None);
                }
            }
            else
            {
                // Step 4.17.
                preferredValues.Add(typeLanguageValue);
                preferredValues.Add(Keywords.None);
                if (map is not null && map.TryGetValue(Keywords.List, out var emptyList) && emptyList is List<object?> { Count: 0 })
                {
                    typeLanguage = Keywords.Any;
                }
            }

            // Step 4.18.
            preferredValues.Add(Keywords.Any);

            // Step 4.19: the direction alone, for values with a language and a direction.
            var count = preferredValues.Count;
            for (var i = 0; i < count; i++)
            {
                var underscore = preferredValues[i].IndexOf('_', StringComparison.Ordinal);
                if (underscore >= 0)
                {
                    preferredValues.Add(preferredValues[i][underscore..]);
                }
            }

            // Steps 4.20 and 4.21.
            var term = TermSelection.Select(activeContext, var, containers, typeLanguage, preferredValues);
            if (term is not null)
            {
                return term;
            }
        }

        // Step 5: relative to the vocabulary mapping.
        if (vocab && activeContext.Vocabulary is { } vocabulary
            && var.Length > vocabulary.Length && var.StartsWith(vocabulary, StringComparison.Ordinal))
        {
            var suffix = var[vocabulary.Length..];
            if (!activeContext.Terms.ContainsKey(suffix))
            {
                return suffix;
            }
        }

        // Step 6: a compact IRI.
        string? compactIri = null;

        // Step 7: only terms with the prefix flag and an IRI mapping qualify (listed by the inverse context).
        foreach (var (key, mapping) in inverseContext.Prefixes)
        {
            // Step 7.1.
            if (mapping.Length >= var.Length || !var.StartsWith(mapping, StringComparison.Ordinal))
            {
                continue;
            }

            // Step 7.2.
            var candidate = key + ":" + var[mapping.Length..];

            // Step 7.3.
            var better = compactIri is null
                || candidate.Length < compactIri.Length
                || (candidate.Length == compactIri.Length && string.CompareOrdinal(candidate, compactIri) < 0);
            if (better
                && (!activeContext.TryGetTerm(candidate, out var candidateDefinition)
                    || (candidateDefinition.IriMapping == var && value is null)))
            {
                compactIri = candidate;
            }
        }

        // Step 8.
        if (compactIri is not null)
        {
            return compactIri;
        }

        // Step 9: an IRI whose scheme is a prefix term would be read back as a compact IRI.
        var colon = var.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0
            && activeContext.TryGetTerm(var[..colon], out var schemeTerm)
            && schemeTerm.IsPrefix
            && !var.AsSpan(colon + 1).StartsWith("//", StringComparison.Ordinal))
        {
            throw new JsonLdException(JsonLdErrorCode.IriConfusedWithPrefix, $"'{var}' would be read as a compact IRI.");
        }

        // Step 10: relative to the base IRI.
        if (!vocab)
        {
            var relative = activeContext.BaseIri is null ? var : IriResolver.Relativize(activeContext.BaseIri, var);
            if (relative.Length == 0)
            {
                // The base itself: its last path segment (test t0076), "./" after a trailing slash.
                var end = var.IndexOfAny(['?', '#']);
                var path = end < 0 ? var : var[..end];
                var segment = path[(path.LastIndexOf('/') + 1)..];
                relative = (segment.Length == 0 ? "./" : segment) + (end >= 0 && var[end] == '?' ? var[end..] : string.Empty);
            }

            if (Keywords.HasKeywordForm(relative))
            {
                relative = "./" + relative;
            }

            return relative;
        }

        // Step 11.
        return var;
    }

    /// <summary>A graph object: a map with <c>@graph</c> and nothing else but <c>@id</c>, <c>@index</c> and <c>@context</c>.</summary>
    public static bool IsGraphObject(Dictionary<string, object?> map)
    {
        if (!map.ContainsKey(Keywords.Graph))
        {
            return false;
        }

        foreach (var key in map.Keys)
        {
            if (key is not (Keywords.Graph or Keywords.Id or Keywords.Index or Keywords.Context))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A simple graph object: a graph object without <c>@id</c>.</summary>
    public static bool IsSimpleGraphObject(Dictionary<string, object?> map) => IsGraphObject(map) && !map.ContainsKey(Keywords.Id);
}
