using System.Text.Json;
using Tradeproof.JsonSchema.Compilation;
using Tradeproof.JsonSchema.Evaluation;

namespace Tradeproof.JsonSchema.Keywords;

/// <summary>
/// Core 11.2 <c>unevaluatedItems</c>: the items no adjacent keyword or successfully evaluated in-place subschema
/// has evaluated (prefixItems, items, contains, and unevaluatedItems annotations). Runs after its siblings.
/// </summary>
internal sealed class UnevaluatedItemsKeyword(string absoluteLocation, SchemaNode schema) : Keyword("unevaluatedItems", absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Array || annotations is null)
        {
            return true;
        }

        var valid = true;
        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            if (!annotations.IsItemEvaluated(index))
            {
                valid &= evaluation.EvaluateItem(schema, null, item, index);
            }

            index++;
        }

        annotations.AllItems = true;
        return valid;
    }
}

/// <summary>
/// Core 11.3 <c>unevaluatedProperties</c>: the properties no adjacent keyword or successfully evaluated in-place
/// subschema has evaluated (properties, patternProperties, additionalProperties, unevaluatedProperties).
/// </summary>
internal sealed class UnevaluatedPropertiesKeyword(string absoluteLocation, SchemaNode schema) : Keyword("unevaluatedProperties", absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object || annotations is null)
        {
            return true;
        }

        var valid = true;
        foreach (var member in instance.EnumerateObject())
        {
            var name = member.Name;
            if (annotations.IsPropertyEvaluated(name))
            {
                continue;
            }

            if (schema.BooleanValue == false)
            {
                evaluation.AddError(AbsoluteLocation, $"Property '{name}' is not evaluated by any subschema and is not allowed.");
                valid = false;
                continue;
            }

            valid &= evaluation.EvaluateProperty(schema, null, member.Value, name);
        }

        annotations.AllProperties = true;
        return valid;
    }
}
