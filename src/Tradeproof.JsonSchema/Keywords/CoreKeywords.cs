using System.Text.Json;
using Tradeproof.JsonSchema.Compilation;
using Tradeproof.JsonSchema.Evaluation;

namespace Tradeproof.JsonSchema.Keywords;

/// <summary>Core 8.2.3.1 <c>$ref</c>: applies the referenced schema in place; resolved at compilation.</summary>
internal sealed class RefKeyword(string absoluteLocation) : Keyword("$ref", absoluteLocation)
{
    public SchemaNode Target { get; set; } = null!;

    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
        => evaluation.EvaluateReference(Target, instance, annotations);
}

/// <summary>
/// Core 8.2.3.2 <c>$dynamicRef</c>: resolves like <c>$ref</c>; when that initial target carries a matching
/// <c>$dynamicAnchor</c> (the "bookend"), the outermost resource of the dynamic scope with that dynamic anchor
/// is used instead.
/// </summary>
internal sealed class DynamicRefKeyword(string absoluteLocation) : Keyword("$dynamicRef", absoluteLocation)
{
    public SchemaNode Target { get; set; } = null!;

    /// <summary>The anchor name when the reference is dynamic; null when it behaves as <c>$ref</c>.</summary>
    public string? DynamicAnchor { get; set; }

    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        var target = Target;
        if (DynamicAnchor is { } name)
        {
            foreach (var resource in evaluation.Scope)
            {
                if (resource.DynamicNodes.TryGetValue(name, out var node))
                {
                    target = node;
                    break;
                }
            }
        }

        return evaluation.EvaluateReference(target, instance, annotations);
    }
}
