using Tradeproof.JsonLd.Iris;

namespace Tradeproof.JsonLd.Context;

/// <summary>
/// IRI Expansion (JSON-LD 1.1 API §5.2.2). During context processing the local context and the
/// defined map are passed through <see cref="CreateTermDefinition.Scope"/>.
/// Part 2 API: <see cref="Expand"/>, <see cref="IsIriOrBlank"/>.
/// </summary>
internal static class IriExpansion
{
    /// <summary>Most cached vocabulary expansions per active context.</summary>
    private const int MaxCachedExpansions = 2048;

    /// <summary>Expands <paramref name="value"/>; returns null when it expands to nothing.</summary>
    /// <remarks>Vocabulary-relative expansions outside context processing are cached on the (immutable) active context.</remarks>
    public static string? Expand(
        JsonLdRun run,
        ActiveContext activeContext,
        string? value,
        bool documentRelative = false,
        bool vocab = false,
        CreateTermDefinition.Scope? scope = null)
    {
        if (scope is not null || !vocab || documentRelative || value is null)
        {
            return ExpandUncached(run, activeContext, value, documentRelative, vocab, scope);
        }

        var cache = activeContext.VocabExpansions;
        if (cache is null)
        {
            return ExpandUncached(run, activeContext, value, documentRelative, vocab, scope);
        }

        if (cache.TryGetValue(value, out var cached))
        {
            return cached;
        }

        var result = ExpandUncached(run, activeContext, value, documentRelative, vocab, scope);
        if (cache.Count < MaxCachedExpansions)
        {
            cache.TryAdd(value, result);
        }

        return result;
    }

    private static string? ExpandUncached(
        JsonLdRun run,
        ActiveContext activeContext,
        string? value,
        bool documentRelative = false,
        bool vocab = false,
        CreateTermDefinition.Scope? scope = null)
    {
        // Step 1: keywords and null.
        if (value is null || Keywords.IsKeyword(value))
        {
            return value;
        }

        // Step 2: a keyword-like value expands to nothing.
        if (value.Length > 1 && value[0] == '@' && Keywords.HasKeywordForm(value))
        {
            return null;
        }

        // Step 3: define the term first when the local context being processed defines it.
        if (scope is not null && scope.LocalContext.ContainsKey(value) && !(scope.Defined.TryGetValue(value, out var done) && done))
        {
            CreateTermDefinition.Run(run, activeContext, scope, value);
        }

        // Steps 4-5.
        if (activeContext.Terms.TryGetValue(value, out var definition))
        {
            if (definition.IriMapping is not null && Keywords.IsKeyword(definition.IriMapping))
            {
                return definition.IriMapping;
            }

            if (vocab)
            {
                return definition.IriMapping;
            }
        }

        // Step 6: a compact IRI or an IRI.
        var colon = value.Length > 1 ? value.IndexOf(':', 1) : -1;
        if (colon > 0)
        {
            // Step 6.1.
            var prefix = value[..colon];
            var suffix = value.AsSpan(colon + 1);

            // Step 6.2: a blank node identifier or a hierarchical IRI.
            if (prefix == "_" || suffix.StartsWith("//", StringComparison.Ordinal))
            {
                return value;
            }

            // Step 6.3.
            if (scope is not null && scope.LocalContext.ContainsKey(prefix) && !(scope.Defined.TryGetValue(prefix, out var pdone) && pdone))
            {
                CreateTermDefinition.Run(run, activeContext, scope, prefix);
            }

            // Step 6.4.
            if (activeContext.Terms.TryGetValue(prefix, out var prefixDefinition) && prefixDefinition.IriMapping is not null && prefixDefinition.IsPrefix)
            {
                return string.Concat(prefixDefinition.IriMapping, suffix);
            }

            // Step 6.5.
            if (IriResolver.IsAbsolute(value))
            {
                return value;
            }
        }

        // Step 7.
        if (vocab && activeContext.Vocabulary is not null)
        {
            return activeContext.Vocabulary + value;
        }

        // Step 8.
        if (documentRelative)
        {
            return activeContext.BaseIri is null ? value : IriResolver.Resolve(activeContext.BaseIri, value);
        }

        // Step 9.
        return value;
    }

    /// <summary>True for an absolute IRI or a blank node identifier.</summary>
    public static bool IsIriOrBlank(string value) =>
        value.StartsWith("_:", StringComparison.Ordinal) || IriResolver.IsAbsolute(value);
}
