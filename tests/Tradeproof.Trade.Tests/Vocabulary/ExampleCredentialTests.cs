using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.JsonLd;
using Tradeproof.Trade.Vocabulary;
using ConformanceData = Tradeproof.Testing.Conformance;

namespace Tradeproof.Trade.Tests.Vocabulary;

/// <summary>
/// Vectors: every catalogued type's example credential (upstream's for the traceability types, ours for our own)
/// satisfies its schema and expands under JSON-LD safe mode with every term defined (none falls through to the
/// VCDM 2.0 <c>@vocab</c> issuer-dependent namespace). Upstream examples that fail are listed in the skip files
/// with their reason; a listed example that starts to pass fails the test.
/// </summary>
public sealed class ExampleCredentialTests
{
    private const string IssuerDependent = "https://www.w3.org/ns/credentials/issuer-dependent#";

    private static readonly string SkipFolder = Path.Combine(ConformanceData.RepositoryRoot, "tests", "Tradeproof.Trade.Tests", "Vocabulary", "Conformance");
    private static readonly SkipList SchemaSkips = SkipList.Load(Path.Combine(SkipFolder, "traceability-examples.skip"));
    private static readonly SkipList JsonLdSkips = SkipList.Load(Path.Combine(SkipFolder, "traceability-examples-jsonld.skip"));
    private static readonly JsonLdOptions SafeOptions = new() { SafeMode = true, DocumentLoader = TradeContext.DocumentLoader };

    public static TheoryData<string> TraceabilityTypes => Names(CredentialTypeSource.Traceability);

    public static TheoryData<string> OwnTypes => Names(CredentialTypeSource.Tradeproof);

    [Theory]
    [MemberData(nameof(TraceabilityTypes))]
    public void Traceability_example_satisfies_its_schema(string name) =>
        SchemaSkips.Run(name, () => AssertExampleValid(name));

    [Theory]
    [MemberData(nameof(OwnTypes))]
    public void Own_example_satisfies_its_schema(string name) => AssertExampleValid(name);

    [Theory]
    [MemberData(nameof(TraceabilityTypes))]
    public void Traceability_example_expands_in_safe_mode_with_every_term_defined(string name) =>
        JsonLdSkips.Run(name, () => AssertExpandsWithEveryTermDefined(name));

    [Theory]
    [MemberData(nameof(OwnTypes))]
    public void Own_example_expands_in_safe_mode_with_every_term_defined(string name)
    {
        var expanded = AssertExpandsWithEveryTermDefined(name);

        // Our terms land in our namespace: the credential type and the subject type among them.
        var text = expanded.ToJsonString();
        Assert.Contains(TradeContext.VocabularyIri + name, text, StringComparison.Ordinal);
        Assert.Contains(TradeContext.VocabularyIri + name.Replace("Credential", string.Empty, StringComparison.Ordinal), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_files_name_only_catalogued_types()
    {
        foreach (var id in SchemaSkips.Reasons.Keys.Concat(JsonLdSkips.Reasons.Keys))
        {
            Assert.NotNull(CredentialTypeCatalog.Default.Find(id));
        }
    }

    private static void AssertExampleValid(string name)
    {
        var type = CredentialTypeCatalog.Default.Find(name)!;
        var result = type.Validate(type.Example);
        Assert.True(result.IsValid, $"{name}: {result.Status} {result.Problem} " + string.Join("; ", result.Violations.Select(v => $"{v.Pointer}: {v.Message}")));

        // And through the catalogue, which picks the schema from the example's own type.
        Assert.True(CredentialTypeCatalog.Default.Validate(type.Example).IsValid);
    }

    private static JsonNode AssertExpandsWithEveryTermDefined(string name)
    {
        var type = CredentialTypeCatalog.Default.Find(name)!;
        var expanded = JsonLdProcessor.Expand(JsonNode.Parse(type.Example.GetRawText()), SafeOptions);
        var undefined = new SortedSet<string>(StringComparer.Ordinal);
        CollectIssuerDependent(expanded, undefined);
        Assert.True(undefined.Count == 0, $"{name}: terms not defined by the contexts: {string.Join(", ", undefined)}");
        return expanded;
    }

    private static void CollectIssuerDependent(JsonNode? node, SortedSet<string> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key.StartsWith(IssuerDependent, StringComparison.Ordinal))
                    {
                        found.Add(key[IssuerDependent.Length..]);
                    }

                    if (key == "@type")
                    {
                        foreach (var t in value is JsonArray a ? a.ToArray() : [value])
                        {
                            if (t is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().StartsWith(IssuerDependent, StringComparison.Ordinal))
                            {
                                found.Add(v.GetValue<string>()[IssuerDependent.Length..]);
                            }
                        }
                    }

                    CollectIssuerDependent(value, found);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectIssuerDependent(item, found);
                }

                break;
        }
    }

    private static TheoryData<string> Names(CredentialTypeSource source)
    {
        var data = new TheoryData<string>();
        foreach (var type in CredentialTypeCatalog.Default.Types.Where(t => t.Source == source))
        {
            data.Add(type.Name);
        }

        return data;
    }
}
