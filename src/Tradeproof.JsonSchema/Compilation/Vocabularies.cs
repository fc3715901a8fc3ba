namespace Tradeproof.JsonSchema.Compilation;

/// <summary>The 2020-12 vocabularies (Core 8.1.2 <c>$vocabulary</c>), as flags.</summary>
[Flags]
internal enum Vocabularies
{
    None = 0,
    Core = 1,
    Applicator = 2,
    Unevaluated = 4,
    Validation = 8,
    MetaData = 16,
    FormatAnnotation = 32,
    FormatAssertion = 64,
    Content = 128,
    Default = Core | Applicator | Unevaluated | Validation | MetaData | FormatAnnotation | Content,
}

internal static class VocabularyUris
{
    private const string Prefix = "https://json-schema.org/draft/2020-12/vocab/";

    public static Vocabularies Of(string uri) => uri switch
    {
        Prefix + "core" => Vocabularies.Core,
        Prefix + "applicator" => Vocabularies.Applicator,
        Prefix + "unevaluated" => Vocabularies.Unevaluated,
        Prefix + "validation" => Vocabularies.Validation,
        Prefix + "meta-data" => Vocabularies.MetaData,
        Prefix + "format-annotation" => Vocabularies.FormatAnnotation,
        Prefix + "format-assertion" => Vocabularies.FormatAssertion,
        Prefix + "content" => Vocabularies.Content,
        _ => Vocabularies.None,
    };

    /// <summary>The vocabulary of a keyword, or None for keywords of no vocabulary we know (ignored).</summary>
    public static Vocabularies OfKeyword(string keyword) => keyword switch
    {
        "$id" or "$schema" or "$ref" or "$anchor" or "$dynamicRef" or "$dynamicAnchor" or "$vocabulary" or "$comment" or "$defs" => Vocabularies.Core,
        "prefixItems" or "items" or "contains" or "additionalProperties" or "properties" or "patternProperties" or "dependentSchemas"
            or "propertyNames" or "if" or "then" or "else" or "allOf" or "anyOf" or "oneOf" or "not" => Vocabularies.Applicator,
        "unevaluatedItems" or "unevaluatedProperties" => Vocabularies.Unevaluated,
        "type" or "enum" or "const" or "multipleOf" or "maximum" or "exclusiveMaximum" or "minimum" or "exclusiveMinimum"
            or "maxLength" or "minLength" or "pattern" or "maxItems" or "minItems" or "uniqueItems" or "maxContains" or "minContains"
            or "maxProperties" or "minProperties" or "required" or "dependentRequired" => Vocabularies.Validation,
        "format" => Vocabularies.FormatAnnotation | Vocabularies.FormatAssertion,
        _ => Vocabularies.None,
    };
}
