using Tradeproof.JsonLd.Iris;

namespace Tradeproof.JsonLd.Context;

/// <summary>
/// Create Term Definition (JSON-LD 1.1 API §4.2.2). Definitions are created in place in the
/// (new, not yet shared) active context <c>result</c> of the Context Processing Algorithm.
/// </summary>
internal static class CreateTermDefinition
{
    /// <summary>The inputs shared by every term of one local context.</summary>
    internal sealed record Scope(
        Dictionary<string, object?> LocalContext,
        Dictionary<string, bool> Defined,
        string? BaseUrl,
        bool Protected,
        bool OverrideProtected,
        List<string> RemoteContexts,
        bool Shared);

    private static readonly HashSet<string> AllowedEntries = new(StringComparer.Ordinal)
    {
        Keywords.Id, Keywords.Reverse, Keywords.Container, Keywords.Context, Keywords.Direction, Keywords.Index,
        Keywords.Language, Keywords.Nest, Keywords.Prefix, Keywords.Protected, Keywords.Type,
    };

    public static void Run(JsonLdRun run, ActiveContext activeContext, Scope scope, string term)
    {
        var options = run.Options;
        var is10 = options.IsProcessingMode10;

        // Step 1.
        if (scope.Defined.TryGetValue(term, out var state))
        {
            if (state)
            {
                return;
            }

            throw new JsonLdException(JsonLdErrorCode.CyclicIriMapping, term);
        }

        // Step 2.
        if (term.Length == 0)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, "empty term");
        }

        scope.Defined[term] = false;

        // Step 3.
        var value = scope.LocalContext[term];

        // Step 4: @type may only be given @container @set and @protected (1.1).
        if (term == Keywords.Type)
        {
            if (is10 || value is not Dictionary<string, object?> typeMap || typeMap.Count == 0)
            {
                throw new JsonLdException(JsonLdErrorCode.KeywordRedefinition, term);
            }

            foreach (var (k, v) in typeMap)
            {
                var ok = (k == Keywords.Container && v is string c && c == Keywords.Set) || k == Keywords.Protected;
                if (!ok)
                {
                    throw new JsonLdException(JsonLdErrorCode.KeywordRedefinition, term);
                }
            }
        }
        else if (Keywords.IsKeyword(term))
        {
            throw new JsonLdException(JsonLdErrorCode.KeywordRedefinition, term);
        }

        // Step 5: keyword-like terms are ignored.
        if (term != Keywords.Type && Keywords.HasKeywordForm(term))
        {
            return;
        }

        // Step 6.
        activeContext.Terms.Remove(term, out var previousDefinition);

        // Steps 7-9.
        Dictionary<string, object?> map;
        var simpleTerm = false;
        switch (value)
        {
            case null:
                map = new Dictionary<string, object?>(StringComparer.Ordinal) { [Keywords.Id] = null };
                break;
            case string s:
                map = new Dictionary<string, object?>(StringComparer.Ordinal) { [Keywords.Id] = s };
                simpleTerm = true;
                break;
            case Dictionary<string, object?> m:
                map = m;
                break;
            default:
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, term);
        }

        // Step 10.
        var definition = new TermDefinition();

        // Step 11: @protected.
        if (map.TryGetValue(Keywords.Protected, out var prot))
        {
            if (is10)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, "@protected in json-ld-1.0");
            }

            if (prot is not bool pb)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidProtectedValue, term);
            }

            definition.IsProtected = pb;
        }
        else
        {
            definition.IsProtected = scope.Protected;
        }

        // Step 12: @type.
        if (map.TryGetValue(Keywords.Type, out var typeValue))
        {
            if (typeValue is not string type)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTypeMapping, term);
            }

            var expandedType = IriExpansion.Expand(run, activeContext, type, vocab: true, scope: scope);
            if ((expandedType == Keywords.Json || expandedType == Keywords.None) && is10)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTypeMapping, term);
            }

            if (expandedType is not (Keywords.Id or Keywords.Json or Keywords.None or Keywords.Vocab)
                && (expandedType is null || !IriResolver.IsAbsolute(expandedType)))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTypeMapping, term);
            }

            definition.TypeMapping = expandedType;
        }

        // Step 13: @reverse.
        if (map.TryGetValue(Keywords.Reverse, out var reverseValue))
        {
            if (map.ContainsKey(Keywords.Id) || map.ContainsKey(Keywords.Nest))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidReverseProperty, term);
            }

            if (reverseValue is not string reverse)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, term);
            }

            if (Keywords.HasKeywordForm(reverse))
            {
                return;
            }

            var reverseIri = IriExpansion.Expand(run, activeContext, reverse, vocab: true, scope: scope);
            if (reverseIri is null || !IriExpansion.IsIriOrBlank(reverseIri) && !reverseIri.Contains(':', StringComparison.Ordinal))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, term);
            }

            definition.IriMapping = reverseIri;
            if (map.TryGetValue(Keywords.Container, out var reverseContainer))
            {
                definition.HasContainerMapping = true;
                definition.Container = reverseContainer switch
                {
                    null => ContainerKind.None,
                    Keywords.Set => ContainerKind.Set,
                    Keywords.Index => ContainerKind.Index,
                    _ => throw new JsonLdException(JsonLdErrorCode.InvalidReverseProperty, term),
                };
            }

            definition.IsReverse = true;
        }

        // Step 14: @id.
        if (definition.IsReverse)
        {
            // Steps 14-19 do not apply to reverse properties; @index and the rest still do.
        }
        else if (map.TryGetValue(Keywords.Id, out var idValue) && !(idValue is string sameId && sameId == term))
        {
            if (idValue is null)
            {
                // Step 14.1: the term is mapped to null (kept, so it is "defined" but never expands).
                definition.IriMapping = null;
            }
            else
            {
                if (idValue is not string id)
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, term);
                }

                // Step 14.2.1.
                if (!Keywords.IsKeyword(id) && Keywords.HasKeywordForm(id))
                {
                    return;
                }

                // Step 14.2.2.
                var mapped = IriExpansion.Expand(run, activeContext, id, vocab: true, scope: scope);
                if (mapped is null || (!Keywords.IsKeyword(mapped) && !IriExpansion.IsIriOrBlank(mapped) && !mapped.Contains(':', StringComparison.Ordinal)))
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, term);
                }

                if (mapped == Keywords.Context)
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidKeywordAlias, term);
                }

                definition.IriMapping = mapped;

                // Step 14.2.3: a term that looks like a compact IRI or IRI must expand to its own mapping.
                var innerColon = term.IndexOf(':', 1);
                if ((innerColon > 0 && innerColon < term.Length - 1) || term.Contains('/', StringComparison.Ordinal))
                {
                    scope.Defined[term] = true;
                    var self = IriExpansion.Expand(run, activeContext, term, vocab: true, scope: scope);
                    if (self != mapped)
                    {
                        throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, term);
                    }
                }

                // Step 14.2.4: simple terms ending in a gen-delim are prefixes.
                if (!term.Contains(':', StringComparison.Ordinal) && !term.Contains('/', StringComparison.Ordinal) && simpleTerm
                    && (mapped.StartsWith("_:", StringComparison.Ordinal) || (mapped.Length > 0 && ":/?#[]@".Contains(mapped[^1], StringComparison.Ordinal))))
                {
                    definition.IsPrefix = true;
                }
            }
        }
        else if (term.IndexOf(':', 1) > 0)
        {
            // Step 15: a compact IRI or IRI used as a term.
            var colon = term.IndexOf(':', 1);
            var prefix = term[..colon];
            var suffix = term[(colon + 1)..];

            // Step 15.1.
            if (scope.LocalContext.ContainsKey(prefix))
            {
                Run(run, activeContext, scope, prefix);
            }

            // Step 15.2 - 15.3.
            definition.IriMapping = activeContext.Terms.TryGetValue(prefix, out var prefixDefinition) && prefixDefinition.IriMapping is not null
                ? prefixDefinition.IriMapping + suffix
                : term;
        }
        else if (term.Contains('/', StringComparison.Ordinal))
        {
            // Step 16: a relative IRI used as a term (expanded without the local context, which would recurse).
            var mapped = IriExpansion.Expand(run, activeContext, term, vocab: true);
            if (mapped is null || !IriResolver.IsAbsolute(mapped))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, term);
            }

            definition.IriMapping = mapped;
        }
        else if (term == Keywords.Type)
        {
            // Step 17.
            definition.IriMapping = Keywords.Type;
        }
        else if (activeContext.Vocabulary is not null)
        {
            // Step 18.
            definition.IriMapping = activeContext.Vocabulary + term;
        }
        else
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, term);
        }

        // Step 19: @container.
        if (!definition.IsReverse && map.TryGetValue(Keywords.Container, out var containerValue))
        {
            definition.HasContainerMapping = true;
            definition.Container = ParseContainer(containerValue, is10, term);

            // Step 19.3.
            if (definition.HasContainer(ContainerKind.Type))
            {
                definition.TypeMapping ??= Keywords.Id;
                if (definition.TypeMapping is not (Keywords.Id or Keywords.Vocab))
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidTypeMapping, term);
                }
            }
        }

        // Step 20: @index.
        if (map.TryGetValue(Keywords.Index, out var indexValue))
        {
            if (is10 || !definition.HasContainer(ContainerKind.Index))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, term);
            }

            if (indexValue is not string index || Keywords.IsKeyword(index))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, term);
            }

            var expandedIndex = IriExpansion.Expand(run, activeContext, index, vocab: true, scope: scope);
            if (expandedIndex is null || !IriExpansion.IsIriOrBlank(expandedIndex))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, term);
            }

            definition.Index = index;
        }

        // Step 21: @context (a scoped context), validated now and applied during expansion.
        if (map.TryGetValue(Keywords.Context, out var scoped))
        {
            if (is10)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, term);
            }

            try
            {
                var remote = new List<string>(scope.RemoteContexts);
                _ = ContextProcessing.Process(run, activeContext, scoped, scope.BaseUrl, remote, overrideProtected: true, validateScopedContext: false, shared: scope.Shared);
            }
            catch (JsonLdException e) when (e.Code is not (JsonLdErrorCode.MaxContextsExceeded or JsonLdErrorCode.MaxImportChainExceeded or JsonLdErrorCode.MaxDepthExceeded))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidScopedContext, term + ": " + e.Message, e);
            }

            definition.HasLocalContext = true;
            definition.LocalContext = scoped;
            definition.BaseUrl = scope.BaseUrl;
            definition.LocalContextShared = scope.Shared;
        }

        // Step 22: @language.
        if (map.TryGetValue(Keywords.Language, out var languageValue) && !map.ContainsKey(Keywords.Type))
        {
            if (languageValue is not (null or string))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidLanguageMapping, term);
            }

            definition.HasLanguage = true;
            definition.Language = (languageValue as string)?.ToLowerInvariant();
        }

        // Step 23: @direction.
        if (map.TryGetValue(Keywords.Direction, out var directionValue) && !map.ContainsKey(Keywords.Type))
        {
            definition.HasDirection = true;
            definition.Direction = directionValue switch
            {
                null => null,
                "ltr" => "ltr",
                "rtl" => "rtl",
                _ => throw new JsonLdException(JsonLdErrorCode.InvalidBaseDirection, term),
            };
        }

        // Step 24: @nest.
        if (map.TryGetValue(Keywords.Nest, out var nestValue))
        {
            if (is10)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, term);
            }

            if (nestValue is not string nest || (Keywords.IsKeyword(nest) && nest != Keywords.Nest))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidNestValue, term);
            }

            definition.Nest = nest;
        }

        // Step 25: @prefix.
        if (map.TryGetValue(Keywords.Prefix, out var prefixValue))
        {
            if (is10 || term.Contains(':', StringComparison.Ordinal) || term.Contains('/', StringComparison.Ordinal))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, term);
            }

            if (prefixValue is not bool isPrefix)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidPrefixValue, term);
            }

            definition.IsPrefix = isPrefix;
            if (isPrefix && definition.IriMapping is not null && Keywords.IsKeyword(definition.IriMapping))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, term);
            }
        }

        // Step 26.
        foreach (var key in map.Keys)
        {
            if (!AllowedEntries.Contains(key))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, term + ": " + key);
            }
        }

        Finish(activeContext, scope, term, map, definition, previousDefinition);
    }

    // Steps 27-28.
    private static void Finish(ActiveContext activeContext, Scope scope, string term, Dictionary<string, object?> map, TermDefinition definition, TermDefinition? previousDefinition)
    {
        _ = map;
        if (!scope.OverrideProtected && previousDefinition is not null && previousDefinition.IsProtected)
        {
            if (!definition.SameDefinitionAs(previousDefinition))
            {
                throw new JsonLdException(JsonLdErrorCode.ProtectedTermRedefinition, term);
            }

            definition = previousDefinition;
        }

        activeContext.Terms[term] = definition;
        if (definition.IsProtected)
        {
            activeContext.HasProtectedTerms = true;
        }

        scope.Defined[term] = true;
    }

    private static ContainerKind ParseContainer(object? value, bool is10, string term)
    {
        var invalid = new JsonLdException(JsonLdErrorCode.InvalidContainerMapping, term);
        if (value is string single)
        {
            var kind = ContainerKinds.FromKeyword(single);
            if (kind == ContainerKind.None || (is10 && kind is ContainerKind.Graph or ContainerKind.Id or ContainerKind.Type))
            {
                throw invalid;
            }

            return kind;
        }

        if (is10 || value is not List<object?> list)
        {
            throw invalid;
        }

        var result = ContainerKind.None;
        foreach (var item in list)
        {
            if (item is not string s)
            {
                throw invalid;
            }

            var kind = ContainerKinds.FromKeyword(s);
            if (kind == ContainerKind.None || (result & kind) != 0)
            {
                throw invalid;
            }

            result |= kind;
        }

        // Allowed combinations (Step 19.1): any single keyword; @set with one of @index, @graph, @id, @type, @language;
        // @graph with @id or @index, optionally with @set.
        var withoutSet = result & ~ContainerKind.Set;
        var ok = list.Count == 0
            || withoutSet == ContainerKind.None
            || (list.Count == 1)
            || ((result & ContainerKind.Set) != 0 && withoutSet is ContainerKind.Index or ContainerKind.Graph or ContainerKind.Id or ContainerKind.Type or ContainerKind.Language)
            || ((withoutSet & ContainerKind.Graph) != 0 && (withoutSet == (ContainerKind.Graph | ContainerKind.Id) || withoutSet == (ContainerKind.Graph | ContainerKind.Index)));
        if (!ok || (result & ContainerKind.List) != 0 && result != ContainerKind.List)
        {
            throw invalid;
        }

        return result;
    }
}
