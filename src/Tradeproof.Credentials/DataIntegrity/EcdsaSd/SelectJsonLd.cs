using System.Text.Json.Nodes;

namespace Tradeproof.Credentials.DataIntegrity.EcdsaSd;

/// <summary>
/// VC Data Integrity selective disclosure functions "selectJsonLd", "selectPaths" and "createInitialFrame":
/// the part of a compact JSON-LD document that a list of JSON pointers selects, each selected node keeping
/// its <c>id</c> and <c>type</c> so the selection expands to the same quads as the original.
/// </summary>
internal static class SelectJsonLd
{
    /// <summary>selectJsonLd: the selection document, or null when there are no pointers (step 1).</summary>
    /// <exception cref="EcdsaSdException">A pointer is malformed or selects nothing (PROOF_GENERATION_ERROR).</exception>
    public static JsonObject? Select(IReadOnlyList<string> pointers, JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(pointers);
        ArgumentNullException.ThrowIfNull(document);

        // Step 1: no pointers, nothing selected.
        if (pointers.Count == 0)
        {
            return null;
        }

        // Steps 2-4: the selection document starts as the initial frame of the document, with its @context.
        var selection = new Selection();
        if (document.TryGetPropertyValue("@context", out var context))
        {
            selection.Properties["@context"] = new Leaf(context?.DeepClone());
        }

        CreateInitialFrame(document, selection);

        // Step 5: select each pointer's paths.
        foreach (var pointer in pointers)
        {
            SelectPaths(document, JsonPointerToPaths.Parse(pointer), selection, pointer);
        }

        // Step 6-7: arrays made dense (sparse arrays are kept as sorted maps until here).
        return (JsonObject)selection.ToJson()!;
    }

    // createInitialFrame: the id (when it is a string, not a blank node identifier) and type of a node.
    private static Selection CreateInitialFrame(JsonObject value, Selection? frame = null)
    {
        frame ??= new Selection();
        if (value.TryGetPropertyValue("id", out var id) && id is JsonValue idValue && idValue.TryGetValue<string>(out var idText) && !idText.StartsWith("_:", StringComparison.Ordinal))
        {
            frame.Properties["id"] = new Leaf(JsonValue.Create(idText));
        }

        if (value.TryGetPropertyValue("type", out var type))
        {
            frame.Properties["type"] = new Leaf(type?.DeepClone());
        }

        return frame;
    }

    // selectPaths: walk the document along paths, mirroring each step in the selection document.
    private static void SelectPaths(JsonObject document, string[] paths, Selection selectionDocument, string pointer)
    {
        // Step 1: parentValue, value, selectedParent, selectedValue.
        JsonNode? value = document;
        object selectedParent = selectionDocument;
        object selectedValue = selectionDocument;

        // Step 2: each path.
        string? lastPath = null;
        foreach (var path in paths)
        {
            // 2.1: step down.
            selectedParent = selectedValue;
            var parentValue = value;

            // 2.2: value = parentValue[path]; undefined is an error.
            value = Child(parentValue, path, pointer);

            // 2.3-2.4: the selected counterpart, created as an initial frame (or an array) when new.
            var existing = GetSelected(selectedParent, path);
            if (existing is Leaf)
            {
                // Already selected whole by an earlier pointer: nothing more to add.
                return;
            }

            if (existing is null)
            {
                existing = value switch
                {
                    JsonArray => new SparseArray(),
                    JsonObject o => CreateInitialFrame(o),
                    _ => new Selection(),
                };
                SetSelected(selectedParent, path, existing);
            }

            selectedValue = existing;
            lastPath = path;
        }

        // Step 3: a literal or array is copied whole; an object is merged into its frame.
        if (lastPath is null || value is JsonObject)
        {
            if (value is JsonObject obj && selectedValue is Selection frame)
            {
                foreach (var (name, item) in obj)
                {
                    frame.Properties[name] = new Leaf(item?.DeepClone());
                }

                return;
            }
        }

        SetSelected(selectedParent, lastPath!, new Leaf(value?.DeepClone()));
    }

    private static JsonNode? Child(JsonNode? parent, string path, string pointer)
    {
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(path, out var child):
                return child;
            case JsonArray array when JsonPointerToPaths.TryArrayIndex(path, array.Count, out var index):
                return array[index];
            default:
                throw new EcdsaSdException(EcdsaSdException.ProofGenerationError, $"The JSON pointer '{pointer}' does not match the document.");
        }
    }

    private static object? GetSelected(object parent, string path) => parent switch
    {
        Selection s => s.Properties.TryGetValue(path, out var v) && !(v is Leaf { Value: not (JsonObject or JsonArray) }) ? v : null,
        SparseArray a => a.Items.TryGetValue(int.Parse(path, System.Globalization.CultureInfo.InvariantCulture), out var v) && !(v is Leaf { Value: not (JsonObject or JsonArray) }) ? v : null,
        _ => null,
    };

    private static void SetSelected(object parent, string path, object value)
    {
        switch (parent)
        {
            case Selection s:
                s.Properties[path] = value;
                break;
            case SparseArray a:
                a.Items[int.Parse(path, System.Globalization.CultureInfo.InvariantCulture)] = value;
                break;
            default:
                // A literal has no children; Child() already refused to step into it.
                throw new EcdsaSdException(EcdsaSdException.ProofGenerationError, "A JSON pointer steps into a literal.");
        }
    }

    private static JsonNode? ToJson(object value) => value switch
    {
        Leaf leaf => leaf.Value,
        Selection s => s.ToJson(),
        SparseArray a => a.ToJson(),
        _ => null,
    };

    private sealed record Leaf(JsonNode? Value);

    private sealed class Selection
    {
        public OrderedDictionary<string, object> Properties { get; } = new(StringComparer.Ordinal);

        public JsonNode ToJson()
        {
            var result = new JsonObject();
            foreach (var (name, value) in Properties)
            {
                result[name] = SelectJsonLd.ToJson(value);
            }

            return result;
        }
    }

    private sealed class SparseArray
    {
        public SortedDictionary<int, object> Items { get; } = [];

        public JsonNode ToJson()
        {
            var result = new JsonArray();
            foreach (var value in Items.Values)
            {
                result.Add(SelectJsonLd.ToJson(value));
            }

            return result;
        }
    }
}
