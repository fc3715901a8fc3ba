using Tradeproof.JsonLd.Context;
using Tradeproof.JsonLd.Iris;
using Tradeproof.JsonLd.Json;

namespace Tradeproof.JsonLd.Expansion;

/// <summary>
/// The Expansion Algorithm (JSON-LD 1.1 API §5.1.2), without frame expansion. Safe mode
/// (<see cref="JsonLdOptions.SafeMode"/>) turns each silent drop into a typed error.
/// Part 2 API: <see cref="Expand"/> (returns the expanded value; the API wraps it in an array).
/// </summary>
internal static class ExpansionAlgorithm
{
    private static readonly HashSet<string> ValueObjectKeys = new(StringComparer.Ordinal)
    {
        Keywords.Direction, Keywords.Index, Keywords.Language, Keywords.Type, Keywords.Value,
    };

    public static object? Expand(
        JsonLdRun run,
        ActiveContext activeContext,
        string? activeProperty,
        object? element,
        string? baseUrl,
        bool fromMap = false,
        int depth = 0)
    {
        // Step 1.
        if (element is null)
        {
            return null;
        }

        if (depth > run.Options.MaxDepth)
        {
            throw new JsonLdException(JsonLdErrorCode.MaxDepthExceeded, $"deeper than {run.Options.MaxDepth}");
        }

        // Step 3: a property-scoped context.
        var propertyDefinition = activeProperty is null ? null : activeContext.GetTerm(activeProperty);
        var hasPropertyScopedContext = propertyDefinition is not null && propertyDefinition.HasLocalContext;

        // Step 4: scalars.
        if (element is not (Dictionary<string, object?> or List<object?>))
        {
            // Step 4.1: free-floating scalars are dropped.
            if (activeProperty is null or Keywords.Graph)
            {
                if (run.Options.SafeMode)
                {
                    throw new JsonLdException(JsonLdErrorCode.SafeModeInvalidValue, "free-floating value");
                }

                return null;
            }

            // Step 4.2.
            if (hasPropertyScopedContext)
            {
                activeContext = ContextProcessing.Process(run, activeContext, propertyDefinition!.LocalContext, propertyDefinition.BaseUrl, shared: propertyDefinition.LocalContextShared);
            }

            // Step 4.3.
            return ValueExpansion.Expand(run, activeContext, activeProperty, element);
        }

        // Step 5: arrays.
        if (element is List<object?> array)
        {
            var result = new List<object?>(array.Count);
            var isList = propertyDefinition is not null && propertyDefinition.HasContainer(ContainerKind.List);
            foreach (var item in array)
            {
                // Step 5.2.1.
                var expandedItem = Expand(run, activeContext, activeProperty, item, baseUrl, fromMap, depth + 1);

                // Step 5.2.2.
                if (isList && expandedItem is List<object?> nested)
                {
                    expandedItem = new Dictionary<string, object?>(StringComparer.Ordinal) { [Keywords.List] = nested };
                }

                // Step 5.2.3.
                if (expandedItem is List<object?> items)
                {
                    result.AddRange(items);
                }
                else if (expandedItem is not null)
                {
                    result.Add(expandedItem);
                }
            }

            return result;
        }

        // Step 6: a map.
        var map = (Dictionary<string, object?>)element;

        // Step 7: revert a non-propagated context.
        if (activeContext.PreviousContext is not null && !fromMap && !HasValueEntry(run, activeContext, map) && !IsSingleId(run, activeContext, map))
        {
            activeContext = activeContext.PreviousContext;
        }

        // Step 8.
        if (hasPropertyScopedContext)
        {
            activeContext = ContextProcessing.Process(run, activeContext, propertyDefinition!.LocalContext, propertyDefinition.BaseUrl, overrideProtected: true, shared: propertyDefinition.LocalContextShared);
        }

        // A value of a document's member kept for processing alone (EmbeddedDocuments): only when the
        // property-scoped context just left the document's own initial context.
        var embeddedIndex = -1;
        if (run.Embedded is { } embedded && hasPropertyScopedContext && !fromMap && embedded.IsTarget(map, activeContext, baseUrl, out var targetIndex))
        {
            embeddedIndex = targetIndex;
        }

        // Step 9.
        if (map.TryGetValue(Keywords.Context, out var localContext))
        {
            activeContext = ContextProcessing.Process(run, activeContext, localContext, baseUrl);
        }

        // Step 10.
        var typeScopedContext = activeContext;

        // Steps 11-12: type-scoped contexts, in order of keys then of types; the input type.
        string? inputType = null;
        List<string>? typeKeys = null;
        foreach (var key in map.Keys)
        {
            if (key != Keywords.Context && IriExpansion.Expand(run, activeContext, key, vocab: true) == Keywords.Type)
            {
                (typeKeys ??= []).Add(key);
            }
        }

        if (typeKeys is not null)
        {
            typeKeys.Sort(StringComparer.Ordinal);
            foreach (var key in typeKeys)
            {
                var types = new List<string>();
                foreach (var t in JsonTree.AsList(map[key]))
                {
                    if (t is string ts)
                    {
                        types.Add(ts);
                    }
                }

                types.Sort(StringComparer.Ordinal);
                foreach (var term in types)
                {
                    if (typeScopedContext.Terms.TryGetValue(term, out var typeDefinition) && typeDefinition.HasLocalContext)
                    {
                        activeContext = ContextProcessing.Process(run, activeContext, typeDefinition.LocalContext, typeDefinition.BaseUrl, propagate: false, shared: typeDefinition.LocalContextShared);
                    }
                }
            }

            // Step 12: the last value of the first @type entry, expanded.
            var first = map[typeKeys[0]];
            var last = first is List<object?> firstList ? (firstList.Count > 0 ? firstList[^1] : null) : first;
            if (last is string lastType)
            {
                inputType = IriExpansion.Expand(run, activeContext, lastType, vocab: true);
            }
        }

        var output = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
        Dictionary<string, bool>? nests = null;

        // Steps 13-14.
        ExpandEntries(run, activeContext, typeScopedContext, activeProperty, map, baseUrl, inputType, output, ref nests, depth);

        // Step 15: value objects.
        if (output.TryGetValue(Keywords.Value, out var value))
        {
            // Step 15.1.
            foreach (var k in output.Keys)
            {
                if (!ValueObjectKeys.Contains(k))
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidValueObject, "unexpected " + k);
                }
            }

