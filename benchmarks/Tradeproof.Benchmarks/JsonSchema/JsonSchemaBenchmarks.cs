using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Tradeproof.Benchmarks.Json;
using Tradeproof.JsonSchema;

namespace Tradeproof.Benchmarks.JsonSchema;

/// <summary>
/// Validating the mill test report credential (shared/design/fixtures) against a JSON Schema 2020-12 written for
/// it (mill-test-report.schema.json: $ref, allOf, oneOf, anyOf, contains, prefixItems, patternProperties,
/// unevaluatedProperties, dependentRequired, enum/const, patterns, numbers, formats). Target: under 50 µs.
/// </summary>
[MemoryDiagnoser]
public class JsonSchemaBenchmarks
{
    private byte[] _credentialBytes = [];
    private JsonDocument _credential = null!;
    private JsonDocument _invalid = null!;
    private JsonDocument _schemaDocument = null!;
    private CompiledSchema _schema = null!;
    private CompiledSchema _schemaAssertingFormat = null!;

    [GlobalSetup]
    public void Setup()
    {
        _credentialBytes = JsonBenchmarkData.MillTestReport();
        _credential = JsonDocument.Parse(_credentialBytes);
        _invalid = JsonDocument.Parse(Spoil(JsonBenchmarkData.MillTestReport()));
        _schemaDocument = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "JsonSchema", "mill-test-report.schema.json")));
        _schema = JsonSchemaCompiler.Compile(_schemaDocument.RootElement);
        _schemaAssertingFormat = JsonSchemaCompiler.Compile(_schemaDocument.RootElement, new JsonSchemaOptions { AssertFormat = true });
        if (!_schema.Validate(_credential.RootElement).IsValid || !_schemaAssertingFormat.Validate(_credential.RootElement).IsValid
            || _schema.Validate(_invalid.RootElement).IsValid)
        {
            throw new InvalidOperationException("The benchmark schema does not accept the credential, or accepts the spoiled one.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _credential.Dispose();
        _invalid.Dispose();
        _schemaDocument.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Validate (mill test report, format as annotation)")]
    public bool Validate() => _schema.Validate(_credential.RootElement).IsValid;

    [Benchmark(Description = "Validate (mill test report, format asserted)")]
    public bool ValidateAssertingFormat() => _schemaAssertingFormat.Validate(_credential.RootElement).IsValid;

    [Benchmark(Description = "Validate (invalid: 3 errors reported)")]
    public int ValidateInvalid() => _schema.Validate(_invalid.RootElement).Errors.Count;

    [Benchmark(Description = "JsonDocument.Parse (the credential, for scale)")]
    public int Parse()
    {
        using var document = JsonDocument.Parse(_credentialBytes);
        return document.RootElement.GetArrayLengthOrZero();
    }

    [Benchmark(Description = "Compile (the schema, once per use)")]
    public CompiledSchema Compile() => JsonSchemaCompiler.Compile(_schemaDocument.RootElement);

    // Three faults: a lower-case country, a negative elongation, an unknown product property.
    private static byte[] Spoil(byte[] credential)
    {
        var text = System.Text.Encoding.UTF8.GetString(credential)
            .Replace("\"countryOfMelt\": \"US\"", "\"countryOfMelt\": \"us\"", StringComparison.Ordinal)
            .Replace("\"elongationPercent\": 24.5", "\"elongationPercent\": -24.5", StringComparison.Ordinal)
            .Replace("\"pieces\": 1", "\"pieces\": 1, \"colour\": \"grey\"", StringComparison.Ordinal);
        return System.Text.Encoding.UTF8.GetBytes(text);
    }
}
