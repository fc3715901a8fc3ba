using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tradeproof.JsonSchema.Compilation;
using Tradeproof.JsonSchema.Evaluation;

namespace Tradeproof.JsonSchema.Keywords;

/// <summary>Core 10.2.1.1 <c>allOf</c>.</summary>
internal sealed class AllOfKeyword(string absoluteLocation, SchemaNode[] schemas) : Keyword("allOf", absoluteLocation)
{
    private readonly string[] _segments = Segments.Indexes(schemas.Length);

    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        var valid = true;
        for (var i = 0; i < schemas.Length; i++)
        {
            valid &= evaluation.EvaluateInPlace(schemas[i], _segments[i], instance, annotations);
        }

        return valid;
    }
}

/// <summary>Core 10.2.1.2 <c>anyOf</c>: every subschema is evaluated while annotations are collected.</summary>
internal sealed class AnyOfKeyword(string absoluteLocation, SchemaNode[] schemas) : Keyword("anyOf", absoluteLocation)
{
    private readonly string[] _segments = Segments.Indexes(schemas.Length);

    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        var mark = evaluation.ErrorCount;
        var any = false;
        for (var i = 0; i < schemas.Length; i++)
        {
            if (evaluation.EvaluateInPlace(schemas[i], _segments[i], instance, annotations))
            {
                any = true;
                if (annotations is null)
                {
                    break;
                }
            }
        }

        if (any)
        {
            evaluation.TruncateErrors(mark);
            return true;
        }

        evaluation.AddError(AbsoluteLocation, "The value matches none of the anyOf subschemas.");
        return false;
    }
}

/// <summary>Core 10.2.1.3 <c>oneOf</c>.</summary>
internal sealed class OneOfKeyword(string absoluteLocation, SchemaNode[] schemas) : Keyword("oneOf", absoluteLocation)
{
    private readonly string[] _segments = Segments.Indexes(schemas.Length);

    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        var mark = evaluation.ErrorCount;
        var matches = 0;
        for (var i = 0; i < schemas.Length; i++)
        {
            if (evaluation.EvaluateInPlace(schemas[i], _segments[i], instance, annotations))
            {
                matches++;
            }
        }

        if (matches == 1)
        {
            evaluation.TruncateErrors(mark);
            return true;
        }

        if (matches > 1)
        {
            evaluation.TruncateErrors(mark);
        }

        evaluation.AddError(AbsoluteLocation, matches == 0
            ? "The value matches none of the oneOf subschemas."
            : $"The value matches {matches} of the oneOf subschemas; exactly one is required.");
        return false;
    }
}

/// <summary>Core 10.2.1.4 <c>not</c>: its annotations are always dropped.</summary>
internal sealed class NotKeyword(string absoluteLocation, SchemaNode schema) : Keyword("not", absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        var mark = evaluation.ErrorCount;
        var matched = evaluation.EvaluateInPlace(schema, null, instance, null);
        evaluation.TruncateErrors(mark);
        if (matched)
        {
            evaluation.AddError(AbsoluteLocation, "The value matches the 'not' subschema.");
        }

        return !matched;
    }
}

/// <summary>Core 10.2.2.1-3 <c>if</c>, <c>then</c>, <c>else</c> (then and else do nothing without if).</summary>
internal sealed class IfKeyword(string absoluteLocation, SchemaNode condition, SchemaNode? then, SchemaNode? otherwise)
    : Keyword("if", absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        var mark = evaluation.ErrorCount;
        var matched = evaluation.EvaluateInPlace(condition, null, instance, annotations);
        evaluation.TruncateErrors(mark);
        var branch = matched ? then : otherwise;
        if (branch is null)
        {
            return true;
        }

        // The branch's keyword location is a sibling of "if": ".../then" or ".../else".
        var valid = evaluation.EvaluateAsSibling(branch, matched ? "then" : "else", instance, annotations);
        return valid;
    }
}

/// <summary>Core 10.2.2.4 <c>dependentSchemas</c>.</summary>
internal sealed class DependentSchemasKeyword(string absoluteLocation, (string Name, SchemaNode Schema)[] schemas)
    : Keyword("dependentSchemas", absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var (name, schema) in schemas)
        {
            if (instance.TryGetProperty(name, out _))
            {
                valid &= evaluation.EvaluateInPlace(schema, name, instance, annotations);
            }
        }

        return valid;
    }
}

/// <summary>Core 10.3.1.1 <c>prefixItems</c>.</summary>
internal sealed class PrefixItemsKeyword(string absoluteLocation, SchemaNode[] schemas) : Keyword("prefixItems", absoluteLocation)
{
    private readonly string[] _segments = Segments.Indexes(schemas.Length);

    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var valid = true;
        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            if (index >= schemas.Length)
            {
                break;
            }

            valid &= evaluation.EvaluateItem(schemas[index], _segments[index], item, index);
            index++;
        }

        if (annotations is not null)
        {
            annotations.PrefixItems = Math.Max(annotations.PrefixItems, index);
        }

        return valid;
    }
}

