using System.Text.Json;

namespace Tradeproof.JsonSchema.Compilation;

/// <summary>
/// The schema resources known to one compilation, by absolute URI: the schema's own (and embedded) resources,
/// the embedded 2020-12 meta-schemas, and remote resources obtained through the injected resolver only.
/// </summary>
internal sealed class SchemaRegistry(Func<Uri, JsonElement?>? resolver)
{
    private readonly Dictionary<string, SchemaResource> _resources = new(StringComparer.Ordinal);

    public void Register(SchemaResource resource) => _resources.TryAdd(resource.Uri, resource);

    /// <summary>Adds a document and its embedded resources under a base URI.</summary>
    public SchemaDocument AddDocument(JsonElement root, string baseUri)
    {
        var document = new SchemaDocument(root);
        SchemaScanner.Scan(document, baseUri, this);
        return document;
    }

    /// <summary>The resource with this absolute URI (no fragment), loading embedded or remote ones on demand.</summary>
    public SchemaResource Find(string uri)
    {
        if (_resources.TryGetValue(uri, out var resource))
        {
            return resource;
        }

        if (MetaSchemas.TryGet(uri, out var embedded))
        {
            AddDocument(embedded, uri);
        }
        else if (resolver is not null && Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && resolver(absolute) is { } remote)
        {
            // The retrieval URI names the document even when its root $id says otherwise (Core 9.1.1).
            var document = AddDocument(remote.Clone(), uri);
            _resources.TryAdd(uri, document.ResourceAt[string.Empty]);
        }

        return _resources.TryGetValue(uri, out resource)
            ? resource
            : throw new JsonSchemaException(JsonSchemaErrorCodes.UnresolvableReference, $"No schema resource '{uri}': it is not in the schema, not embedded, and the resolver does not know it.");
    }
}
