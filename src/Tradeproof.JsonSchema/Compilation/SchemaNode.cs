using System.Text.Json;
using Tradeproof.JsonSchema.Evaluation;
using Tradeproof.JsonSchema.Keywords;

namespace Tradeproof.JsonSchema.Compilation;

/// <summary>One compiled schema (an object or a boolean): its keyword validators, in evaluation order.</summary>
internal sealed class SchemaNode(SchemaResource resource, string absoluteLocation, bool? booleanValue)
{
    public SchemaResource Resource { get; } = resource;

    /// <summary>The absolute URI of this schema: resource URI and a JSON Pointer fragment.</summary>
    public string AbsoluteLocation { get; } = absoluteLocation;

    /// <summary>True or false for a boolean schema (Core 4.3.2), null for an object.</summary>
    public bool? BooleanValue { get; } = booleanValue;

    public Keyword[] Keywords { get; set; } = [];

    /// <summary>True when a keyword here reads annotations (unevaluatedItems, unevaluatedProperties).</summary>
    public bool ReadsAnnotations { get; set; }

    public bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
        => evaluation.EvaluateNode(this, instance, annotations);
}
