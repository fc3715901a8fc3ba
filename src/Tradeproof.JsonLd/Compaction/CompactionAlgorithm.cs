using Tradeproof.JsonLd.Context;
using Tradeproof.JsonLd.Json;

namespace Tradeproof.JsonLd.Compaction;

/// <summary>
/// The Compaction Algorithm (JSON-LD 1.1 API §6.1) and the compaction steps of the
/// <c>compact()</c> API method (§9.1, steps 5 to 9). Works on the processor's JSON tree
/// (<see cref="JsonTree"/>); never mutates its input.
/// </summary>
internal static class CompactionAlgorithm
{
    /// <summary>
    /// The <c>compact()</c> API steps 6 to 9: processes <paramref name="context"/>, compacts the
    /// expanded input with it, and wraps the result (a map; <c>@graph</c> for several top-level nodes;
    /// <c>@context</c> added when the context is not empty).
    /// </summary>
    /// <param name="run">The API call.</param>
    /// <param name="expandedInput">The expanded document.</param>
    /// <param name="context">The context to compact with (a JSON tree value, possibly wrapped in <c>{"@context": ...}</c>).</param>
    /// <param name="documentUrl">The URL of the document, if known (the context base and relative IRI base).</param>
    public static Dictionary<string, object?> CompactDocument(JsonLdRun run, object? expandedInput, object? context, string? documentUrl)
    {
        var options = run.Options;

        // Steps 5 and 8: the base of the context, which is also the base IRI of relative IRIs in the
        // output. Departure: the base option comes first and an @base of the context applies on top
        // of it (tests t0076, tr001); the spec sets the base IRI after context processing.
        var contextBase = options.Base ?? documentUrl;

        // Step 6: unwrap a map holding @context.
        if (context is Dictionary<string, object?> wrapper && wrapper.TryGetValue(Keywords.Context, out var inner))
        {
            context = inner;
        }

        // Step 7: the active context.
        var activeContext = ContextProcessing.Process(run, run.Cache.Initial(contextBase, options), context, contextBase);

        // Step 8: compactToRelative false turns relative IRIs off.
        if (!options.CompactToRelative)
        {
            activeContext = WithBase(activeContext, null);
        }

        // Step 9.
        var compacted = Compact(run, activeContext, null, expandedInput, options.CompactArrays, options.Ordered);
        return Finish(run, activeContext, compacted, context);
    }

