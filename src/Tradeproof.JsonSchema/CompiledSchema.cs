using System.Text.Json;
using Tradeproof.JsonSchema.Compilation;
using Tradeproof.JsonSchema.Evaluation;

namespace Tradeproof.JsonSchema;

/// <summary>A compiled schema: immutable, so one instance validates on many threads at once.</summary>
public sealed class CompiledSchema
{
    private readonly SchemaNode _root;
    private readonly JsonSchemaOptions _options;

    internal CompiledSchema(SchemaNode root, JsonSchemaOptions options)
    {
        _root = root;
        _options = options;
    }

    /// <summary>The absolute URI of the schema's root.</summary>
    public string Uri => _root.Resource.Uri;

    /// <summary>
    /// Validates an instance. Invalid instances give a result listing every failed keyword; a schema that loops or
    /// nests past the limits throws <see cref="JsonSchemaException"/> ("could not check" is no verdict).
    /// </summary>
    public ValidationResult Validate(JsonElement instance)
    {
        var evaluation = new EvaluationState(_options);
        var valid = evaluation.EvaluateNode(_root, instance, null);
        if (valid)
        {
            return ValidationResult.Valid;
        }

        return new ValidationResult([.. evaluation.Errors]);
    }

    /// <summary>True when the instance is valid.</summary>
    public bool IsValid(JsonElement instance) => new EvaluationState(_options).EvaluateNode(_root, instance, null);
}
