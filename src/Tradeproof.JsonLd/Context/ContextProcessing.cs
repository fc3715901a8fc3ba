using Tradeproof.JsonLd.Iris;
using Tradeproof.JsonLd.Json;

namespace Tradeproof.JsonLd.Context;

/// <summary>
/// The Context Processing Algorithm (JSON-LD 1.1 API §4.1.2). Departure from the spec: an array
/// local context is processed item by item (equivalent), so each item's result can be cached on
/// the shared active context it was applied to (a URL, or an object from a loaded context); the
/// remote contexts list is a chain (the URLs being loaded into each other), so cycles are
/// <c>context overflow</c> and chains longer than <see cref="JsonLdOptions.MaxImportChain"/> a limit error.
/// Part 2 API: <see cref="Process"/>.
/// </summary>
internal static class ContextProcessing
{
    /// <summary>Inline context objects up to this size (serialized) are cached by content.</summary>
    private const int MaxInlineContextCacheChars = 4096;

    private static readonly List<string> NoRemoteContexts = [];

    /// <summary>Cache key of a non-propagated <c>null</c> local context (its result remembers the context it replaced).</summary>
    private static readonly object NullContextKey = new();

    /// <summary>
    /// Processes <c>localContext</c> against <c>activeContext</c>. <c>shared</c> is true when the local context
    /// comes from a loaded (cached) document, or is a term's scoped context from one, so its result may be cached.
    /// </summary>
    public static ActiveContext Process(
        JsonLdRun run,
        ActiveContext activeContext,
        object? localContext,
        string? baseUrl,
        List<string>? remoteContexts = null,
        bool overrideProtected = false,
        bool propagate = true,
        bool validateScopedContext = true,
        bool shared = false)
    {
        remoteContexts ??= NoRemoteContexts;
        if (localContext is List<object?> items)
        {
            // Step 3: process each item in turn (see the class comment).
            var result = activeContext;
            foreach (var item in items)
            {
                result = ProcessOne(run, result, item, baseUrl, remoteContexts, overrideProtected, propagate, validateScopedContext, shared);
            }

            return result;
        }

        return ProcessOne(run, activeContext, localContext, baseUrl, remoteContexts, overrideProtected, propagate, validateScopedContext, shared);
    }

    private static ActiveContext ProcessOne(
        JsonLdRun run,
        ActiveContext activeContext,
        object? context,
        string? baseUrl,
        List<string> remoteContexts,
        bool overrideProtected,
        bool propagate,
        bool validateScopedContext,
        bool shared)
    {
        // Step 4.1 with propagation: null resets to the initial context, the same (shared, cached) one a document
        // starts from, so what follows (e.g. an embedded credential's own @context after verifiableCredential's
        // scoped "@context": null) hits the same cache entries as a top-level document. Constant work: not counted.
        if (context is null && propagate)
        {
            if (!overrideProtected && activeContext.HasProtectedTerms)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidContextNullification, null);
            }

