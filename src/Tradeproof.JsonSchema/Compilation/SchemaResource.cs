using System.Text.Json;

namespace Tradeproof.JsonSchema.Compilation;

/// <summary>A JSON document holding one or more schema resources.</summary>
internal sealed class SchemaDocument(JsonElement root)
{
    /// <summary>The document's root value (owned: cloned from the caller's document).</summary>
    public JsonElement Root { get; } = root;

    /// <summary>The resource of every schema location found by the scan, by JSON Pointer in the document.</summary>
    public Dictionary<string, SchemaResource> ResourceAt { get; } = new(StringComparer.Ordinal);

    /// <summary>The resource holding a location: the one of the location, or of its nearest scanned ancestor.</summary>
    public SchemaResource ResourceOf(string pointer)
    {
        while (true)
        {
            if (ResourceAt.TryGetValue(pointer, out var resource))
            {
                return resource;
            }

            var slash = pointer.LastIndexOf('/');
            pointer = slash <= 0 ? string.Empty : pointer[..slash];
        }
    }
}

/// <summary>
/// A schema resource (Core 9.1.2): a schema with an absolute URI, its own anchors and dynamic anchors, and the
/// vocabularies its meta-schema declares.
/// </summary>
internal sealed class SchemaResource(string uri, SchemaDocument document, string pointer, SchemaResource? parent)
{
    /// <summary>The absolute URI without fragment.</summary>
    public string Uri { get; } = uri;

    public SchemaDocument Document { get; } = document;

    /// <summary>The JSON Pointer of the resource's root in its document.</summary>
    public string Pointer { get; } = pointer;

    /// <summary>The enclosing resource, if embedded.</summary>
    public SchemaResource? Parent { get; } = parent;

    /// <summary>Plain-name fragments (<c>$anchor</c> and <c>$dynamicAnchor</c>) to document pointers.</summary>
    public Dictionary<string, string> Anchors { get; } = new(StringComparer.Ordinal);

    /// <summary>The names of the <c>$dynamicAnchor</c>s of this resource.</summary>
    public HashSet<string> DynamicAnchors { get; } = new(StringComparer.Ordinal);

    /// <summary>The compiled schema of each dynamic anchor, filled when the resource is first compiled.</summary>
    public Dictionary<string, SchemaNode> DynamicNodes { get; } = new(StringComparer.Ordinal);

    /// <summary>The <c>$schema</c> of the resource root, if any.</summary>
    public string? MetaSchemaUri { get; set; }

    /// <summary>The active vocabularies, computed at compilation.</summary>
    public Vocabularies? Vocabularies { get; set; }

    /// <summary>True once the dynamic anchors are compiled.</summary>
    public bool Compiled { get; set; }
}
