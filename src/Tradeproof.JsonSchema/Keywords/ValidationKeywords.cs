using System.Text.Json;
using System.Text.RegularExpressions;
using Tradeproof.JsonSchema.Evaluation;

namespace Tradeproof.JsonSchema.Keywords;

/// <summary>The JSON types of Validation 6.1.1.</summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Object = 4,
    Array = 8,
    Number = 16,
    String = 32,
    Integer = 64,
}

/// <summary>Validation 6.1.1 <c>type</c>: "integer" is any number with a zero fractional part (1.0 is one).</summary>
internal sealed class TypeKeyword(string absoluteLocation, JsonTypes types, string text) : Keyword("type", absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        var ok = instance.ValueKind switch
        {
            JsonValueKind.Null => (types & JsonTypes.Null) != 0,
            JsonValueKind.True or JsonValueKind.False => (types & JsonTypes.Boolean) != 0,
            JsonValueKind.Object => (types & JsonTypes.Object) != 0,
            JsonValueKind.Array => (types & JsonTypes.Array) != 0,
            JsonValueKind.String => (types & JsonTypes.String) != 0,
            JsonValueKind.Number => (types & JsonTypes.Number) != 0
                || ((types & JsonTypes.Integer) != 0 && JsonNumber.From(instance).IsInteger),
            _ => false,
        };
        if (!ok)
        {
            evaluation.AddError(AbsoluteLocation, $"The value is {Describe(instance.ValueKind)}; {text} is required.");
        }

        return ok;
    }

    public static JsonTypes Parse(string name) => name switch
    {
        "null" => JsonTypes.Null,
        "boolean" => JsonTypes.Boolean,
        "object" => JsonTypes.Object,
        "array" => JsonTypes.Array,
        "number" => JsonTypes.Number,
        "string" => JsonTypes.String,
        "integer" => JsonTypes.Integer,
        _ => JsonTypes.None,
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => "a number",
        _ => "a string",
    };
}

/// <summary>Validation 6.1.2 <c>enum</c>.</summary>
internal sealed class EnumKeyword(string absoluteLocation, JsonElement[] values) : Keyword("enum", absoluteLocation)
{
    private readonly string?[] _strings = [.. values.Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : null)];

    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        var isString = instance.ValueKind == JsonValueKind.String;
        for (var i = 0; i < values.Length; i++)
        {
            if (isString ? _strings[i] is { } text && instance.ValueEquals(text) : JsonEquality.AreEqual(instance, values[i]))
            {
                return true;
            }
        }

        evaluation.AddError(AbsoluteLocation, "The value is none of the enumerated values.");
        return false;
    }
}

/// <summary>Validation 6.1.3 <c>const</c>.</summary>
internal sealed class ConstKeyword(string absoluteLocation, JsonElement value) : Keyword("const", absoluteLocation)
{
    private readonly string? _string = value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind == JsonValueKind.String ? _string is not null && instance.ValueEquals(_string) : JsonEquality.AreEqual(instance, value))
        {
            return true;
        }

        evaluation.AddError(AbsoluteLocation, $"The value must be {value.GetRawText()}.");
        return false;
    }
}

/// <summary>Validation 6.2.1 <c>multipleOf</c>.</summary>
internal sealed class MultipleOfKeyword(string absoluteLocation, JsonNumber divisor) : Keyword("multipleOf", absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Number || JsonNumber.IsMultipleOf(JsonNumber.From(instance), divisor))
        {
            return true;
        }

        evaluation.AddError(AbsoluteLocation, $"The value must be a multiple of {divisor}.");
        return false;
    }
}

/// <summary>Validation 6.2.2-5: <c>maximum</c>, <c>exclusiveMaximum</c>, <c>minimum</c>, <c>exclusiveMinimum</c>.</summary>
internal abstract class NumberLimitKeyword(string name, string absoluteLocation, JsonNumber limit, string relation)
    : Keyword(name, absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Number || Holds(JsonNumber.Compare(JsonNumber.From(instance), limit)))
        {
            return true;
        }

        evaluation.AddError(AbsoluteLocation, $"The value must be {relation} {limit}.");
        return false;
    }

    protected abstract bool Holds(int comparison);
}

/// <summary>Validation 6.2.2 <c>maximum</c>.</summary>
internal sealed class MaximumKeyword(string absoluteLocation, JsonNumber limit) : NumberLimitKeyword("maximum", absoluteLocation, limit, "at most")
{
    protected override bool Holds(int comparison) => comparison <= 0;
}

/// <summary>Validation 6.2.3 <c>exclusiveMaximum</c>.</summary>
internal sealed class ExclusiveMaximumKeyword(string absoluteLocation, JsonNumber limit) : NumberLimitKeyword("exclusiveMaximum", absoluteLocation, limit, "less than")
{
    protected override bool Holds(int comparison) => comparison < 0;
}

/// <summary>Validation 6.2.4 <c>minimum</c>.</summary>
internal sealed class MinimumKeyword(string absoluteLocation, JsonNumber limit) : NumberLimitKeyword("minimum", absoluteLocation, limit, "at least")
{
    protected override bool Holds(int comparison) => comparison >= 0;
}