    /// <summary>Steps 9.1 to 9.3 of <c>compact()</c>: the compacted output as a map with its context.</summary>
    public static Dictionary<string, object?> Finish(JsonLdRun run, ActiveContext activeContext, object? compacted, object? context)
    {
        Dictionary<string, object?> result;
        if (compacted is List<object?> list)
        {
            // Steps 9.1 and 9.2.
            result = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (list.Count > 0)
            {
                result[IriCompaction.Compact(run, activeContext, Keywords.Graph)!] = list;
            }
        }
        else
        {
            result = compacted as Dictionary<string, object?> ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        // Step 9.3: a non-empty context is added, first.
        var empty = context is null
            || (context is Dictionary<string, object?> { Count: 0 })
            || (context is List<object?> { Count: 0 });
        if (empty)
        {
            return result;
        }

        var withContext = new Dictionary<string, object?>(result.Count + 1, StringComparer.Ordinal) { [Keywords.Context] = context };
        foreach (var (key, value) in result)
        {
            withContext[key] = value;
        }

        return withContext;
    }

    private static ActiveContext WithBase(ActiveContext activeContext, string? baseIri)
    {
        if (activeContext.BaseIri == baseIri)
        {
            return activeContext;
        }

        // A processed context may be shared (cached): change the base on a copy.
        var copy = activeContext.Clone();
        copy.BaseIri = baseIri;
        return copy;
    }

    /// <summary>The Compaction Algorithm.</summary>
    public static object? Compact(
        JsonLdRun run,
        ActiveContext activeContext,
        string? activeProperty,
        object? element,
        bool compactArrays = true,
        bool ordered = false)
    {
        // Step 1.
        var typeScopedContext = activeContext;

        // Step 2: scalars are already compact.
        if (element is null or string or double or bool)
        {
            return element;
        }

        // Step 3: arrays.
        if (element is List<object?> array)
        {
            // Steps 3.1 and 3.2.
            var result = new List<object?>(array.Count);
            foreach (var item in array)
            {
                var compactedItem = Compact(run, activeContext, activeProperty, item, compactArrays, ordered);
                if (compactedItem is not null)
                {
                    result.Add(compactedItem);
                }
            }

            // Steps 3.3 and 3.4.
            if (result.Count != 1
                || !compactArrays
                || activeProperty is Keywords.Graph or Keywords.Set
                || HasContainer(activeContext, activeProperty, ContainerKind.List | ContainerKind.Set))
            {
                return result;
            }

            return result[0];
        }

        // Step 4: element is a map.
        var map = (Dictionary<string, object?>)element;

        // Step 5: a non-propagated (type-scoped) context does not apply to new node objects.
        if (activeContext.PreviousContext is not null
            && !map.ContainsKey(Keywords.Value)
            && !(map.Count == 1 && map.ContainsKey(Keywords.Id)))
        {
            activeContext = activeContext.PreviousContext;
        }

        // Step 6: a property-scoped context. Its term definition is looked up before step 5 reverted
        // a type-scoped context (as expansion does, and as tests tc013 and tc019 expect).
        var scopedDefinition = activeProperty is null ? null : typeScopedContext.GetTerm(activeProperty);
        if (scopedDefinition is not null && scopedDefinition.HasLocalContext)
        {
            activeContext = ContextProcessing.Process(
                run,
                activeContext,
                scopedDefinition.LocalContext,
                scopedDefinition.BaseUrl,
                overrideProtected: true,
                shared: true);
        }

        var propertyDefinition = activeProperty is null ? null : activeContext.GetTerm(activeProperty);

        // Step 7: value objects and node references that compact to a scalar.
        if (map.ContainsKey(Keywords.Value) || map.ContainsKey(Keywords.Id))
        {
            var compactedValue = ValueCompaction.Compact(run, activeContext, activeProperty, map);
            if (compactedValue is null or string or double or bool || propertyDefinition?.TypeMapping == Keywords.Json)
            {
                return compactedValue;
            }
        }

        // Step 8: a list object under a @list container.
        if (map.TryGetValue(Keywords.List, out var listValue) && HasContainer(activeContext, activeProperty, ContainerKind.List))
        {
            return Compact(run, activeContext, activeProperty, listValue, compactArrays, ordered);
        }

        // Step 9.
        var insideReverse = activeProperty == Keywords.Reverse;

        // Step 10.
        var output = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);

        // Step 11: type-scoped contexts, in code point order of the compacted types.
        if (map.TryGetValue(Keywords.Type, out var typeValue))
        {
            var compactedTypes = new List<string>();
            foreach (var expandedType in JsonTree.AsList(typeValue))
            {
                if (IriCompaction.Compact(run, activeContext, expandedType as string) is { } compactedType)
                {
                    compactedTypes.Add(compactedType);
                }
            }

            compactedTypes.Sort(StringComparer.Ordinal);
            foreach (var term in compactedTypes)
            {
                // Step 11.1.
                if (typeScopedContext.TryGetTerm(term, out var typeDefinition) && typeDefinition.HasLocalContext)
                {
                    activeContext = ContextProcessing.Process(
                        run,
                        activeContext,
                        typeDefinition.LocalContext,
                        typeDefinition.BaseUrl,
                        propagate: false,
                        shared: true);
                }
            }
        }

        // Step 12: each entry, in code point order when ordered.
        IEnumerable<KeyValuePair<string, object?>> entries = ordered
            ? map.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            : map;
        foreach (var (expandedProperty, expandedValue) in entries)
        {
            switch (expandedProperty)
            {
                case Keywords.Id:
                {
                    // Step 12.1.
                    var compactedValue = expandedValue is string idValue
                        ? IriCompaction.Compact(run, activeContext, idValue, vocab: false)
                        : expandedValue;
                    output[IriCompaction.Compact(run, activeContext, Keywords.Id)!] = compactedValue;
                    continue;
                }

                case Keywords.Type:
                {
                    // Step 12.2.
                    object? compactedValue;
                    if (expandedValue is string single)
                    {
                        compactedValue = IriCompaction.Compact(run, typeScopedContext, single);
                    }
                    else
                    {
                        var types = new List<object?>();
                        foreach (var expandedType in JsonTree.AsList(expandedValue))
                        {
                            types.Add(IriCompaction.Compact(run, typeScopedContext, expandedType as string));
                        }

                        compactedValue = types;
                    }

                    var alias = IriCompaction.Compact(run, activeContext, Keywords.Type)!;
                    var asArray = (!run.Options.IsProcessingMode10 && HasContainer(activeContext, alias, ContainerKind.Set)) || !compactArrays;
                    AddValue(output, alias, compactedValue, asArray);
                    continue;
                }

                case Keywords.Reverse:
                {
                    // Step 12.3.
                    var compactedValue = Compact(run, activeContext, Keywords.Reverse, expandedValue, compactArrays, ordered) as Dictionary<string, object?>
                        ?? new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var property in compactedValue.Keys.ToList())
                    {
                        if (activeContext.TryGetTerm(property, out var reverseDefinition) && reverseDefinition.IsReverse)
                        {
                            var asArray = reverseDefinition.HasContainer(ContainerKind.Set) || !compactArrays;
                            AddValue(output, property, compactedValue[property], asArray);
                            compactedValue.Remove(property);
                        }
                    }

                    if (compactedValue.Count > 0)
                    {
                        output[IriCompaction.Compact(run, activeContext, Keywords.Reverse)!] = compactedValue;
                    }

                    continue;
                }

                case Keywords.Preserve:
                {
                    // Step 12.4 (framing).
                    var compactedValue = Compact(run, activeContext, activeProperty, expandedValue, compactArrays, ordered);
                    if (!(expandedValue is List<object?> { Count: 0 }))
                    {
                        output[Keywords.Preserve] = compactedValue;
                    }

                    continue;
                }

                case Keywords.Index when HasContainer(activeContext, activeProperty, ContainerKind.Index):
                    // Step 12.5: the index is the key of the enclosing index map.
                    continue;

                case Keywords.Direction or Keywords.Index or Keywords.Language or Keywords.Value:
                    // Step 12.6.
                    output[IriCompaction.Compact(run, activeContext, expandedProperty)!] = expandedValue;
                    continue;
            }

            var values = JsonTree.AsList(expandedValue);

            // Step 12.7: an empty array.
            if (values.Count == 0)
            {
                var itemActiveProperty = IriCompaction.Compact(run, activeContext, expandedProperty, expandedValue, vocab: true, reverse: insideReverse)!;
                var nestResult = NestResult(run, activeContext, output, itemActiveProperty);
                AddValue(nestResult, itemActiveProperty, new List<object?>(), asArray: true);
            }

            // Step 12.8: each item.
            foreach (var expandedItem in values)
            {
                // Step 12.8.1.
                var itemActiveProperty = IriCompaction.Compact(run, activeContext, expandedProperty, expandedItem, vocab: true, reverse: insideReverse)!;

                // Steps 12.8.2 and 12.8.3: a nested property.
                var nestResult = NestResult(run, activeContext, output, itemActiveProperty);

                // Step 12.8.4.
                var itemDefinition = activeContext.GetTerm(itemActiveProperty);
                var container = itemDefinition?.Container ?? ContainerKind.None;

                // Step 12.8.5.
                var asArray = (container & ContainerKind.Set) != 0
                    || itemActiveProperty is Keywords.Graph or Keywords.List
                    || !compactArrays;

                // Step 12.8.6.
                var itemMap = expandedItem as Dictionary<string, object?>;
                var isList = itemMap is not null && itemMap.ContainsKey(Keywords.List);
                var isGraph = itemMap is not null && IriCompaction.IsGraphObject(itemMap);
                var toCompact = isList ? itemMap![Keywords.List] : isGraph ? itemMap![Keywords.Graph] : expandedItem;
                var compactedItem = Compact(run, activeContext, itemActiveProperty, toCompact, compactArrays, ordered);

                if (isList)
                {
                    // Step 12.8.7: a list object.
                    if (compactedItem is not List<object?>)
                    {
                        compactedItem = new List<object?> { compactedItem };
                    }

                    if ((container & ContainerKind.List) == 0)
                    {
                        var listObject = new Dictionary<string, object?>(StringComparer.Ordinal)
                        {
                            [IriCompaction.Compact(run, activeContext, Keywords.List)!] = compactedItem,
                        };
                        if (itemMap!.TryGetValue(Keywords.Index, out var listIndex))
                        {
                            listObject[IriCompaction.Compact(run, activeContext, Keywords.Index)!] = listIndex;
                        }

                        AddValue(nestResult, itemActiveProperty, listObject, asArray);
                    }
                    else
                    {
                        nestResult[itemActiveProperty] = compactedItem;
                    }
                }
                else if (isGraph)
                {
                    // Step 12.8.8: a graph object.
                    CompactGraphObject(run, activeContext, nestResult, itemActiveProperty, itemMap!, compactedItem, container, asArray);
                }
                else if ((container & (ContainerKind.Language | ContainerKind.Index | ContainerKind.Id | ContainerKind.Type)) != 0
                    && (container & ContainerKind.Graph) == 0)
                {
                    // Step 12.8.9: a map container.
                    CompactIntoMap(run, activeContext, nestResult, itemActiveProperty, itemDefinition!, expandedItem, compactedItem, container, asArray, compactArrays, ordered);
                }
                else if (itemDefinition?.TypeMapping == Keywords.Json)
                {
                    // Step 12.8.10 for a JSON literal: the value is the JSON value itself, even an array.
                    if (nestResult.TryGetValue(itemActiveProperty, out var existingJson))
                    {
                        nestResult[itemActiveProperty] = new List<object?> { existingJson, compactedItem };
                    }
                    else
                    {
                        nestResult[itemActiveProperty] = compactedItem;
                    }
                }
                else
                {
                    // Step 12.8.10.
                    AddValue(nestResult, itemActiveProperty, compactedItem, asArray);
                }
            }
        }