            if (output.ContainsKey(Keywords.Type) && (output.ContainsKey(Keywords.Language) || output.ContainsKey(Keywords.Direction)))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidValueObject, "@type with @language or @direction");
            }

            output.TryGetValue(Keywords.Type, out var valueType);
            if (valueType is string vt && vt == Keywords.Json)
            {
                // Step 15.2: any JSON value.
            }
            else if (value is null || (value is List<object?> { Count: 0 }))
            {
                // Step 15.3.
                if (run.Options.SafeMode && value is null && output.Count > 1)
                {
                    throw new JsonLdException(JsonLdErrorCode.SafeModeInvalidValue, "null @value");
                }

                return null;
            }
            else if (value is not string && output.ContainsKey(Keywords.Language))
            {
                // Step 15.4.
                throw new JsonLdException(JsonLdErrorCode.InvalidLanguageTaggedValue, null);
            }
            else if (valueType is not null && (valueType is not string typeIri || !IriResolver.IsAbsolute(typeIri) || typeIri.StartsWith("_:", StringComparison.Ordinal) || typeIri.Contains(' ', StringComparison.Ordinal)))
            {
                // Step 15.5.
                throw new JsonLdException(JsonLdErrorCode.InvalidTypedValue, null);
            }
            else if (value is Dictionary<string, object?> or List<object?>)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidValueObjectValue, null);
            }
        }
        else if (output.TryGetValue(Keywords.Type, out var typeValue) && typeValue is not List<object?>)
        {
            // Step 16.
            output[Keywords.Type] = new List<object?> { typeValue };
        }
        else if (output.ContainsKey(Keywords.Set) || output.ContainsKey(Keywords.List))
        {
            // Step 17.1.
            if (output.Count > 2 || (output.Count == 2 && !output.ContainsKey(Keywords.Index)))
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidSetOrListObject, null);
            }

            // Step 17.2.
            if (output.TryGetValue(Keywords.Set, out var set))
            {
                return set;
            }
        }

        // Step 18.
        if (output.Count == 1 && output.ContainsKey(Keywords.Language))
        {
            return null;
        }

        // Step 19: free-floating values and nodes with only @id at the top level are dropped.
        if (activeProperty is null or Keywords.Graph)
        {
            if (output.Count == 0 || output.ContainsKey(Keywords.Value) || output.ContainsKey(Keywords.List))
            {
                return null;
            }

            if (output.Count == 1 && output.ContainsKey(Keywords.Id))
            {
                return null;
            }
        }

        if (embeddedIndex >= 0)
        {
            run.Embedded!.Keep(run, embeddedIndex, map, activeContext, output);
        }

        return output;
    }

    private static bool HasValueEntry(JsonLdRun run, ActiveContext activeContext, Dictionary<string, object?> map)
    {
        foreach (var key in map.Keys)
        {
            if (IriExpansion.Expand(run, activeContext, key, vocab: true) == Keywords.Value)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSingleId(JsonLdRun run, ActiveContext activeContext, Dictionary<string, object?> map)
    {
        if (map.Count != 1)
        {
            return false;
        }

        foreach (var key in map.Keys)
        {
            return IriExpansion.Expand(run, activeContext, key, vocab: true) == Keywords.Id;
        }

        return false;
    }

    private static void ExpandEntries(
        JsonLdRun run,
        ActiveContext activeContext,
        ActiveContext typeScopedContext,
        string? activeProperty,
        Dictionary<string, object?> element,
        string? baseUrl,
        string? inputType,
        Dictionary<string, object?> result,
        ref Dictionary<string, bool>? nests,
        int depth)
    {
        var options = run.Options;
        IEnumerable<KeyValuePair<string, object?>> entries = element;
        if (options.Ordered)
        {
            entries = element.OrderBy(p => p.Key, StringComparer.Ordinal);
        }

        // Step 13.
        foreach (var (key, value) in entries)
        {
            // Step 13.1.
            if (key == Keywords.Context)
            {
                continue;
            }

            // Step 13.2.
            var expandedProperty = IriExpansion.Expand(run, activeContext, key, vocab: true);

            // Step 13.3: drop keys that expand to nothing or to neither an IRI nor a keyword.
            if (expandedProperty is null || (!expandedProperty.Contains(':', StringComparison.Ordinal) && !Keywords.IsKeyword(expandedProperty)))
            {
                if (options.SafeMode)
                {
                    throw new JsonLdException(JsonLdErrorCode.SafeModeUndefinedTerm, key);
                }

                continue;
            }

            // Step 13.4: keywords.
            if (Keywords.IsKeyword(expandedProperty))
            {
                ExpandKeyword(run, activeContext, typeScopedContext, activeProperty, key, expandedProperty, value, baseUrl, inputType, result, ref nests, depth);
                continue;
            }

            if (options.SafeMode && !IriExpansion.IsIriOrBlank(expandedProperty))
            {
                throw new JsonLdException(JsonLdErrorCode.SafeModeRelativeIri, key);
            }

            // Step 13.5.
            var definition = activeContext.GetTerm(key);
            var container = definition?.Container ?? ContainerKind.None;
            object? expandedValue;

            if (definition?.TypeMapping == Keywords.Json)
            {
                // Step 13.6.
                expandedValue = new Dictionary<string, object?>(StringComparer.Ordinal) { [Keywords.Value] = value, [Keywords.Type] = Keywords.Json };
            }
            else if ((container & ContainerKind.Language) != 0 && value is Dictionary<string, object?> languageMap)
            {
                // Step 13.7: a language map.
                expandedValue = ExpandLanguageMap(run, activeContext, definition!, languageMap);
            }
            else if ((container & (ContainerKind.Index | ContainerKind.Type | ContainerKind.Id)) != 0 && value is Dictionary<string, object?> indexMap)
            {
                // Step 13.8: index, type and id maps.
                expandedValue = ExpandIndexMap(run, activeContext, definition!, key, indexMap, baseUrl, depth);
            }
            else
            {
                // Step 13.9.
                expandedValue = Expand(run, activeContext, key, value, baseUrl, depth: depth + 1);
            }

            // Step 13.10.
            if (expandedValue is null)
            {
                continue;
            }

            // Step 13.11.
            if ((container & ContainerKind.List) != 0 && !(expandedValue is Dictionary<string, object?> lm && lm.ContainsKey(Keywords.List)))
            {
                expandedValue = new Dictionary<string, object?>(StringComparer.Ordinal) { [Keywords.List] = AsArray(expandedValue) };
            }

            // Step 13.12: graph containers wrap each value in a graph object.
            if ((container & ContainerKind.Graph) != 0 && (container & (ContainerKind.Id | ContainerKind.Index)) == 0)
            {
                var wrapped = new List<object?>();
                foreach (var ev in AsArray(expandedValue))
                {
                    wrapped.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { [Keywords.Graph] = AsArray(ev) });
                }

                expandedValue = wrapped;
            }

            // Step 13.13: reverse properties.
            if (definition is not null && definition.IsReverse)
            {
                var reverseMap = GetReverseMap(result);
                foreach (var item in AsArray(expandedValue))
                {
                    if (item is Dictionary<string, object?> im && (im.ContainsKey(Keywords.Value) || im.ContainsKey(Keywords.List)))
                    {
                        throw new JsonLdException(JsonLdErrorCode.InvalidReversePropertyValue, key);
                    }

                    AddValue(reverseMap, expandedProperty, item);
                }

                continue;
            }

            // Step 13.14.
            AddValue(result, expandedProperty, expandedValue);
        }

        // Step 14: nested properties.
        if (nests is null)
        {
            return;
        }

        var nestKeys = nests.Keys.ToList();
        nestKeys.Sort(StringComparer.Ordinal);
        nests = null;
        foreach (var nestingKey in nestKeys)
        {
            foreach (var nestedValue in JsonTree.AsList(element[nestingKey]))
            {
                if (nestedValue is not Dictionary<string, object?> nestedMap)
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidNestValue, nestingKey);
                }

                foreach (var nk in nestedMap.Keys)
                {
                    if (IriExpansion.Expand(run, activeContext, nk, vocab: true) == Keywords.Value)
                    {
                        throw new JsonLdException(JsonLdErrorCode.InvalidNestValue, nestingKey);
                    }
                }

                // Step 14.2.2: repeat steps 3 and 8 (the nesting key's property-scoped context), 13 and 14.
                var nestContext = activeContext;
                if (activeContext.Terms.TryGetValue(nestingKey, out var nestDefinition) && nestDefinition.HasLocalContext)
                {
                    nestContext = ContextProcessing.Process(run, activeContext, nestDefinition.LocalContext, nestDefinition.BaseUrl, overrideProtected: true, shared: nestDefinition.LocalContextShared);
                }

                Dictionary<string, bool>? innerNests = null;
                ExpandEntries(run, nestContext, typeScopedContext, activeProperty, nestedMap, baseUrl, inputType, result, ref innerNests, depth + 1);
            }
        }
    }

    private static void ExpandKeyword(
        JsonLdRun run,
        ActiveContext activeContext,
        ActiveContext typeScopedContext,
        string? activeProperty,
        string key,
        string expandedProperty,
        object? value,
        string? baseUrl,
        string? inputType,
        Dictionary<string, object?> result,
        ref Dictionary<string, bool>? nests,
        int depth)
    {
        var options = run.Options;
        var is10 = options.IsProcessingMode10;

        // Step 13.4.1.
        if (activeProperty == Keywords.Reverse)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidReversePropertyMap, key);
        }

        // Step 13.4.2.
        if (result.ContainsKey(expandedProperty) && (is10 || (expandedProperty != Keywords.Included && expandedProperty != Keywords.Type)))
        {
            throw new JsonLdException(JsonLdErrorCode.CollidingKeywords, expandedProperty);
        }

        object? expandedValue = null;
        switch (expandedProperty)
        {
            case Keywords.Id:
                // Step 13.4.3.
                if (value is not string id)
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidIdValue, null);
                }

                expandedValue = IriExpansion.Expand(run, activeContext, id, documentRelative: true);
                if (options.SafeMode && (expandedValue is not string eid || !IriExpansion.IsIriOrBlank(eid)))
                {
                    throw new JsonLdException(JsonLdErrorCode.SafeModeRelativeIri, "@id " + id);
                }

                break;

            case Keywords.Type:
                // Step 13.4.4.
                expandedValue = ExpandTypeValue(run, typeScopedContext, value);
                if (result.TryGetValue(Keywords.Type, out var existingType))
                {
                    // Step 13.4.4.5.
                    var combined = new List<object?>(AsArray(existingType));
                    combined.AddRange(AsArray(expandedValue));
                    expandedValue = combined;
                }

                break;

            case Keywords.Graph:
                // Step 13.4.5.
                expandedValue = AsArray(Expand(run, activeContext, Keywords.Graph, value, baseUrl, depth: depth + 1));
                break;

            case Keywords.Included:
                // Step 13.4.6.
                if (is10)
                {
                    return;
                }

                var included = AsArray(Expand(run, activeContext, Keywords.Included, value, baseUrl, depth: depth + 1));
                foreach (var item in included)
                {
                    if (item is not Dictionary<string, object?> node || node.ContainsKey(Keywords.Value) || node.ContainsKey(Keywords.List) || node.ContainsKey(Keywords.Set))
                    {
                        throw new JsonLdException(JsonLdErrorCode.InvalidIncludedValue, null);
                    }
                }

                if (result.TryGetValue(Keywords.Included, out var existingIncluded))
                {
                    var combined = new List<object?>(AsArray(existingIncluded));
                    combined.AddRange(included);
                    included = combined;
                }

                expandedValue = included;
                break;

            case Keywords.Value:
                // Step 13.4.7.
                if (inputType == Keywords.Json)
                {
                    if (is10)
                    {
                        throw new JsonLdException(JsonLdErrorCode.InvalidValueObjectValue, null);
                    }

                    result[Keywords.Value] = value;
                    return;
                }

                if (value is Dictionary<string, object?> or List<object?>)
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidValueObjectValue, null);
                }

                // Step 13.4.7.4: a null @value is kept so the value object is dropped later.
                result[Keywords.Value] = value;
                return;

            case Keywords.Language:
                // Step 13.4.8.
                if (value is not string language)
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidLanguageTaggedString, null);
                }

                if (options.SafeMode && !LanguageTag.IsWellFormed(language))
                {
                    throw new JsonLdException(JsonLdErrorCode.SafeModeInvalidValue, "@language " + language);
                }

                expandedValue = language.ToLowerInvariant();
                break;

            case Keywords.Direction:
                // Step 13.4.9.
                if (is10)
                {
                    return;
                }

                if (value is not ("ltr" or "rtl"))
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidBaseDirection, null);
                }

                expandedValue = value;
                break;

            case Keywords.Index:
                // Step 13.4.10.
                if (value is not string)
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidIndexValue, null);
                }

                expandedValue = value;
                break;

            case Keywords.List:
                // Step 13.4.11.
                if (activeProperty is null or Keywords.Graph)
                {
                    return;
                }

                expandedValue = AsArray(Expand(run, activeContext, activeProperty, value, baseUrl, depth: depth + 1));
                if (is10)
                {
                    foreach (var item in (List<object?>)expandedValue)
                    {
                        if (item is Dictionary<string, object?> li && li.ContainsKey(Keywords.List))
                        {
                            throw new JsonLdException(JsonLdErrorCode.ListOfLists, null);
                        }
                    }
                }

                break;

            case Keywords.Set:
                // Step 13.4.12.
                expandedValue = Expand(run, activeContext, activeProperty, value, baseUrl, depth: depth + 1);
                break;

            case Keywords.Reverse:
                // Step 13.4.13.
                if (value is not Dictionary<string, object?>)
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidReverseValue, null);
                }

                var reversed = (Dictionary<string, object?>?)Expand(run, activeContext, Keywords.Reverse, value, baseUrl, depth: depth + 1);
                if (reversed is null)
                {
                    return;
                }

                // Step 13.4.13.3.
                if (reversed.TryGetValue(Keywords.Reverse, out var doubleReversed))
                {
                    foreach (var (property, items) in (Dictionary<string, object?>)doubleReversed!)
                    {
                        AddValue(result, property, items);
                    }
                }

                // Step 13.4.13.4.
                if (reversed.Count > (reversed.ContainsKey(Keywords.Reverse) ? 1 : 0))
                {
                    var reverseMap = GetReverseMap(result);
                    foreach (var (property, items) in reversed)
                    {
                        if (property == Keywords.Reverse)
                        {
                            continue;
                        }

                        foreach (var item in AsArray(items))
                        {
                            if (item is Dictionary<string, object?> im && (im.ContainsKey(Keywords.Value) || im.ContainsKey(Keywords.List)))
                            {
                                throw new JsonLdException(JsonLdErrorCode.InvalidReversePropertyValue, property);
                            }

                            AddValue(reverseMap, property, item);
                        }
                    }
                }

                return;

            case Keywords.Nest:
                // Step 13.4.14.
                (nests ??= new Dictionary<string, bool>(StringComparer.Ordinal))[key] = true;
                return;

            default:
                // Step 13.4.15: framing keywords are ignored outside frame expansion.
                return;
        }

        // Step 13.4.16 (a null @value was handled above).
        result[expandedProperty] = expandedValue;
    }

    private static object? ExpandTypeValue(JsonLdRun run, ActiveContext typeScopedContext, object? value)
    {
        if (value is string single)
        {
            return ExpandType(run, typeScopedContext, single);
        }

        if (value is List<object?> list)
        {
            var expanded = new List<object?>(list.Count);
            foreach (var item in list)
            {
                if (item is not string s)
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidTypeValue, null);
                }

                expanded.Add(ExpandType(run, typeScopedContext, s));
            }

            return expanded;
        }

        throw new JsonLdException(JsonLdErrorCode.InvalidTypeValue, null);
    }

    private static string? ExpandType(JsonLdRun run, ActiveContext context, string type)
    {
        if (run.Options.SafeMode)
        {
            // A type the contexts do not define would be resolved against the base IRI: refuse it.
            var withoutBase = IriExpansion.Expand(run, context, type, vocab: true);
            if (withoutBase is null || !IriExpansion.IsIriOrBlank(withoutBase))
            {
                throw new JsonLdException(JsonLdErrorCode.SafeModeUndefinedType, type);
            }

            return withoutBase;
        }

        return IriExpansion.Expand(run, context, type, documentRelative: true, vocab: true);
    }

    // Step 13.7.
    private static List<object?> ExpandLanguageMap(JsonLdRun run, ActiveContext activeContext, TermDefinition definition, Dictionary<string, object?> languageMap)
    {
        var expanded = new List<object?>();
        var direction = definition.HasDirection ? definition.Direction : activeContext.DefaultDirection;
        IEnumerable<KeyValuePair<string, object?>> entries = run.Options.Ordered ? languageMap.OrderBy(p => p.Key, StringComparer.Ordinal) : languageMap;
        foreach (var (language, languageValue) in entries)
        {
            foreach (var item in JsonTree.AsList(languageValue))
            {
                if (item is null)
                {
                    continue;
                }

                if (item is not string s)
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidLanguageMapValue, language);
                }

                var v = new Dictionary<string, object?>(StringComparer.Ordinal) { [Keywords.Value] = s };
                if (language != Keywords.None && IriExpansion.Expand(run, activeContext, language, vocab: true) != Keywords.None)
                {
                    if (run.Options.SafeMode && !LanguageTag.IsWellFormed(language))
                    {
                        throw new JsonLdException(JsonLdErrorCode.SafeModeInvalidValue, "language " + language);
                    }

                    v[Keywords.Language] = language.ToLowerInvariant();
                }

                if (direction is not null)
                {
                    v[Keywords.Direction] = direction;
                }

                expanded.Add(v);
            }
        }

        return expanded;
    }

    // Step 13.8.
    private static List<object?> ExpandIndexMap(JsonLdRun run, ActiveContext activeContext, TermDefinition definition, string key, Dictionary<string, object?> indexMap, string? baseUrl, int depth)
    {
        var expanded = new List<object?>();
        var container = definition.Container;
        var indexKey = definition.Index ?? Keywords.Index;
        IEnumerable<KeyValuePair<string, object?>> entries = run.Options.Ordered ? indexMap.OrderBy(p => p.Key, StringComparer.Ordinal) : indexMap;
        foreach (var (index, indexValue) in entries)
        {
            // Steps 13.8.3.1-13.8.3.3.
            var mapContext = activeContext;
            if ((container & (ContainerKind.Id | ContainerKind.Type)) != 0)
            {
                mapContext = activeContext.PreviousContext ?? activeContext;
            }

            if ((container & ContainerKind.Type) != 0 && mapContext.Terms.TryGetValue(index, out var indexDefinition) && indexDefinition.HasLocalContext)
            {
                mapContext = ContextProcessing.Process(run, mapContext, indexDefinition.LocalContext, indexDefinition.BaseUrl, shared: indexDefinition.LocalContextShared);
            }
            else if ((container & ContainerKind.Type) == 0)
            {
                mapContext = activeContext;
            }

            // Step 13.8.3.4.
            var expandedIndex = IriExpansion.Expand(run, activeContext, index, vocab: true);

            // Steps 13.8.3.5-13.8.3.6.
            var items = AsArray(Expand(run, mapContext, key, JsonTree.AsList(indexValue), baseUrl, fromMap: true, depth: depth + 1));

            // Step 13.8.3.7.
            foreach (var raw in items)
            {
                var item = raw;

                // Step 13.8.3.7.1.
                if ((container & ContainerKind.Graph) != 0 && !IsGraphObject(item))
                {
                    item = new Dictionary<string, object?>(StringComparer.Ordinal) { [Keywords.Graph] = AsArray(item) };
                }

                var itemMap = (Dictionary<string, object?>)item!;
                if ((container & ContainerKind.Index) != 0 && indexKey != Keywords.Index && expandedIndex != Keywords.None)
                {
                    // Step 13.8.3.7.2: property-valued indexes.
                    var reExpandedIndex = ValueExpansion.Expand(run, activeContext, indexKey, index);
                    var expandedIndexKey = IriExpansion.Expand(run, activeContext, indexKey, vocab: true)!;
                    var values = new List<object?> { reExpandedIndex };
                    if (itemMap.TryGetValue(expandedIndexKey, out var existing))
                    {
                        values.AddRange(AsArray(existing));
                    }

                    if (itemMap.ContainsKey(Keywords.Value))
                    {
                        throw new JsonLdException(JsonLdErrorCode.InvalidValueObject, "property-valued index on a value");
                    }

                    itemMap[expandedIndexKey] = values;
                }
                else if ((container & ContainerKind.Index) != 0 && !itemMap.ContainsKey(Keywords.Index) && expandedIndex != Keywords.None)
                {
                    // Step 13.8.3.7.3.
                    itemMap[Keywords.Index] = index;
                }
                else if ((container & ContainerKind.Id) != 0 && !itemMap.ContainsKey(Keywords.Id) && expandedIndex != Keywords.None)
                {
                    // Step 13.8.3.7.4.
                    var id = IriExpansion.Expand(run, activeContext, index, documentRelative: true);
                    if (run.Options.SafeMode && (id is null || !IriExpansion.IsIriOrBlank(id)))
                    {
                        throw new JsonLdException(JsonLdErrorCode.SafeModeRelativeIri, index);
                    }

                    itemMap[Keywords.Id] = id;
                }
                else if ((container & ContainerKind.Type) != 0 && expandedIndex != Keywords.None)
                {
                    // Step 13.8.3.7.5.
                    var types = new List<object?> { expandedIndex };
                    if (itemMap.TryGetValue(Keywords.Type, out var existingTypes))
                    {
                        types.AddRange(AsArray(existingTypes));
                    }

                    itemMap[Keywords.Type] = types;
                }

                // Step 13.8.3.7.6.
                expanded.Add(itemMap);
            }
        }

        return expanded;
    }

    private static bool IsGraphObject(object? value)
    {
        if (value is not Dictionary<string, object?> map || !map.ContainsKey(Keywords.Graph))
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

    private static Dictionary<string, object?> GetReverseMap(Dictionary<string, object?> result)
    {
        if (result.TryGetValue(Keywords.Reverse, out var existing) && existing is Dictionary<string, object?> reverseMap)
        {
            return reverseMap;
        }

        reverseMap = new Dictionary<string, object?>(StringComparer.Ordinal);
        result[Keywords.Reverse] = reverseMap;
        return reverseMap;
    }

    /// <summary>The value as an array (a new one-item list for a non-array; an empty list for null).</summary>
    internal static List<object?> AsArray(object? value) => value switch
    {
        List<object?> l => l,
        null => [],
        _ => [value],
    };

    /// <summary>Appends a value (or each item of an array) to the array entry <paramref name="key"/> of <paramref name="map"/>.</summary>
    internal static void AddValue(Dictionary<string, object?> map, string key, object? value)
    {
        if (!map.TryGetValue(key, out var existing) || existing is not List<object?> list)
        {
            // Sized for what is added now (most keys get their values once).
            list = new List<object?>((existing is null ? 0 : 1) + (value is List<object?> values ? values.Count : 1));
            if (existing is not null)
            {
                list.Add(existing);
            }

            map[key] = list;
        }

        if (value is List<object?> items)
        {
            list.AddRange(items);
        }
        else
        {
            list.Add(value);
        }
    }
}
