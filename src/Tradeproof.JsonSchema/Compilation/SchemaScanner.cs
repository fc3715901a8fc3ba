using System.Text.Json;

namespace Tradeproof.JsonSchema.Compilation;

/// <summary>
/// Finds the schema resources and anchors of a document (Core 8.2.1 <c>$id</c>, 8.2.2 <c>$anchor</c> and
/// <c>$dynamicAnchor</c>, 9.2 embedded resources). It walks only the places where a keyword of the 2020-12
/// vocabularies holds a schema, so an <c>$id</c> inside <c>enum</c>, <c>const</c> or an unknown keyword is no
/// identifier.
/// </summary>
internal static class SchemaScanner
{
    private static readonly string[] SingleSchema =
    [
        "additionalProperties", "propertyNames", "not", "if", "then", "else", "contains", "items",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema",
    ];

    private static readonly string[] SchemaArray = ["allOf", "anyOf", "oneOf", "prefixItems"];

    private static readonly string[] SchemaMap = ["$defs", "properties", "patternProperties", "dependentSchemas"];

    public static void Scan(SchemaDocument document, string baseUri, SchemaRegistry registry)
        => Walk(document, document.Root, string.Empty, null, baseUri, registry);

    private static void Walk(
        SchemaDocument document, JsonElement schema, string pointer, SchemaResource? resource, string baseUri, SchemaRegistry registry)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            if (resource is null)
            {
                resource = new SchemaResource(baseUri, document, pointer, null);
                registry.Register(resource);
            }

            document.ResourceAt[pointer] = resource;
            return;
        }

        // Core 8.2.1: $id sets the base URI of this subschema and makes it a resource.
        if (schema.TryGetProperty("$id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            var uri = UriText.WithoutFragment(UriText.Resolve(resource?.Uri ?? baseUri, id.GetString()!));
            resource = new SchemaResource(uri, document, pointer, resource);
            registry.Register(resource);
        }
        else if (resource is null)
        {
            resource = new SchemaResource(baseUri, document, pointer, null);
            registry.Register(resource);
        }

        if (resource.Pointer == pointer && schema.TryGetProperty("$schema", out var meta) && meta.ValueKind == JsonValueKind.String)
        {
            resource.MetaSchemaUri = UriText.WithoutFragment(meta.GetString()!);
        }

        document.ResourceAt[pointer] = resource;

        // Core 8.2.2: plain-name fragments.
        if (schema.TryGetProperty("$anchor", out var anchor) && anchor.ValueKind == JsonValueKind.String)
        {
            resource.Anchors[anchor.GetString()!] = pointer;
        }

        if (schema.TryGetProperty("$dynamicAnchor", out var dynamicAnchor) && dynamicAnchor.ValueKind == JsonValueKind.String)
        {
            var name = dynamicAnchor.GetString()!;
            resource.Anchors.TryAdd(name, pointer);
            resource.DynamicAnchors.Add(name);
        }

        foreach (var keyword in SingleSchema)
        {
            if (schema.TryGetProperty(keyword, out var sub))
            {
                Walk(document, sub, pointer + "/" + keyword, resource, baseUri, registry);
            }
        }

        foreach (var keyword in SchemaArray)
        {
            if (schema.TryGetProperty(keyword, out var array) && array.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in array.EnumerateArray())
                {
                    Walk(document, item, pointer + "/" + keyword + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), resource, baseUri, registry);
                    i++;
                }
            }
        }

        foreach (var keyword in SchemaMap)
        {
            if (schema.TryGetProperty(keyword, out var map) && map.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in map.EnumerateObject())
                {
                    Walk(document, member.Value, pointer + "/" + keyword + "/" + JsonPointer.Escape(member.Name), resource, baseUri, registry);
                }
            }
        }
    }
}