/// <summary>Validation 6.2.5 <c>exclusiveMinimum</c>.</summary>
internal sealed class ExclusiveMinimumKeyword(string absoluteLocation, JsonNumber limit) : NumberLimitKeyword("exclusiveMinimum", absoluteLocation, limit, "greater than")
{
    protected override bool Holds(int comparison) => comparison > 0;
}

/// <summary>Validation 6.3.1 <c>maxLength</c> and 6.3.2 <c>minLength</c>, in Unicode code points.</summary>
internal sealed class LengthKeyword(string name, string absoluteLocation, long limit, bool isMaximum) : Keyword(name, absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        var text = instance.GetString()!;
        var length = CodePoints(text);
        if (isMaximum ? length <= limit : length >= limit)
        {
            return true;
        }

        evaluation.AddError(AbsoluteLocation, $"The string has {length} characters; {(isMaximum ? "at most" : "at least")} {limit} are required.");
        return false;
    }

    public static int CodePoints(string text)
    {
        var count = text.Length;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }
}

/// <summary>Validation 6.3.3 <c>pattern</c> (ECMA-262, unanchored).</summary>
internal sealed class PatternKeyword(string absoluteLocation, Regex regex, string pattern) : Keyword("pattern", absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.String || RegexMatch.IsMatch(regex, instance.GetString()!))
        {
            return true;
        }

        evaluation.AddError(AbsoluteLocation, $"The string does not match the pattern '{pattern}'.");
        return false;
    }
}

/// <summary>Validation 6.4.1 <c>maxItems</c> and 6.4.2 <c>minItems</c>.</summary>
internal sealed class ItemCountKeyword(string name, string absoluteLocation, long limit, bool isMaximum) : Keyword(name, absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var count = instance.GetArrayLength();
        if (isMaximum ? count <= limit : count >= limit)
        {
            return true;
        }

        evaluation.AddError(AbsoluteLocation, $"The array has {count} items; {(isMaximum ? "at most" : "at least")} {limit} are required.");
        return false;
    }
}

/// <summary>Validation 6.4.3 <c>uniqueItems</c>.</summary>
internal sealed class UniqueItemsKeyword(string absoluteLocation) : Keyword("uniqueItems", absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var count = instance.GetArrayLength();
        for (var i = 0; i < count; i++)
        {
            for (var j = i + 1; j < count; j++)
            {
                if (JsonEquality.AreEqual(instance[i], instance[j]))
                {
                    evaluation.AddError(AbsoluteLocation, $"Items {i} and {j} are equal; items must be unique.");
                    return false;
                }
            }
        }

        return true;
    }
}

/// <summary>Validation 6.5.1 <c>maxProperties</c> and 6.5.2 <c>minProperties</c>.</summary>
internal sealed class PropertyCountKeyword(string name, string absoluteLocation, long limit, bool isMaximum) : Keyword(name, absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var count = 0;
        foreach (var unused in instance.EnumerateObject())
        {
            count++;
        }

        if (isMaximum ? count <= limit : count >= limit)
        {
            return true;
        }

        evaluation.AddError(AbsoluteLocation, $"The object has {count} properties; {(isMaximum ? "at most" : "at least")} {limit} are required.");
        return false;
    }
}

/// <summary>Validation 6.5.3 <c>required</c>.</summary>
internal sealed class RequiredKeyword(string absoluteLocation, string[] names) : Keyword("required", absoluteLocation)
{
    private readonly byte[][] _utf8Names = [.. names.Select(System.Text.Encoding.UTF8.GetBytes)];

    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        for (var i = 0; i < names.Length; i++)
        {
            if (!instance.TryGetProperty(_utf8Names[i], out _))
            {
                evaluation.AddError(AbsoluteLocation, $"Required property '{names[i]}' is missing.");
                valid = false;
            }
        }

        return valid;
    }
}

/// <summary>Validation 6.5.4 <c>dependentRequired</c>.</summary>
internal sealed class DependentRequiredKeyword(string absoluteLocation, (string Name, string[] Required)[] dependencies)
    : Keyword("dependentRequired", absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var (name, required) in dependencies)
        {
            if (!instance.TryGetProperty(name, out _))
            {
                continue;
            }

            foreach (var other in required)
            {
                if (!instance.TryGetProperty(other, out _))
                {
                    evaluation.AddError(AbsoluteLocation, $"Property '{other}' is required when '{name}' is present.");
                    valid = false;
                }
            }
        }

        return valid;
    }
}

/// <summary>
/// Validation 7 <c>format</c>, when it asserts (the option, or the format-assertion vocabulary); as an annotation
/// it compiles to nothing.
/// </summary>
internal sealed class FormatKeyword(string absoluteLocation, string format) : Keyword("format", absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.String || Formats.Check(format, instance.GetString()!))
        {
            return true;
        }

        evaluation.AddError(AbsoluteLocation, $"The string is not a valid '{format}'.");
        return false;
    }
}
