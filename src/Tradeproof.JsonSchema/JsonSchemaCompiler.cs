using System.Text.Json;
using Tradeproof.JsonSchema.Compilation;

namespace Tradeproof.JsonSchema;

/// <summary>
/// The front door: compiles a JSON Schema (draft 2020-12) once into a <see cref="CompiledSchema"/>, reusable and
/// thread-safe. All vocabularies of 2020-12 are supported; remote references are followed only through
/// <see cref="JsonSchemaOptions.RemoteResolver"/>.
/// </summary>
public static class JsonSchemaCompiler
{
    private const string DefaultBaseUri = "https://tradeproof.invalid/schema";

    /// <summary>Compiles a schema. Throws <see cref="JsonSchemaException"/> for an invalid or unresolvable schema.</summary>
    public static CompiledSchema Compile(JsonElement schema, JsonSchemaOptions? options = null)
    {
        if (schema.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            throw new ArgumentException("A schema is a JSON object or a boolean.", nameof(schema));
        }

        options ??= JsonSchemaOptions.Default;
        if (options.MaxDepth < 1 || options.MaxRefChain < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxDepth and MaxRefChain must be positive.");
        }

        var baseText = (options.BaseUri ?? new Uri(DefaultBaseUri)).AbsoluteUri;
        if (!Uri.TryCreate(baseText, UriKind.Absolute, out _))
        {
            throw new ArgumentException("The base URI must be absolute.", nameof(options));
        }

        var registry = new SchemaRegistry(options.RemoteResolver);
        var document = registry.AddDocument(schema.Clone(), UriText.WithoutFragment(baseText));
        var compiler = new SchemaCompiler(registry, options);
        var root = compiler.Compile(document, string.Empty);
        return new CompiledSchema(root, options);
    }

    /// <summary>Parses and compiles a schema given as JSON text.</summary>
    public static CompiledSchema Compile(string schemaJson, JsonSchemaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        using var document = JsonDocument.Parse(schemaJson);
        return Compile(document.RootElement, options);
    }
}