            return run.Cache.Initial(activeContext.OriginalBaseUrl, run.Options);
        }

        // The cache key: a URL by value; a shared context object by reference; a small inline context object
        // of the document by its serialized text (so documents with the same inline context share its result);
        // a non-propagated null by a marker.
        object? cacheKey = null;
        var serialized = false;
        if (activeContext.IsShared)
        {
            if (context is null)
            {
                cacheKey = NullContextKey;
            }
            else if (context is string || shared)
            {
                cacheKey = context;
            }
            else if (context is Dictionary<string, object?>)
            {
                var text = JsonTree.Serialize(context);
                serialized = true;
                if (text.Length <= MaxInlineContextCacheChars)
                {
                    cacheKey = "\0" + text;
                    shared = true;
                }
            }
        }

        // MaxContexts counts real work only: a cache hit by reference or URL is constant work and is not counted
        // (so a presentation may embed many credentials with the same contexts), while a miss, and any inline
        // context object (serialized to look it up), counts.
        ActiveContext.DerivedKey key = default;
        if (cacheKey is not null)
        {
            key = new ActiveContext.DerivedKey(cacheKey, baseUrl, overrideProtected, propagate, validateScopedContext);
            var cached = ContextCache.TryGetDerived(activeContext, key);
            if (cached is not null)
            {
                if (serialized)
                {
                    run.CountContext();
                }

                return cached;
            }
        }

        run.CountContext();

        var result = ProcessUncached(run, activeContext, context, baseUrl, remoteContexts, overrideProtected, propagate, validateScopedContext, shared).Freeze();
        if (cacheKey is not null && !ReferenceEquals(result, activeContext))
        {
            ContextCache.AddDerived(activeContext, key, result);
        }

        return result;
    }

    private static ActiveContext ProcessUncached(
        JsonLdRun run,
        ActiveContext activeContext,
        object? context,
        string? baseUrl,
        List<string> remoteContexts,
        bool overrideProtected,
        bool propagate,
        bool validateScopedContext,
        bool shared)
    {
        var options = run.Options;

        // Step 1: result is a copy of the active context; @propagate of a map local context overrides propagate.
        if (context is Dictionary<string, object?> ctxMap && ctxMap.TryGetValue(Keywords.Propagate, out var propagateValue))
        {
            if (propagateValue is not bool p)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidPropagateValue, null);
            }

            propagate = p;
        }

        // Step 4.1: null resets the context.
        if (context is null)
        {
            if (!overrideProtected && activeContext.HasProtectedTerms)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidContextNullification, null);
            }

            var reset = new ActiveContext(activeContext.OriginalBaseUrl, activeContext.OriginalBaseUrl, options);
            if (!propagate)
            {
                reset.PreviousContext = activeContext.PreviousContext ?? activeContext;
            }

            return reset;
        }

        // Step 4.2: a remote context.
        if (context is string iri)
        {
            return ProcessRemote(run, activeContext, iri, baseUrl, remoteContexts, validateScopedContext, propagate);
        }

        // Step 4.3.
        if (context is not Dictionary<string, object?> map)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidLocalContext, null);
        }

        var result = activeContext.Clone();

        // Step 2: a non-propagated context remembers the context to return to.
        if (!propagate && result.PreviousContext is null)
        {
            result.PreviousContext = activeContext;
        }

        // Step 5.5: @version.
        if (map.TryGetValue(Keywords.Version, out var version))
        {
            if (version is not double v || v != 1.1)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidVersionValue, null);
            }

            if (options.IsProcessingMode10)
            {
                throw new JsonLdException(JsonLdErrorCode.ProcessingModeConflict, null);
            }
        }

        // Step 5.6: @import merges an imported context under this one.
        if (map.TryGetValue(Keywords.Import, out var import))
        {
            if (options.IsProcessingMode10)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidContextEntry, "@import in json-ld-1.0");
            }

            if (import is not string importRef)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidImportValue, null);
            }

            var importUrl = IriResolver.Resolve(baseUrl, importRef);
            if (remoteContexts.Contains(importUrl))
            {
                throw new JsonLdException(JsonLdErrorCode.ContextOverflow, "@import cycle at " + importUrl);
            }

            if (remoteContexts.Count >= options.MaxImportChain)
            {
                throw new JsonLdException(JsonLdErrorCode.MaxImportChainExceeded, importUrl);
            }

            var importContext = LoadContextDocument(run, importUrl);
            if (importContext is not Dictionary<string, object?> importMap)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidRemoteContext, importUrl);
            }

            if (importMap.ContainsKey(Keywords.Import))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidContextEntry, "imported context has @import");
            }

            var merged = new Dictionary<string, object?>(importMap, StringComparer.Ordinal);
            foreach (var (k, val) in map)
            {
                merged[k] = val;
            }

            map = merged;
        }

        // Step 5.7: @base, only when not in a remote context.
        if (map.TryGetValue(Keywords.Base, out var baseValue) && remoteContexts.Count == 0)
        {
            if (baseValue is null)
            {
                result.BaseIri = null;
            }
            else if (baseValue is string b)
            {
                if (IriResolver.IsAbsolute(b))
                {
                    result.BaseIri = b;
                }
                else if (result.BaseIri is not null)
                {
                    result.BaseIri = IriResolver.Resolve(result.BaseIri, b);
                }
                else
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidBaseIri, b);
                }
            }
            else
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidBaseIri, null);
            }
        }

        // Step 5.8: @vocab.
        if (map.TryGetValue(Keywords.Vocab, out var vocab))
        {
            if (vocab is null)
            {
                result.Vocabulary = null;
            }
            else if (vocab is string vs)
            {
                var expanded = IriExpansion.Expand(run, result, vs, documentRelative: true, vocab: true);
                if (expanded is null || !IriExpansion.IsIriOrBlank(expanded))
                {
                    throw new JsonLdException(options.SafeMode ? JsonLdErrorCode.SafeModeRelativeIri : JsonLdErrorCode.InvalidVocabMapping, vs);
                }

                result.Vocabulary = expanded;
            }
            else
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidVocabMapping, null);
            }
        }

        // Step 5.9: @language.
        if (map.TryGetValue(Keywords.Language, out var language))
        {
            if (language is null)
            {
                result.DefaultLanguage = null;
            }
            else if (language is string ls)
            {
                if (options.SafeMode && !LanguageTag.IsWellFormed(ls))
                {
                    throw new JsonLdException(JsonLdErrorCode.SafeModeInvalidValue, "@language " + ls);
                }

                result.DefaultLanguage = ls.ToLowerInvariant();
            }
            else
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidDefaultLanguage, null);
            }
        }

        // Step 5.10: @direction.
        if (map.TryGetValue(Keywords.Direction, out var direction))
        {
            if (options.IsProcessingMode10)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidContextEntry, "@direction in json-ld-1.0");
            }

            result.DefaultDirection = direction switch
            {
                null => null,
                "ltr" => "ltr",
                "rtl" => "rtl",
                _ => throw new JsonLdException(JsonLdErrorCode.InvalidBaseDirection, null),
            };
        }

        // Step 5.11: @propagate (its value was read in step 1).
        if (map.ContainsKey(Keywords.Propagate) && options.IsProcessingMode10)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidContextEntry, "@propagate in json-ld-1.0");
        }

        var protectedDefault = false;
        if (map.TryGetValue(Keywords.Protected, out var prot))
        {
            if (prot is not bool pb)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidProtectedValue, null);
            }

            protectedDefault = pb;
        }

        // Steps 5.12-5.13: create a term definition for every other entry.
        var defined = new Dictionary<string, bool>(StringComparer.Ordinal);
        var termContext = new CreateTermDefinition.Scope(map, defined, baseUrl, protectedDefault, overrideProtected, remoteContexts, shared);
        foreach (var term in map.Keys)
        {
            switch (term)
            {
                case Keywords.Base:
                case Keywords.Direction:
                case Keywords.Import:
                case Keywords.Language:
                case Keywords.Propagate:
                case Keywords.Protected:
                case Keywords.Version:
                case Keywords.Vocab:
                    continue;
                default:
                    CreateTermDefinition.Run(run, result, termContext, term);
                    break;
            }
        }

        return result;
    }

    // Step 5.2: a remote context, by URL.
    private static ActiveContext ProcessRemote(
        JsonLdRun run,
        ActiveContext activeContext,
        string reference,
        string? baseUrl,
        List<string> remoteContexts,
        bool validateScopedContext,
        bool propagate)
    {
        // Step 5.2.1.
        if (baseUrl is null && !IriResolver.IsAbsolute(reference))
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingRemoteContextFailed, "relative context URL with no base: " + reference);
        }

        var url = IriResolver.Resolve(baseUrl, reference);

        // Step 5.2.2.
        if (!validateScopedContext && remoteContexts.Contains(url))
        {
            return activeContext;
        }

        // Step 5.2.3: cycles and the chain limit.
        if (remoteContexts.Contains(url))
        {
            throw new JsonLdException(JsonLdErrorCode.ContextOverflow, "context cycle at " + url);
        }

        if (remoteContexts.Count >= run.Options.MaxImportChain)
        {
            throw new JsonLdException(JsonLdErrorCode.MaxImportChainExceeded, url);
        }

        // Steps 5.2.4-5.2.5: dereference (cached per URL).
        var context = LoadContextDocument(run, url);
        var chain = new List<string>(remoteContexts.Count + 1);
        chain.AddRange(remoteContexts);
        chain.Add(url);

        // Step 5.2.6.
        return Process(run, activeContext, context, url, chain, overrideProtected: false, propagate: propagate, validateScopedContext: validateScopedContext, shared: true);
    }

    /// <summary>Loads a context document and returns its <c>@context</c> value (Steps 5.2.5 / 5.6.4).</summary>
    private static object? LoadContextDocument(JsonLdRun run, string url)
    {
        Loading.RemoteDocument document;
        try
        {
            document = run.Cache.Load(url, run.Options.DocumentLoader, run.Options.MaxDepth);
        }
        catch (JsonLdException e)
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingRemoteContextFailed, url, e);
        }

        var parsed = document.Parsed;

        if (parsed is not Dictionary<string, object?> map || !map.TryGetValue(Keywords.Context, out var context))
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidRemoteContext, url);
        }

        return context;
    }
}
