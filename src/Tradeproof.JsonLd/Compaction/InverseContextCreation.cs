using Tradeproof.JsonLd.Context;

namespace Tradeproof.JsonLd.Compaction;

/// <summary>
/// An inverse context (JSON-LD 1.1 API §4.3): for each IRI, for each container mapping (the
/// concatenation of its keywords in code point order, or <c>@none</c>), the three maps
/// <c>@language</c>, <c>@type</c> and <c>@any</c> from a type or language (and direction) value to
/// the term to use. Built once per active context and cached on it (<see cref="ActiveContext.InverseContext"/>),
/// with a bounded cache of IRI compaction results that depend only on the context and the IRI.
/// </summary>
internal sealed class InverseContext
{
    public Dictionary<string, Dictionary<string, TypeLanguageMap>> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>The terms that may prefix a compact IRI (prefix flag true, IRI mapping not null), for IRI Compaction step 7.</summary>
    public List<KeyValuePair<string, string>> Prefixes { get; } = [];

    /// <summary>Most entries of <see cref="CompactIris"/>.</summary>
    public const int MaxCachedCompactIris = 4096;

    /// <summary>Cache of IRI Compaction results that depend on the IRI alone (vocab true, value null, not reverse).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> CompactIris { get; } = new(StringComparer.Ordinal);

    /// <summary>The three maps of one container mapping.</summary>
    internal sealed class TypeLanguageMap
    {
        public Dictionary<string, string> Language { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Type { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Any { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Get(string typeOrLanguage) => typeOrLanguage switch
        {
            Keywords.Language => Language,
            Keywords.Type => Type,
            _ => Any,
        };
    }
}

/// <summary>Inverse Context Creation (JSON-LD 1.1 API §4.3).</summary>
internal static class InverseContextCreation
{
    /// <summary>The inverse context of <paramref name="activeContext"/>, created on first use and cached on it.</summary>
    public static InverseContext Get(ActiveContext activeContext)
    {
        if (activeContext.InverseContext is InverseContext cached)
        {
            return cached;
        }

        // Shared contexts are used by many threads: two may build it at once (both results are equal);
        // the barrier publishes a fully built object before its reference.
        var created = Create(activeContext);
        Thread.MemoryBarrier();
        activeContext.InverseContext = created;
        return created;
    }

    /// <summary>Runs the algorithm.</summary>
    public static InverseContext Create(ActiveContext activeContext)
    {
        // Step 1.
        var result = new InverseContext();

        // Step 2: the default language, lower case.
        var defaultLanguage = activeContext.DefaultLanguage?.ToLowerInvariant() ?? Keywords.None;

        // Step 3: terms, shortest first, ties broken by code point order.
        var terms = activeContext.Terms.Keys.ToList();
        terms.Sort(static (a, b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b));
        foreach (var term in terms)
        {
            var definition = activeContext.Terms[term];

            // Step 3.1: a null term definition cannot be selected.
            if (definition.IriMapping is null)
            {
                continue;
            }

            // (Not a step: remember the terms IRI Compaction may use as prefixes.)
            if (definition.IsPrefix)
            {
                result.Prefixes.Add(new KeyValuePair<string, string>(term, definition.IriMapping));
            }

            // Step 3.2: the container, its keywords concatenated in code point order.
            var container = ContainerKey(definition.Container);

            // Steps 3.3 to 3.5.
            var var = definition.IriMapping;
            if (!result.Entries.TryGetValue(var, out var containerMap))
            {
                containerMap = new Dictionary<string, InverseContext.TypeLanguageMap>(StringComparer.Ordinal);
                result.Entries[var] = containerMap;
            }

            // Steps 3.6 and 3.7.
            if (!containerMap.TryGetValue(container, out var typeLanguageMap))
            {
                typeLanguageMap = new InverseContext.TypeLanguageMap();
                typeLanguageMap.Any[Keywords.None] = term;
                containerMap[container] = typeLanguageMap;
            }

            // Steps 3.8 and 3.9.
            var typeMap = typeLanguageMap.Type;
            var languageMap = typeLanguageMap.Language;

            if (definition.IsReverse)
            {
                // Step 3.10: a reverse property.
                typeMap.TryAdd(Keywords.Reverse, term);
            }
            else if (definition.TypeMapping == Keywords.None)
            {
                // Step 3.11: type mapping @none matches any language and any type.
                languageMap.TryAdd(Keywords.Any, term);
                typeMap.TryAdd(Keywords.Any, term);
            }
            else if (definition.TypeMapping is not null)
            {
                // Step 3.12: a type mapping.
                typeMap.TryAdd(definition.TypeMapping, term);
            }
            else if (definition.HasLanguage && definition.HasDirection)
            {
                // Step 3.13: both a language and a direction mapping.
                string langDir;
                if (definition.Language is not null && definition.Direction is not null)
                {
                    langDir = (definition.Language + "_" + definition.Direction).ToLowerInvariant();
                }
                else if (definition.Language is not null)
                {
                    langDir = definition.Language.ToLowerInvariant();
                }
                else if (definition.Direction is not null)
                {
                    langDir = "_" + definition.Direction;
                }
                else
                {
                    langDir = "@null";
                }

                languageMap.TryAdd(langDir, term);
            }
            else if (definition.HasLanguage)
            {
                // Step 3.14: a language mapping (possibly null).
                languageMap.TryAdd(definition.Language?.ToLowerInvariant() ?? "@null", term);
            }
            else if (definition.HasDirection)
            {
                // Step 3.15: a direction mapping (possibly null).
                languageMap.TryAdd(definition.Direction is null ? Keywords.None : "_" + definition.Direction, term);
            }
            else if (activeContext.DefaultDirection is not null)
            {
                // Step 3.16: the context's default language and base direction.
                var langDir = (activeContext.DefaultLanguage + "_" + activeContext.DefaultDirection).ToLowerInvariant();
                languageMap.TryAdd(langDir, term);
                languageMap.TryAdd(Keywords.None, term);
                typeMap.TryAdd(Keywords.None, term);
            }
            else
            {
                // Step 3.17: no mapping at all.
                languageMap.TryAdd(defaultLanguage, term);
                languageMap.TryAdd(Keywords.None, term);
                typeMap.TryAdd(Keywords.None, term);
            }
        }

        // Step 4.
        return result;
    }

    /// <summary>The container keywords concatenated in code point order, or <c>@none</c>.</summary>
    public static string ContainerKey(ContainerKind container) =>
        container == ContainerKind.None ? Keywords.None : string.Concat(ContainerKinds.ToKeywords(container));
}