/// <summary>Core 10.3.1.2 <c>items</c>: the items after those of a sibling prefixItems.</summary>
internal sealed class ItemsKeyword(string absoluteLocation, SchemaNode schema, int prefixCount) : Keyword("items", absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var valid = true;
        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            if (index >= prefixCount)
            {
                valid &= evaluation.EvaluateItem(schema, null, item, index);
            }

            index++;
        }

        if (annotations is not null && index > prefixCount)
        {
            annotations.AllItems = true;
        }

        return valid;
    }
}

/// <summary>
/// Core 10.3.1.3 <c>contains</c>, with Validation 6.4.4-5 <c>maxContains</c> and <c>minContains</c>
/// (which do nothing without contains).
/// </summary>
internal sealed class ContainsKeyword(string absoluteLocation, SchemaNode schema, long minContains, long? maxContains, string parentLocation)
    : Keyword("contains", absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var mark = evaluation.ErrorCount;
        var matches = 0;
        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            if (evaluation.EvaluateItem(schema, null, item, index))
            {
                matches++;
                annotations?.AddItem(index);
            }

            index++;
        }

        evaluation.TruncateErrors(mark);
        if (matches < minContains)
        {
            evaluation.AddError(minContains == 1 ? AbsoluteLocation : parentLocation + "/minContains", minContains == 1
                ? "No item matches the 'contains' subschema."
                : $"{matches} items match the 'contains' subschema; at least {minContains} are required.");
            return false;
        }

        if (matches > maxContains)
        {
            evaluation.AddError(parentLocation + "/maxContains", $"{matches} items match the 'contains' subschema; at most {maxContains} are allowed.");
            return false;
        }

        return true;
    }
}

/// <summary>Core 10.3.2.1 <c>properties</c>.</summary>
internal sealed class PropertiesKeyword(string absoluteLocation, (string Name, SchemaNode Schema)[] schemas) : Keyword("properties", absoluteLocation)
{
    // Names as UTF-8, so that looking them up in the instance transcodes nothing.
    private readonly byte[][] _utf8Names = [.. schemas.Select(s => System.Text.Encoding.UTF8.GetBytes(s.Name))];

    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        for (var i = 0; i < schemas.Length; i++)
        {
            var (name, schema) = schemas[i];
            if (instance.TryGetProperty(_utf8Names[i], out var value))
            {
                valid &= evaluation.EvaluateProperty(schema, name, value, name);
                annotations?.AddProperty(name);
            }
        }

        return valid;
    }
}

/// <summary>Core 10.3.2.2 <c>patternProperties</c>.</summary>
internal sealed class PatternPropertiesKeyword(string absoluteLocation, (string Pattern, Regex Regex, SchemaNode Schema)[] schemas)
    : Keyword("patternProperties", absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var member in instance.EnumerateObject())
        {
            var name = member.Name;
            foreach (var (pattern, regex, schema) in schemas)
            {
                if (RegexMatch.IsMatch(regex, name))
                {
                    valid &= evaluation.EvaluateProperty(schema, pattern, member.Value, name);
                    annotations?.AddProperty(name);
                }
            }
        }

        return valid;
    }
}

/// <summary>Core 10.3.2.3 <c>additionalProperties</c>: the properties neither properties nor patternProperties name.</summary>
internal sealed class AdditionalPropertiesKeyword(string absoluteLocation, SchemaNode schema, HashSet<string> names, Regex[] patterns)
    : Keyword("additionalProperties", absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        var any = false;
        foreach (var member in instance.EnumerateObject())
        {
            var name = member.Name;
            if (names.Contains(name) || MatchesAny(name))
            {
                continue;
            }

            any = true;
            if (schema.BooleanValue == false)
            {
                evaluation.AddError(AbsoluteLocation, $"Property '{name}' is not allowed.");
                valid = false;
                continue;
            }

            valid &= evaluation.EvaluateProperty(schema, null, member.Value, name);
        }

        if (any && annotations is not null)
        {
            annotations.AllProperties = true;
        }

        return valid;
    }

    private bool MatchesAny(string name)
    {
        foreach (var regex in patterns)
        {
            if (RegexMatch.IsMatch(regex, name))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Core 10.3.2.4 <c>propertyNames</c>: each property name, as a JSON string, against the subschema.</summary>
internal sealed class PropertyNamesKeyword(string absoluteLocation, SchemaNode schema) : Keyword("propertyNames", absoluteLocation)
{
    public override bool Evaluate(JsonElement instance, EvaluationState evaluation, Annotations? annotations)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var member in instance.EnumerateObject())
        {
            using var name = JsonDocument.Parse(JsonSerializerString(member.Name));
            if (!evaluation.EvaluateProperty(schema, null, name.RootElement, member.Name))
            {
                valid = false;
            }
        }

        if (!valid)
        {
            evaluation.AddError(AbsoluteLocation, "A property name does not match 'propertyNames'.");
        }

        return valid;
    }

    private static byte[] JsonSerializerString(string value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(value);
        }

        return buffer.ToArray();
    }
}

/// <summary>Keyword location segments for array indexes, made once at compilation.</summary>
internal static class Segments
{
    public static string[] Indexes(int count)
    {
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return result;
    }
}

/// <summary>Regex matching with the timeout turned into a typed error.</summary>
internal static class RegexMatch
{
    public static bool IsMatch(Regex regex, string input)
    {
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new JsonSchemaException(JsonSchemaErrorCodes.RegexTimeout, $"The pattern '{regex}' timed out.", e);
        }
    }
}
