using System.Text.Json;
using Tradeproof.JsonSchema.Evaluation;
using Tradeproof.JsonSchema.Keywords;

namespace Tradeproof.JsonSchema.Compilation;

/// <summary>
/// Turns the keywords of one schema object into validators, for the active vocabularies. Keywords that only
/// annotate (meta-data, content, <c>$comment</c>, format when not asserting) and unknown keywords compile to
/// nothing. unevaluatedItems and unevaluatedProperties go last: they read their siblings' annotations.
/// </summary>
internal static class KeywordFactory
{
    public static Keyword[] Create(
        SchemaCompiler compiler, SchemaNode node, JsonElement schema, SchemaDocument document, string pointer, Vocabularies vocabularies)
    {
        var keywords = new List<Keyword>();
        var last = new List<Keyword>();
        var baseLocation = node.AbsoluteLocation;

        SchemaNode Sub(params string[] path)
        {
            var p = pointer;
            foreach (var segment in path)
            {
                p += "/" + JsonPointer.Escape(segment);
            }

            return compiler.Compile(document, p);
        }

        SchemaNode[] Array(string keyword, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            {
                throw Invalid(keyword, "a non-empty array of schemas");
            }

            var result = new SchemaNode[value.GetArrayLength()];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = Sub(keyword, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return result;
        }

        (string, SchemaNode)[] Map(string keyword, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(keyword, "an object of schemas");
            }

            var result = new List<(string, SchemaNode)>();
            foreach (var member in value.EnumerateObject())
            {
                result.Add((member.Name, Sub(keyword, member.Name)));
            }

            return [.. result];
        }

        JsonSchemaException Invalid(string keyword, string expected)
            => new(JsonSchemaErrorCodes.InvalidSchema, $"'{keyword}' must be {expected}, at '{baseLocation}'.");

        JsonNumber Number(string keyword, JsonElement value)
            => value.ValueKind == JsonValueKind.Number ? JsonNumber.From(value) : throw Invalid(keyword, "a number");

        long Count(string keyword, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Number || !JsonNumber.From(value).IsNonNegativeInteger)
            {
                throw Invalid(keyword, "a non-negative integer");
            }

            return JsonNumber.From(value).ToCount();
        }

        string[] Strings(string keyword, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(keyword, "an array of strings");
            }

