using BenchmarkDotNet.Attributes;
using Tradeproof.JsonLd;
using Tradeproof.JsonLd.Compaction;
using Tradeproof.JsonLd.Json;
using Tradeproof.Rdf;

namespace Tradeproof.Benchmarks.JsonLd;

/// <summary>
/// JSON-LD compaction, flattening and fromRdf of the mill test report credential
/// (shared/design/fixtures/mill-test-report.json: VC 2.0 context plus an inline context), with warm caches
/// (one <see cref="JsonLdOptions"/> reused: the processed context and its inverse context are built once).
/// <c>Compact</c> is the whole API call (parse, expand, compact with the document's own context, serialize);
/// <c>CompactExpanded</c> is the Compaction Algorithm alone on the expanded tree.
/// Run: dotnet run -c Release --project benchmarks/Tradeproof.Benchmarks -- --filter '*JsonLdCompactionBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class JsonLdCompactionBenchmarks
{
    private readonly JsonLdOptions _options = new();
    private string _document = string.Empty;
    private string _context = string.Empty;
    private object? _contextTree;
    private List<object?> _expanded = [];
    private RdfDataset _dataset = new();

    [GlobalSetup]
    public void Setup()
    {
        _document = File.ReadAllText(FixturePath("mill-test-report.json"));
        var tree = (Dictionary<string, object?>)JsonTree.Parse(_document)!;
        _contextTree = tree["@context"];
        _context = JsonTree.Serialize(_contextTree);
        _expanded = (List<object?>)JsonTree.Parse(JsonLdProcessor.Expand(_document, _options))!;
        _dataset = JsonLdProcessor.ToRdf(_document, _options);

        // Warm the caches and check the round trip.
        var compacted = JsonLdProcessor.Compact(_document, _context, _options);
        if (!compacted.Contains("\"heatNumber\":\"H24-118734\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("unexpected compaction result: " + compacted);
        }
    }

    [Benchmark]
    public string Compact() => JsonLdProcessor.Compact(_document, _context, _options);

    [Benchmark]
    public Dictionary<string, object?> CompactExpanded() =>
        CompactionAlgorithm.CompactDocument(new JsonLdRun(_options), _expanded, _contextTree, null);

    [Benchmark]
    public string Flatten() => JsonLdProcessor.Flatten(_document, null, _options);

    [Benchmark]
    public string FromRdf() => JsonLdProcessor.FromRdf(_dataset, _options);

    /// <summary>The fixture folder: shared/design/fixtures beside the repository (or TRADEPROOF_FIXTURES).</summary>
    private static string FixturePath(string file)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("TRADEPROOF_FIXTURES");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.Combine(fromEnvironment, file);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "design", "fixtures", file);
            if (File.Exists(Path.Combine(dir.FullName, "Tradeproof.slnx")) && File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new FileNotFoundException("Fixture not found: " + file);
    }
}
