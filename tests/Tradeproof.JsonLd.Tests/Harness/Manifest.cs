using System.Text.Json;

namespace Tradeproof.JsonLd.Tests.Harness;

/// <summary>
/// One case of a W3C JSON-LD API test manifest (json-ld-api/*-manifest.jsonld), with its options.
/// Case ids are the manifest's <c>@id</c> without the leading <c>#</c> (e.g. <c>t0001</c>).
/// </summary>
internal sealed record ManifestCase(
    string Id,
    string Manifest,
    IReadOnlyList<string> Types,
    string Name,
    string? Input,
    string? Expect,
    string? ExpectErrorCode,
    string? Context,
    JsonElement Option)
{
    /// <summary>The base IRI of every manifest.</summary>
    public const string BaseIri = "https://w3c.github.io/json-ld-api/tests/";

    public bool IsNegative => Types.Contains("jld:NegativeEvaluationTest");

    public bool IsPositiveSyntax => Types.Contains("jld:PositiveSyntaxTest");

    public string? InputUrl => Input is null ? null : BaseIri + Input;

    public string? OptionString(string name) =>
        Option.ValueKind == JsonValueKind.Object && Option.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public bool? OptionBool(string name) =>
        Option.ValueKind == JsonValueKind.Object && Option.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    public JsonElement? OptionElement(string name) =>
        Option.ValueKind == JsonValueKind.Object && Option.TryGetProperty(name, out var v) ? v : null;

    /// <summary>True for cases only a JSON-LD 1.0 processor runs (<c>specVersion: json-ld-1.0</c>).</summary>
    public bool Is10Only => OptionString("specVersion") == "json-ld-1.0";

    /// <summary>The absolute path of a file of the suite named relative to the suite's base.</summary>
    public static string PathOf(string relative) => Tradeproof.Testing.Conformance.PathOf("json-ld-api", relative);

    /// <summary>The JSON-LD options for this case (the base is the input's URL, from the loader, unless the case sets one; processingMode, expandContext, toRdf and compaction options).</summary>
    public JsonLdOptions CreateOptions(Tradeproof.JsonLd.Loading.IDocumentLoader loader)
    {
        var options = new JsonLdOptions
        {
            DocumentLoader = loader,
            Base = OptionString("base"),
        };
        if (OptionString("processingMode") is { } mode)
        {
            options.ProcessingMode = mode;
        }

        if (OptionString("expandContext") is { } expandContext)
        {
            options.ExpandContext = BaseIri + expandContext;
        }

        if (OptionBool("produceGeneralizedRdf") is { } generalized)
        {
            options.ProduceGeneralizedRdf = generalized;
        }

        if (OptionString("rdfDirection") is { } direction)
        {
            options.RdfDirection = direction;
        }

        if (OptionBool("compactArrays") is { } compactArrays)
        {
            options.CompactArrays = compactArrays;
        }

        if (OptionBool("compactToRelative") is { } compactToRelative)
        {
            options.CompactToRelative = compactToRelative;
        }

        if (OptionBool("useNativeTypes") is { } native)
        {
            options.UseNativeTypes = native;
        }

        if (OptionBool("useRdfType") is { } rdfType)
        {
            options.UseRdfType = rdfType;
        }

        if (OptionBool("ordered") is { } ordered)
        {
            options.Ordered = ordered;
        }

        return options;
    }
}

/// <summary>Reads a manifest of the JSON-LD API suite.</summary>
internal static class Manifest
{
    private static readonly Dictionary<string, IReadOnlyList<ManifestCase>> Cache = new(StringComparer.Ordinal);

    /// <summary>The cases of <paramref name="manifestFile"/> (e.g. <c>expand-manifest.jsonld</c>), in manifest order.</summary>
    public static IReadOnlyList<ManifestCase> Load(string manifestFile)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(manifestFile, out var cached))
            {
                return cached;
            }

            using var doc = JsonDocument.Parse(File.ReadAllBytes(ManifestCase.PathOf(manifestFile)));
            var cases = new List<ManifestCase>();
            foreach (var t in doc.RootElement.GetProperty("sequence").EnumerateArray())
            {
                var types = t.GetProperty("@type").ValueKind == JsonValueKind.Array
                    ? t.GetProperty("@type").EnumerateArray().Select(x => x.GetString()!).ToList()
                    : [t.GetProperty("@type").GetString()!];
                cases.Add(new ManifestCase(
                    t.GetProperty("@id").GetString()!.TrimStart('#'),
                    manifestFile,
                    types,
                    t.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty,
                    Str(t, "input"),
                    Str(t, "expect"),
                    Str(t, "expectErrorCode"),
                    Str(t, "context"),
                    t.TryGetProperty("option", out var o) ? o.Clone() : default));
            }

            Cache[manifestFile] = cases;
            return cases;
        }
    }

    /// <summary>The case with id <paramref name="id"/>.</summary>
    public static ManifestCase Get(string manifestFile, string id) => Load(manifestFile).Single(c => c.Id == id);

    /// <summary>
    /// The ids of the cases a JSON-LD 1.1 processor runs: cases with <c>specVersion: json-ld-1.0</c>
    /// are not applicable and are left out (not counted).
    /// </summary>
    public static TheoryData<string> Applicable(string manifestFile)
    {
        var data = new TheoryData<string>();
        foreach (var c in Load(manifestFile))
        {
            if (!c.Is10Only)
            {
                data.Add(c.Id);
            }
        }

        return data;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