            var result = new List<string>();
            foreach (var item in value.EnumerateArray())
            {
                result.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Invalid(keyword, "an array of strings"));
            }

            return [.. result];
        }

        foreach (var member in schema.EnumerateObject())
        {
            var name = member.Name;
            var value = member.Value;
            var vocabulary = VocabularyUris.OfKeyword(name);
            if (vocabulary == Vocabularies.None || (vocabulary & vocabularies) == 0)
            {
                continue;
            }

            var at = baseLocation + "/" + JsonPointer.Escape(name);
            switch (name)
            {
                case "$ref":
                    var reference = new RefKeyword(at);
                    keywords.Add(reference);
                    reference.Target = compiler.CompileUri(UriText.Resolve(node.Resource.Uri, String(value)));
                    break;
                case "$dynamicRef":
                    var dynamicReference = new DynamicRefKeyword(at);
                    keywords.Add(dynamicReference);
                    var target = UriText.Resolve(node.Resource.Uri, String(value));
                    dynamicReference.Target = compiler.CompileUri(target);
                    var fragment = UriText.Fragment(target);
                    if (fragment.Length > 0 && fragment[0] != '/' && dynamicReference.Target.Resource.DynamicAnchors.Contains(fragment)
                        && dynamicReference.Target.Resource.DynamicNodes.TryGetValue(fragment, out var anchored)
                        && ReferenceEquals(anchored, dynamicReference.Target))
                    {
                        dynamicReference.DynamicAnchor = fragment;
                    }

                    break;
                case "allOf":
                    keywords.Add(new AllOfKeyword(at, Array(name, value)));
                    break;
                case "anyOf":
                    keywords.Add(new AnyOfKeyword(at, Array(name, value)));
                    break;
                case "oneOf":
                    keywords.Add(new OneOfKeyword(at, Array(name, value)));
                    break;
                case "not":
                    keywords.Add(new NotKeyword(at, Sub(name)));
                    break;
                case "if":
                    keywords.Add(new IfKeyword(
                        at,
                        Sub(name),
                        schema.TryGetProperty("then", out _) ? Sub("then") : null,
                        schema.TryGetProperty("else", out _) ? Sub("else") : null));
                    break;
                case "then":
                case "else":
                    // Compiled with "if"; alone they do nothing (Core 10.2.2.2-3), but their schemas are compiled.
                    _ = Sub(name);
                    break;
                case "dependentSchemas":
                    keywords.Add(new DependentSchemasKeyword(at, Map(name, value)));
                    break;
                case "prefixItems":
                    keywords.Add(new PrefixItemsKeyword(at, Array(name, value)));
                    break;
                case "items":
                    var prefix = schema.TryGetProperty("prefixItems", out var prefixItems) && prefixItems.ValueKind == JsonValueKind.Array
                        && (vocabularies & Vocabularies.Applicator) != 0 ? prefixItems.GetArrayLength() : 0;
                    keywords.Add(new ItemsKeyword(at, Sub(name), prefix));
                    break;
                case "contains":
                    var min = schema.TryGetProperty("minContains", out var minValue) && (vocabularies & Vocabularies.Validation) != 0 ? Count("minContains", minValue) : 1;
                    long? max = schema.TryGetProperty("maxContains", out var maxValue) && (vocabularies & Vocabularies.Validation) != 0 ? Count("maxContains", maxValue) : null;
                    keywords.Add(new ContainsKeyword(at, Sub(name), min, max, baseLocation));
                    break;
                case "properties":
                    keywords.Add(new PropertiesKeyword(at, Map(name, value)));
                    break;
                case "patternProperties":
                    if (value.ValueKind != JsonValueKind.Object)
                    {
                        throw Invalid(name, "an object of schemas");
                    }

                    var patterns = new List<(string, System.Text.RegularExpressions.Regex, SchemaNode)>();
                    foreach (var pattern in value.EnumerateObject())
                    {
                        patterns.Add((pattern.Name, compiler.CreateRegex(pattern.Name, at), Sub(name, pattern.Name)));
                    }

                    keywords.Add(new PatternPropertiesKeyword(at, [.. patterns]));
                    break;
                case "additionalProperties":
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    var regexes = new List<System.Text.RegularExpressions.Regex>();
                    if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in properties.EnumerateObject())
                        {
                            names.Add(property.Name);
                        }
                    }

                    if (schema.TryGetProperty("patternProperties", out var patternProperties) && patternProperties.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var pattern in patternProperties.EnumerateObject())
                        {
                            regexes.Add(compiler.CreateRegex(pattern.Name, at));
                        }
                    }

                    keywords.Add(new AdditionalPropertiesKeyword(at, Sub(name), names, [.. regexes]));
                    break;
                case "propertyNames":
                    keywords.Add(new PropertyNamesKeyword(at, Sub(name)));
                    break;
                case "unevaluatedItems":
                    last.Add(new UnevaluatedItemsKeyword(at, Sub(name)));
                    break;
                case "unevaluatedProperties":
                    last.Add(new UnevaluatedPropertiesKeyword(at, Sub(name)));
                    break;
                case "type":
                    keywords.Add(Type(at, value, Invalid));
                    break;
                case "enum":
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        throw Invalid(name, "an array");
                    }

                    keywords.Add(new EnumKeyword(at, [.. value.EnumerateArray()]));
                    break;
                case "const":
                    keywords.Add(new ConstKeyword(at, value));
                    break;
                case "multipleOf":
                    var divisor = Number(name, value);
                    keywords.Add(divisor.IsPositive ? new MultipleOfKeyword(at, divisor) : throw Invalid(name, "a number greater than 0"));
                    break;
                case "maximum":
                    keywords.Add(new MaximumKeyword(at, Number(name, value)));
                    break;
                case "exclusiveMaximum":
                    keywords.Add(new ExclusiveMaximumKeyword(at, Number(name, value)));
                    break;
                case "minimum":
                    keywords.Add(new MinimumKeyword(at, Number(name, value)));
                    break;
                case "exclusiveMinimum":
                    keywords.Add(new ExclusiveMinimumKeyword(at, Number(name, value)));
                    break;
                case "maxLength":
                case "minLength":
                    keywords.Add(new LengthKeyword(name, at, Count(name, value), name == "maxLength"));
                    break;
                case "pattern":
                    var text = String(value);
                    keywords.Add(new PatternKeyword(at, compiler.CreateRegex(text, at), text));
                    break;
                case "maxItems":
                case "minItems":
                    keywords.Add(new ItemCountKeyword(name, at, Count(name, value), name == "maxItems"));
                    break;
                case "uniqueItems":
                    if (value.ValueKind == JsonValueKind.True)
                    {
                        keywords.Add(new UniqueItemsKeyword(at));
                    }

                    break;
                case "maxProperties":
                case "minProperties":
                    keywords.Add(new PropertyCountKeyword(name, at, Count(name, value), name == "maxProperties"));
                    break;
                case "required":
                    keywords.Add(new RequiredKeyword(at, Strings(name, value)));
                    break;
                case "dependentRequired":
                    if (value.ValueKind != JsonValueKind.Object)
                    {
                        throw Invalid(name, "an object of string arrays");
                    }

                    var dependencies = new List<(string, string[])>();
                    foreach (var dependency in value.EnumerateObject())
                    {
                        dependencies.Add((dependency.Name, Strings(name, dependency.Value)));
                    }

                    keywords.Add(new DependentRequiredKeyword(at, [.. dependencies]));
                    break;
                case "format":
                    if (compiler.AssertFormat(vocabularies))
                    {
                        keywords.Add(new FormatKeyword(at, String(value)));
                    }

                    break;
                case "$defs":
                    _ = Map(name, value);
                    break;
                default:
                    // $id, $schema, $anchor, $dynamicAnchor, $vocabulary, $comment: used by the scan, or annotations.
                    break;
            }

            string String(JsonElement v) => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Invalid(name, "a string");
        }

        keywords.AddRange(last);
        return [.. keywords];
    }

    private static TypeKeyword Type(string at, JsonElement value, Func<string, string, JsonSchemaException> invalid)
    {
        var types = JsonTypes.None;
        if (value.ValueKind == JsonValueKind.String)
        {
            types = TypeKeyword.Parse(value.GetString()!);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                var one = item.ValueKind == JsonValueKind.String ? TypeKeyword.Parse(item.GetString()!) : JsonTypes.None;
                types |= one == JsonTypes.None ? throw invalid("type", "a type name or an array of them") : one;
            }
        }

        if (types == JsonTypes.None && !(value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0))
        {
            throw invalid("type", "a type name or an array of them");
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Join(" or ", value.EnumerateArray().Select(v => v.GetString()));
        return new TypeKeyword(at, types, text);
    }
}
