using BenchmarkDotNet.Attributes;
using Tradeproof.JsonLd;
using Tradeproof.Rdf;

namespace Tradeproof.Benchmarks.JsonLd;

/// <summary>
/// JSON-LD expansion and expansion + toRdf of a real trade credential
/// (shared/design/fixtures/mill-test-report.json: VC 2.0 context plus an inline context, 68 quads),
/// with warm caches: one <see cref="JsonLdOptions"/> instance reused, so the embedded credentials/v2
/// context is parsed and processed once. Each operation parses the document text as well.
/// Run: dotnet run -c Release --project benchmarks/Tradeproof.Benchmarks -- --filter '*JsonLdBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class JsonLdBenchmarks
{
    private readonly JsonLdOptions _options = new();
    private string _document = string.Empty;
    private byte[] _utf8 = [];

    [GlobalSetup]
    public void Setup()
    {
        _document = File.ReadAllText(FixturePath("mill-test-report.json"));
        _utf8 = System.Text.Encoding.UTF8.GetBytes(_document);

        // Warm the caches (and check the result is the expected 68 quads).
        var quads = JsonLdProcessor.ToRdf(_utf8, _options).Count;
        if (quads != 68)
        {
            throw new InvalidOperationException($"expected 68 quads, got {quads}");
        }
    }

    [Benchmark]
    public string Expand() => JsonLdProcessor.Expand(_document, _options);

    [Benchmark]
    public RdfDataset ExpandToRdf() => JsonLdProcessor.ToRdf(_utf8, _options);

    /// <summary>The fixture folder: shared/design/fixtures beside the repository (or TRADEPROOF_FIXTURES).</summary>
    internal static string FixturePath(string file)
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
