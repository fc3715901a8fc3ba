using Tradeproof.Testing;

namespace Tradeproof.JsonSchema.Tests.Conformance;

/// <summary>The required draft2020-12 tests: every file directly in tests/draft2020-12, format as annotation.</summary>
public sealed class JsonSchemaConformanceTests
{
    private static readonly SkipList Skips = SkipList.Load(
        Path.Combine(Tradeproof.Testing.Conformance.RepositoryRoot, "tests", "Tradeproof.JsonSchema.Tests", "Conformance", "json-schema.skip"));

    public static IEnumerable<object[]> Cases() => JsonSchemaSuite.Cases(string.Empty);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string id) => Skips.Run(id, () => JsonSchemaSuite.Run(id, assertFormat: false));
}

/// <summary>
/// The optional draft2020-12 tests: tests/draft2020-12/optional, and optional/format with format asserting
/// (as the suite intends for that folder).
/// </summary>
public sealed class JsonSchemaOptionalConformanceTests
{
    private static readonly SkipList Skips = SkipList.Load(
        Path.Combine(Tradeproof.Testing.Conformance.RepositoryRoot, "tests", "Tradeproof.JsonSchema.Tests", "Conformance", "json-schema-optional.skip"));

    public static IEnumerable<object[]> Cases() => JsonSchemaSuite.Cases("optional").Concat(JsonSchemaSuite.Cases("optional/format"));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string id)
        => Skips.Run(id, () => JsonSchemaSuite.Run(id, assertFormat: id.StartsWith("optional/format/", StringComparison.Ordinal)));
}
