using System.Text.Json;
using System.Text.RegularExpressions;
using Tradeproof.JsonSchema.Evaluation;
using Tradeproof.JsonSchema.Keywords;

namespace Tradeproof.JsonSchema.Compilation;

/// <summary>
/// Compiles schemas into trees of keyword validators. Every reachable schema is compiled eagerly, each location
/// once (cycles through <c>$ref</c> share nodes), so the result is immutable and needs no locks.
/// </summary>
internal sealed class SchemaCompiler(SchemaRegistry registry, JsonSchemaOptions options)
{
    private readonly Dictionary<(SchemaDocument Document, string Pointer), SchemaNode> _nodes = [];
    private int _depth;

    /// <summary>Compiles the schema at an absolute URI: a resource, with an optional anchor or JSON Pointer fragment.</summary>
    public SchemaNode CompileUri(string uri)
    {
        var resource = registry.Find(UriText.WithoutFragment(uri));
        var fragment = UriText.Fragment(uri);
        string pointer;
        if (fragment.Length == 0)
        {
            pointer = resource.Pointer;
        }
        else if (fragment[0] == '/')
        {
            pointer = resource.Pointer + fragment;
        }
        else if (!resource.Anchors.TryGetValue(fragment, out pointer!))
        {
            throw new JsonSchemaException(JsonSchemaErrorCodes.UnresolvableReference, $"No anchor '{fragment}' in '{resource.Uri}'.");
        }

        return Compile(resource.Document, pointer);
    }

    public SchemaNode Compile(SchemaDocument document, string pointer)
    {
        if (_nodes.TryGetValue((document, pointer), out var existing))
        {
            return existing;
        }

        if (!JsonPointer.TryNavigate(document.Root, pointer, out var schema))
        {
            throw new JsonSchemaException(JsonSchemaErrorCodes.UnresolvableReference, $"The JSON Pointer '{pointer}' does not resolve.");
        }

        var resource = document.ResourceOf(pointer);
        var location = resource.Uri + "#" + pointer[resource.Pointer.Length..];
        SchemaNode node;
        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
            case JsonValueKind.False:
                node = new SchemaNode(resource, location, schema.ValueKind == JsonValueKind.True);
                _nodes[(document, pointer)] = node;
                return node;
            case JsonValueKind.Object:
                node = new SchemaNode(resource, location, null);
                _nodes[(document, pointer)] = node;
                break;
            default:
                throw new JsonSchemaException(JsonSchemaErrorCodes.InvalidSchema, $"A schema must be an object or a boolean, at '{location}'.");
        }

        // Compilation recurses through subschemas and references: the same depth limit as evaluation applies.
        if (++_depth > options.MaxDepth)
        {
            throw new JsonSchemaException(JsonSchemaErrorCodes.MaxDepthExceeded, $"Schema compilation nested deeper than {options.MaxDepth} at '{location}'.");
        }

        EnsureResource(resource);
        node.Keywords = KeywordFactory.Create(this, node, schema, document, pointer, resource.Vocabularies!.Value);
        _depth--;
        node.ReadsAnnotations = Array.Exists(node.Keywords, k => k is UnevaluatedItemsKeyword or UnevaluatedPropertiesKeyword);
        return node;
    }

    public Regex CreateRegex(string pattern, string location)
    {
        try
        {
            return EcmaRegex.Create(pattern, options.RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw new JsonSchemaException(JsonSchemaErrorCodes.InvalidSchema, $"Invalid regular expression '{pattern}' at '{location}'.", e);
        }
    }

    public bool AssertFormat(Vocabularies vocabularies)
        => options.AssertFormat || (vocabularies & Vocabularies.FormatAssertion) != 0;

    // The vocabularies and dynamic anchors of a resource, once.
    private void EnsureResource(SchemaResource resource)
    {
        if (resource.Compiled)
        {
            return;
        }

        resource.Compiled = true;
        resource.Vocabularies ??= VocabulariesOf(resource);
        foreach (var name in resource.DynamicAnchors)
        {
            resource.DynamicNodes[name] = Compile(resource.Document, resource.Anchors[name]);
        }
    }

    // Core 8.1.2: the meta-schema's $vocabulary decides; a required unknown vocabulary is an error.
    private Vocabularies VocabulariesOf(SchemaResource resource)
    {
        if (resource.MetaSchemaUri is null)
        {
            return resource.Parent is { } parent ? parent.Vocabularies ?? VocabulariesOf(parent) : Vocabularies.Default;
        }

        var meta = registry.Find(resource.MetaSchemaUri);
        if (!JsonPointer.TryNavigate(meta.Document.Root, meta.Pointer, out var metaRoot)
            || metaRoot.ValueKind != JsonValueKind.Object
            || !metaRoot.TryGetProperty("$vocabulary", out var declared)
            || declared.ValueKind != JsonValueKind.Object)
        {
            return Vocabularies.Default;
        }

        var result = Vocabularies.Core;
        foreach (var member in declared.EnumerateObject())
        {
            var vocabulary = VocabularyUris.Of(member.Name);
            if (vocabulary == Vocabularies.None)
            {
                if (member.Value.ValueKind == JsonValueKind.True)
                {
                    throw new JsonSchemaException(JsonSchemaErrorCodes.UnknownVocabulary, $"The meta-schema '{meta.Uri}' requires the unknown vocabulary '{member.Name}'.");
                }

                continue;
            }

            result |= vocabulary;
        }

        return result;
    }
}
