using System.Collections.Frozen;
using System.Text.Json;
using Tradeproof.JsonSchema;

namespace Tradeproof.Trade.Vocabulary;

/// <summary>
/// Builds the catalogue from the embedded data: <c>traceability/index.json</c> (the import) and <c>trade/index.json</c>
/// (our own types). Every schema document is registered by its <c>$id</c>, so a <c>$ref</c> to a common class resolves
/// from memory (the compiler's only remote resolver; never the network). Formats are asserted (every example passes so).
/// </summary>
internal static class CatalogLoader
{
    public static CredentialTypeCatalog Load(Func<IReadOnlyList<CredentialType>, CredentialTypeCatalog> create)
    {
        var traceability = VocabularyResources.ReadJson("traceability/index.json");
        var trade = VocabularyResources.ReadJson("trade/index.json");

        var documents = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var path in traceability.GetProperty("classes").EnumerateArray())
        {
            Register(documents, VocabularyResources.ReadJson("traceability/" + path.GetString()));
        }

        var pending = new List<(JsonElement Entry, string Folder, CredentialTypeSource Source)>();
        pending.AddRange(traceability.GetProperty("types").EnumerateArray().Select(e => (e, "traceability/", CredentialTypeSource.Traceability)));
        pending.AddRange(trade.GetProperty("types").EnumerateArray().Select(e => (e, "trade/", CredentialTypeSource.Tradeproof)));
        var schemas = pending.Select(p => VocabularyResources.ReadJson(p.Folder + p.Entry.GetProperty("schema").GetString())).ToList();
        foreach (var schema in schemas)
        {
            Register(documents, schema);
        }

        var registry = documents.ToFrozenDictionary(StringComparer.Ordinal);
        JsonElement? Resolve(Uri uri) => registry.TryGetValue(uri.GetLeftPart(UriPartial.Query), out var document) ? document : null;
        var options = new JsonSchemaOptions { RemoteResolver = Resolve, AssertFormat = true };

        var types = new List<CredentialType>(pending.Count);
        for (var i = 0; i < pending.Count; i++)
        {
            var (entry, folder, source) = pending[i];
            var tags = entry.TryGetProperty("tags", out var t) ? t.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
            var areas = source == CredentialTypeSource.Traceability
                ? AreasOfTags(tags)
                : entry.GetProperty("testAreas").EnumerateArray().Select(e => Enum.Parse<TradeTestArea>(e.GetString()!)).ToList();
            var examplePath = entry.GetProperty("example").GetString()
                ?? throw new InvalidOperationException("No example for " + entry.GetProperty("name").GetString());
            types.Add(new CredentialType(
                entry.GetProperty("name").GetString()!,
                entry.GetProperty("iri").GetString()!,
                entry.GetProperty("title").GetString() ?? string.Empty,
                entry.GetProperty("description").GetString() ?? string.Empty,
                source,
                tags,
                areas,
                schemas[i],
                VocabularyResources.ReadJson(folder + examplePath),
                type => JsonSchemaCompiler.Compile(type.SchemaJson, options),
                type => RequiredProperties(type.SchemaJson, registry)));
        }

        return create(types);
    }

    /// <summary>Upstream sector tags to test areas: Oil and Gas serves both pipeline oil and natural gas; the 2024
    /// e-commerce demonstration covers pesticides.</summary>
    internal static List<TradeTestArea> AreasOfTags(IEnumerable<string> tags)
    {
        var areas = new List<TradeTestArea>();
        foreach (var tag in tags)
        {
            TradeTestArea[] mapped = tag switch
            {
                "Steel" => [TradeTestArea.Steel],
                "Oil and Gas" => [TradeTestArea.PipelineOil, TradeTestArea.NaturalGas],
                "Agriculture" => [TradeTestArea.Food],
                "eCommerce" or "Pesticides" => [TradeTestArea.ECommerce],
                _ => [],
            };
            areas.AddRange(mapped.Where(a => !areas.Contains(a)));
        }

        return areas;
    }

    private static void Register(Dictionary<string, JsonElement> documents, JsonElement schema)
    {
        var id = schema.GetProperty("$id").GetString()!;
        if (!documents.TryAdd(id, schema))
        {
            throw new InvalidOperationException("Duplicate schema $id " + id);
        }
    }

    /// <summary>The credential's required members and its credentialSubject's (through at most 8 <c>$ref</c>s).</summary>
    private static List<string> RequiredProperties(JsonElement schema, FrozenDictionary<string, JsonElement> registry)
    {
        var result = RequiredOf(schema).Select(name => "/" + Escape(name)).ToList();
        if (schema.TryGetProperty("properties", out var properties) && properties.TryGetProperty("credentialSubject", out var subject))
        {
            var baseUri = new Uri(schema.GetProperty("$id").GetString()!);
            for (var hops = 0; hops < 8 && subject.TryGetProperty("$ref", out var reference); hops++)
            {
                var target = new Uri(baseUri, reference.GetString());
                if (!registry.TryGetValue(target.GetLeftPart(UriPartial.Query), out var resolved))
                {
                    break;
                }

                var subjectRequired = RequiredOf(subject).ToList();
                result.AddRange(subjectRequired.Select(name => "/credentialSubject/" + Escape(name)));
                subject = resolved;
                baseUri = target;
            }

            result.AddRange(RequiredOf(subject).Select(name => "/credentialSubject/" + Escape(name)));
        }

        return result.Distinct(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> RequiredOf(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
            ? required.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)
            : [];

    // RFC 6901 §3: '~' is written ~0 and '/' is written ~1.
    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