        // Step 13.
        return output;
    }

    private static void CompactGraphObject(
        JsonLdRun run,
        ActiveContext activeContext,
        Dictionary<string, object?> nestResult,
        string itemActiveProperty,
        Dictionary<string, object?> expandedItem,
        object? compactedItem,
        ContainerKind container,
        bool asArray)
    {
        var graphContainer = (container & ContainerKind.Graph) != 0;
        var isSimple = !expandedItem.ContainsKey(Keywords.Id);

        if (graphContainer && (container & ContainerKind.Id) != 0)
        {
            // Step 12.8.8.1: keyed by graph name.
            var mapObject = MapObject(nestResult, itemActiveProperty);
            var mapKey = expandedItem.TryGetValue(Keywords.Id, out var graphId)
                ? IriCompaction.Compact(run, activeContext, graphId as string, vocab: false)!
                : IriCompaction.Compact(run, activeContext, Keywords.None)!;
            AddValue(mapObject, mapKey, compactedItem, asArray);
        }
        else if (graphContainer && (container & ContainerKind.Index) != 0 && isSimple)
        {
            // Step 12.8.8.2: keyed by index.
            var mapObject = MapObject(nestResult, itemActiveProperty);
            var mapKey = expandedItem.TryGetValue(Keywords.Index, out var index) && index is string indexString
                ? indexString
                : Keywords.None;
            AddValue(mapObject, mapKey, compactedItem, asArray);
        }
        else if (graphContainer && isSimple)
        {
            // Step 12.8.8.3: several node objects would read as several graphs: wrap them in @included.
            if (compactedItem is List<object?> { Count: > 1 })
            {
                compactedItem = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    [IriCompaction.Compact(run, activeContext, Keywords.Included)!] = compactedItem,
                };
            }

            AddValue(nestResult, itemActiveProperty, compactedItem, asArray);
        }
        else
        {
            // Step 12.8.8.4: an explicit graph object.
            var graphObject = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [IriCompaction.Compact(run, activeContext, Keywords.Graph)!] = compactedItem,
            };
            if (expandedItem.TryGetValue(Keywords.Id, out var graphId))
            {
                graphObject[IriCompaction.Compact(run, activeContext, Keywords.Id)!] =
                    IriCompaction.Compact(run, activeContext, graphId as string, vocab: false);
            }

            if (expandedItem.TryGetValue(Keywords.Index, out var index))
            {
                graphObject[IriCompaction.Compact(run, activeContext, Keywords.Index)!] = index;
            }

            AddValue(nestResult, itemActiveProperty, graphObject, asArray);
        }
    }

    private static void CompactIntoMap(
        JsonLdRun run,
        ActiveContext activeContext,
        Dictionary<string, object?> nestResult,
        string itemActiveProperty,
        TermDefinition itemDefinition,
        object? expandedItem,
        object? compactedItem,
        ContainerKind container,
        bool asArray,
        bool compactArrays,
        bool ordered)
    {
        var expandedMap = expandedItem as Dictionary<string, object?>;

        // Step 12.8.9.1.
        var mapObject = MapObject(nestResult, itemActiveProperty);

        // Step 12.8.9.2: the container key.
        var containerKeyword = (container & ContainerKind.Language) != 0 ? Keywords.Language
            : (container & ContainerKind.Index) != 0 ? Keywords.Index
            : (container & ContainerKind.Id) != 0 ? Keywords.Id
            : Keywords.Type;
        var containerKey = IriCompaction.Compact(run, activeContext, containerKeyword)!;

        // Step 12.8.9.3.
        var indexKey = itemDefinition.Index ?? Keywords.Index;
        string? mapKey = null;

        if ((container & ContainerKind.Language) != 0 && expandedMap is not null && expandedMap.TryGetValue(Keywords.Value, out var languageValue))
        {
            // Step 12.8.9.4: a language map holds the plain value.
            compactedItem = languageValue;
            mapKey = expandedMap.TryGetValue(Keywords.Language, out var language) ? language as string : null;
        }
        else if ((container & ContainerKind.Index) != 0 && indexKey == Keywords.Index)
        {
            // Step 12.8.9.5.
            mapKey = expandedMap is not null && expandedMap.TryGetValue(Keywords.Index, out var index) ? index as string : null;
        }
        else if ((container & ContainerKind.Index) != 0)
        {
            // Step 12.8.9.6: a property-valued index (candidate correction 2: expand the index first).
            var expandedIndex = IriExpansion.Expand(run, activeContext, indexKey, vocab: true);
            containerKey = IriCompaction.Compact(run, activeContext, expandedIndex)!;
            if (compactedItem is Dictionary<string, object?> compactedMap)
            {
                // The index key as written in the context is tried first: the compacted form of its
                // IRI may be another term when the index term has a type mapping (test t0114).
                var key = compactedMap.ContainsKey(indexKey) ? indexKey : containerKey;
                if (compactedMap.TryGetValue(key, out var indexValues))
                {
                    var all = JsonTree.AsList(indexValues);
                    if (all.Count > 0 && all[0] is string first)
                    {
                        // Steps 12.8.9.6.2 and 12.8.9.6.3.
                        mapKey = first;
                        var copy = new Dictionary<string, object?>(compactedMap, StringComparer.Ordinal);
                        copy.Remove(key);
                        if (all.Count > 1)
                        {
                            AddValue(copy, key, all.Skip(1).ToList(), asArray: false);
                        }

                        compactedItem = copy;
                    }
                }
            }
        }
        else if ((container & ContainerKind.Id) != 0)
        {
            // Step 12.8.9.7: keyed by @id.
            if (compactedItem is Dictionary<string, object?> compactedMap && compactedMap.TryGetValue(containerKey, out var idKey))
            {
                mapKey = idKey as string;
                var copy = new Dictionary<string, object?>(compactedMap, StringComparer.Ordinal);
                copy.Remove(containerKey);
                compactedItem = copy;
            }
        }
        else
        {
            // Step 12.8.9.8: keyed by @type.
            if (compactedItem is Dictionary<string, object?> compactedMap && compactedMap.TryGetValue(containerKey, out var typeValues))
            {
                // Step 12.8.9.8.1.
                var all = JsonTree.AsList(typeValues);
                mapKey = all.Count > 0 ? all[0] as string : null;
                var copy = new Dictionary<string, object?>(compactedMap, StringComparer.Ordinal);
                copy.Remove(containerKey);

                // Steps 12.8.9.8.2 and 12.8.9.8.3.
                if (all.Count > 1)
                {
                    AddValue(copy, containerKey, all.Skip(1).ToList(), asArray: false);
                }

                compactedItem = copy;

                // Step 12.8.9.8.4: what is left is only an @id: compact it as a node reference.
                if (copy.Count == 1
                    && IriExpansion.Expand(run, activeContext, copy.Keys.First(), vocab: true) == Keywords.Id
                    && expandedMap is not null
                    && expandedMap.TryGetValue(Keywords.Id, out var id))
                {
                    compactedItem = Compact(
                        run,
                        activeContext,
                        itemActiveProperty,
                        new Dictionary<string, object?>(StringComparer.Ordinal) { [Keywords.Id] = id },
                        compactArrays,
                        ordered);
                }
            }
        }

        // Step 12.8.9.9.
        mapKey ??= IriCompaction.Compact(run, activeContext, Keywords.None)!;

        // Step 12.8.9.10.
        AddValue(mapObject, mapKey, compactedItem, asArray);
    }

    private static Dictionary<string, object?> NestResult(JsonLdRun run, ActiveContext activeContext, Dictionary<string, object?> result, string itemActiveProperty)
    {
        if (!activeContext.TryGetTerm(itemActiveProperty, out var definition) || definition.Nest is not { } nestTerm)
        {
            return result;
        }

        // Steps 12.7.2.1 and 12.8.2.1: the nest term is @nest or a term expanding to it.
        if (nestTerm != Keywords.Nest && IriExpansion.Expand(run, activeContext, nestTerm, vocab: true) != Keywords.Nest)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidNestValue, $"'{nestTerm}' is not @nest or an alias of it.");
        }

        // Steps 12.8.2.2 and 12.8.2.3 (12.7.2.2 and 12.7.2.3).
        if (!result.TryGetValue(nestTerm, out var nested) || nested is not Dictionary<string, object?> nestedMap)
        {
            nestedMap = new Dictionary<string, object?>(StringComparer.Ordinal);
            result[nestTerm] = nestedMap;
        }

        return nestedMap;
    }

    private static Dictionary<string, object?> MapObject(Dictionary<string, object?> nestResult, string itemActiveProperty)
    {
        if (!nestResult.TryGetValue(itemActiveProperty, out var existing) || existing is not Dictionary<string, object?> mapObject)
        {
            mapObject = new Dictionary<string, object?>(StringComparer.Ordinal);
            nestResult[itemActiveProperty] = mapObject;
        }

        return mapObject;
    }

    private static bool HasContainer(ActiveContext activeContext, string? property, ContainerKind kinds) =>
        property is not null && activeContext.TryGetTerm(property, out var definition) && (definition.Container & kinds) != 0;

    /// <summary>"Add value", as defined in the terminology of the JSON-LD 1.1 API (multi-valued map entries).</summary>
    public static void AddValue(Dictionary<string, object?> map, string key, object? value, bool asArray)
    {
        // Step 1: an array entry when asked for one.
        if (asArray)
        {
            if (!map.TryGetValue(key, out var existing))
            {
                map[key] = new List<object?>();
            }
            else if (existing is not List<object?>)
            {
                map[key] = new List<object?> { existing };
            }
        }

        // Step 2: each value of an array.
        if (value is List<object?> values)
        {
            foreach (var item in values)
            {
                AddValue(map, key, item, asArray);
            }

            return;
        }

        AddOne(map, key, value, asArray: false);
    }

    /// <summary>Step 3 of "add value": adds one value (an array value stays one value).</summary>
    private static void AddOne(Dictionary<string, object?> map, string key, object? value, bool asArray)
    {
        if (asArray && !map.ContainsKey(key))
        {
            map[key] = new List<object?>();
        }

        if (!map.TryGetValue(key, out var current))
        {
            map[key] = value;
        }
        else if (current is List<object?> currentList)
        {
            currentList.Add(value);
        }
        else
        {
            map[key] = new List<object?> { current, value };
        }
    }
}
