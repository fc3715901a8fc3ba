using System.Text.Json;

namespace Tradeproof.JsonSchema.Tests;

/// <summary>Behaviour of our own API: output locations, exact numbers, limits, the resolver, formats, threads.</summary>
public sealed class JsonSchemaBehaviourTests
{
    private static ValidationResult Validate(string schema, string instance, JsonSchemaOptions? options = null)
    {
        using var document = JsonDocument.Parse(instance);
        return JsonSchemaCompiler.Compile(schema, options).Validate(document.RootElement);
    }

    [Fact]
    public void An_error_carries_instance_keyword_and_absolute_keyword_locations()
    {
        const string schema = """
            {
              "$id": "https://example.com/order.json",
              "properties": { "lines": { "items": { "$ref": "#/$defs/line" } } },
              "$defs": { "line": { "properties": { "qty": { "type": "integer" } } } }
            }
            """;

        var result = Validate(schema, """{ "lines": [ { "qty": 1 }, { "qty": "two" } ] }""");

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("/lines/1/qty", error.InstanceLocation);
        Assert.Equal("/properties/lines/items/$ref/properties/qty/type", error.KeywordLocation);
        Assert.Equal("https://example.com/order.json#/$defs/line/properties/qty/type", error.AbsoluteKeywordLocation);
        Assert.Contains("integer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_failed_keyword_is_reported()
    {
        const string schema = """{ "required": ["a", "b"], "properties": { "c": { "minimum": 10 } }, "additionalProperties": false }""";

        var result = Validate(schema, """{ "c": 3, "d": true }""");

        Assert.Equal(4, result.Errors.Count);
        Assert.Equal(2, result.Errors.Count(e => e.KeywordLocation == "/required"));
        Assert.Contains(result.Errors, e => e.KeywordLocation == "/properties/c/minimum" && e.InstanceLocation == "/c");
        Assert.Contains(result.Errors, e => e.KeywordLocation == "/additionalProperties" && e.Message.Contains("'d'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_instance_has_no_errors()
    {
        var result = Validate("""{ "type": "object", "properties": { "a": { "type": "string" } } }""", """{ "a": "x" }""");

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("""{ "type": "integer" }""", "1.0", true)]
    [InlineData("""{ "const": 1 }""", "1.000", true)]
    [InlineData("""{ "enum": [[1, {"a": 2.0}]] }""", """[1.0, {"a": 2}]""", true)]
    [InlineData("""{ "multipleOf": 0.01 }""", "19.99", true)]
    [InlineData("""{ "multipleOf": 0.1 }""", "0.3", true)]
    [InlineData("""{ "maximum": 18446744073709551615 }""", "18446744073709551616", false)]
    [InlineData("""{ "maximum": 18446744073709551615 }""", "18446744073709551615", true)]
    [InlineData("""{ "type": "integer" }""", "1e400", true)]
    public void Numbers_compare_exactly(string schema, string instance, bool valid)
        => Assert.Equal(valid, Validate(schema, instance).IsValid);

    [Fact]
    public void Lengths_count_code_points()
    {
        Assert.True(Validate("""{ "maxLength": 2 }""", "\"\uD83D\uDCA9\uD83D\uDCA9\"").IsValid);
        Assert.False(Validate("""{ "minLength": 3 }""", "\"\uD83D\uDCA9\uD83D\uDCA9\"").IsValid);
    }

    [Fact]
    public void A_schema_that_refers_to_itself_in_place_stops_at_the_ref_chain_limit()
    {
        var error = Assert.Throws<JsonSchemaException>(() => Validate("""{ "$defs": { "a": { "$ref": "#/$defs/b" }, "b": { "$ref": "#/$defs/a" } }, "$ref": "#/$defs/a" }""", "1"));

        Assert.Equal(JsonSchemaErrorCodes.MaxRefChainExceeded, error.Code);
    }

    [Fact]
    public void Deep_recursion_stops_at_the_depth_limit()
    {
        const string schema = """{ "properties": { "next": { "$ref": "#" } } }""";
        var instance = string.Concat(Enumerable.Repeat("""{"next":""", 40)) + "{}" + new string('}', 40);

        Assert.True(Validate(schema, instance).IsValid);
        var error = Assert.Throws<JsonSchemaException>(() => Validate(schema, instance, new JsonSchemaOptions { MaxDepth = 30 }));
        Assert.Equal(JsonSchemaErrorCodes.MaxDepthExceeded, error.Code);
    }

    [Fact]
    public void A_remote_reference_without_resolver_is_refused_at_compilation()
    {
        var error = Assert.Throws<JsonSchemaException>(() => JsonSchemaCompiler.Compile("""{ "$ref": "https://example.com/elsewhere.json" }"""));

        Assert.Equal(JsonSchemaErrorCodes.UnresolvableReference, error.Code);
    }

    [Fact]
    public void A_remote_reference_goes_through_the_injected_resolver_only()
    {
        var asked = new List<Uri>();
        using var remote = JsonDocument.Parse("""{ "$defs": { "code": { "type": "string", "pattern": "^[A-Z]{2}$" } } }""");
        var options = new JsonSchemaOptions
        {
            RemoteResolver = uri =>
            {
                asked.Add(uri);
                return uri.AbsoluteUri == "https://example.com/common.json" ? remote.RootElement : null;
            },
        };

        var schema = JsonSchemaCompiler.Compile("""{ "$ref": "https://example.com/common.json#/$defs/code" }""", options);

        Assert.Equal([new Uri("https://example.com/common.json")], asked);
        using var good = JsonDocument.Parse("\"US\"");
        using var bad = JsonDocument.Parse("\"usa\"");
        Assert.True(schema.Validate(good.RootElement).IsValid);
        var error = Assert.Single(schema.Validate(bad.RootElement).Errors);
        Assert.Equal("https://example.com/common.json#/$defs/code/pattern", error.AbsoluteKeywordLocation);
    }

    [Fact]
    public void The_embedded_meta_schema_validates_schemas()
    {
        const string metaSchema = """{ "$ref": "https://json-schema.org/draft/2020-12/schema" }""";

        Assert.True(Validate(metaSchema, """{ "type": "object", "properties": { "a": { "minLength": 1 } } }""").IsValid);
        Assert.False(Validate(metaSchema, """{ "properties": { "a": { "minLength": -1 } } }""").IsValid);
        Assert.False(Validate(metaSchema, """{ "type": "whole number" }""").IsValid);
    }

    [Fact]
    public void Format_is_an_annotation_unless_asserted()
    {
        const string schema = """{ "format": "date" }""";

        Assert.True(Validate(schema, "\"2025-02-30\"").IsValid);
        Assert.False(Validate(schema, "\"2025-02-30\"", new JsonSchemaOptions { AssertFormat = true }).IsValid);
        Assert.True(Validate(schema, "\"2024-02-29\"", new JsonSchemaOptions { AssertFormat = true }).IsValid);
    }

    [Theory]
    [InlineData("date-time", "2025-03-14T09:30:00Z", true)]
    [InlineData("date-time", "2025-03-14 09:30:00Z", false)]
    [InlineData("uri", "urn:uuid:6f1c2a4e-3b7d-4e8a-9c2f-5d0e1a7b3c91", true)]
    [InlineData("uri", "//example.com/relative", false)]
    [InlineData("email", "quality@steelworks.example.com", true)]
    [InlineData("ipv6", "::ffff:192.0.2.1", true)]
    [InlineData("duration", "P1Y2M10DT2H30M", true)]
    [InlineData("duration", "PT", false)]
    public void Asserted_formats_check_their_rfc(string format, string value, bool valid)
        => Assert.Equal(valid, Validate($$"""{ "format": "{{format}}" }""", JsonSerializer.Serialize(value), new JsonSchemaOptions { AssertFormat = true }).IsValid);

    [Fact]
    public void Patterns_follow_ecma_262()
    {
        // \d is ASCII only and $ does not match before a final newline in ECMA-262.
        Assert.False(Validate("""{ "pattern": "^\\d+$" }""", "\"\u0664\u0662\"").IsValid);
        Assert.False(Validate("""{ "pattern": "^abc$" }""", "\"abc\\n\"").IsValid);
        Assert.True(Validate("""{ "pattern": "^\\p{Letter}+$" }""", "\"\u00e9cole\"").IsValid);
    }

    [Fact]
    public void Unevaluated_properties_see_through_references_and_successful_branches()
    {
        const string schema = """
            {
              "$defs": { "named": { "properties": { "name": { "type": "string" } } } },
              "$ref": "#/$defs/named",
              "anyOf": [ { "properties": { "a": true }, "required": ["a"] }, { "properties": { "b": true }, "required": ["b"] } ],
              "unevaluatedProperties": false
            }
            """;

        Assert.True(Validate(schema, """{ "name": "x", "a": 1 }""").IsValid);
        var result = Validate(schema, """{ "name": "x", "a": 1, "b": 2, "c": 3 }""");
        var error = Assert.Single(result.Errors);
        Assert.Equal("/unevaluatedProperties", error.KeywordLocation);
        Assert.Contains("'c'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "minLength": -1 }""")]
    [InlineData("""{ "type": "text" }""")]
    [InlineData("""{ "pattern": "(" }""")]
    [InlineData("""{ "allOf": [] }""")]
    [InlineData("""{ "$ref": "#/$defs/missing" }""")]
    public void An_invalid_schema_is_refused_with_a_code(string schema)
    {
        var error = Assert.Throws<JsonSchemaException>(() => JsonSchemaCompiler.Compile(schema));

        Assert.Contains(error.Code, new[] { JsonSchemaErrorCodes.InvalidSchema, JsonSchemaErrorCodes.UnresolvableReference });
    }

    [Fact]
    public void A_required_unknown_vocabulary_is_refused()
    {
        using var meta = JsonDocument.Parse("""
            { "$id": "https://example.com/meta", "$vocabulary": { "https://json-schema.org/draft/2020-12/vocab/core": true, "https://example.com/vocab/units": true } }
            """);
        var options = new JsonSchemaOptions { RemoteResolver = uri => uri.AbsoluteUri == "https://example.com/meta" ? meta.RootElement : null };

        var error = Assert.Throws<JsonSchemaException>(() => JsonSchemaCompiler.Compile("""{ "$schema": "https://example.com/meta" }""", options));

        Assert.Equal(JsonSchemaErrorCodes.UnknownVocabulary, error.Code);
    }

    [Fact]
    public void A_compiled_schema_outlives_its_document_and_is_shared_across_threads()
    {
        CompiledSchema schema;
        using (var document = JsonDocument.Parse("""{ "type": "array", "items": { "type": "integer", "minimum": 0 }, "uniqueItems": true }"""))
        {
            schema = JsonSchemaCompiler.Compile(document.RootElement);
        }

        using var good = JsonDocument.Parse("[1, 2, 3]");
        using var bad = JsonDocument.Parse("[1, -2, 1]");
        var outcomes = new bool[400];
        Parallel.For(0, outcomes.Length, i =>
        {
            var result = schema.Validate(i % 2 == 0 ? good.RootElement : bad.RootElement);
            outcomes[i] = result.IsValid == (i % 2 == 0) && result.Errors.Count == (i % 2 == 0 ? 0 : 2);
        });

        Assert.All(outcomes, Assert.True);
    }
}

/// <summary>The "basic" output format (Core 12.4.2).</summary>
public sealed class JsonSchemaOutputTests
{
    [Fact]
    public void Basic_output_lists_the_errors_with_their_locations()
    {
        using var instance = JsonDocument.Parse("""{ "a": "x" }""");
        var result = JsonSchemaCompiler.Compile("""{ "$id": "https://example.com/s", "properties": { "a": { "type": "number" } } }""").Validate(instance.RootElement);

        using var output = JsonDocument.Parse(result.ToBasicOutputJson());

        Assert.False(output.RootElement.GetProperty("valid").GetBoolean());
        var error = Assert.Single(output.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("/properties/a/type", error.GetProperty("keywordLocation").GetString());
        Assert.Equal("https://example.com/s#/properties/a/type", error.GetProperty("absoluteKeywordLocation").GetString());
        Assert.Equal("/a", error.GetProperty("instanceLocation").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
    }

    [Fact]
    public void Basic_output_of_a_valid_instance_has_no_errors_member()
    {
        using var instance = JsonDocument.Parse("1");

        var output = JsonSchemaCompiler.Compile("""{ "type": "number" }""").Validate(instance.RootElement).ToBasicOutputJson();

        Assert.Equal("""{"valid":true}""", output);
    }
}

/// <summary>Limits at compilation.</summary>
public sealed class JsonSchemaCompilationLimitTests
{
    [Fact]
    public void A_schema_nested_past_the_depth_limit_is_refused_at_compilation()
    {
        var schema = string.Concat(Enumerable.Repeat("""{"not":""", 40)) + "{}" + new string('}', 40);

        Assert.NotNull(JsonSchemaCompiler.Compile(schema));
        var error = Assert.Throws<JsonSchemaException>(() => JsonSchemaCompiler.Compile(schema, new JsonSchemaOptions { MaxDepth = 20 }));
        Assert.Equal(JsonSchemaErrorCodes.MaxDepthExceeded, error.Code);
    }
}

/// <summary>The embedded 2020-12 meta-schemas (written from the specification) are valid against themselves.</summary>
public sealed class JsonSchemaMetaSchemaTests
{
    [Theory]
    [InlineData("https://json-schema.org/draft/2020-12/schema")]
    [InlineData("https://json-schema.org/draft/2020-12/meta/core")]
    [InlineData("https://json-schema.org/draft/2020-12/meta/applicator")]
    [InlineData("https://json-schema.org/draft/2020-12/meta/unevaluated")]
    [InlineData("https://json-schema.org/draft/2020-12/meta/validation")]
    [InlineData("https://json-schema.org/draft/2020-12/meta/meta-data")]
    [InlineData("https://json-schema.org/draft/2020-12/meta/format-annotation")]
    [InlineData("https://json-schema.org/draft/2020-12/meta/format-assertion")]
    [InlineData("https://json-schema.org/draft/2020-12/meta/content")]
    public void An_embedded_meta_schema_is_valid_against_the_meta_schema(string uri)
    {
        Assert.True(Compilation.MetaSchemas.TryGet(uri, out var document));
        var metaSchema = JsonSchemaCompiler.Compile("""{ "$ref": "https://json-schema.org/draft/2020-12/schema" }""", new JsonSchemaOptions { AssertFormat = true });

        var result = metaSchema.Validate(document);

        Assert.True(result.IsValid, result.ToBasicOutputJson());
        Assert.Equal(uri, document.GetProperty("$id").GetString());
    }
}
