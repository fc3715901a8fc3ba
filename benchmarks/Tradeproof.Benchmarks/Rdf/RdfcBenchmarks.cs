using BenchmarkDotNet.Attributes;
using Tradeproof.Rdf;
using Tradeproof.Rdf.Canonicalization;

namespace Tradeproof.Benchmarks.Rdf;

/// <summary>RDFC-1.0 on credential-shaped datasets (68 quads = one mill test report credential), sizes 10^2..10^5.</summary>
[MemoryDiagnoser]
public class RdfcBenchmarks
{
    private RdfDataset _dataset = null!;

    [Params(68, 100, 1_000, 10_000, 100_000)]
    public int Quads { get; set; }

    [GlobalSetup]
    public void Setup() => _dataset = CredentialDatasets.Generate(Quads);

    [Benchmark]
    public CanonicalizationResult Canonicalize() => RdfCanonicalizer.Canonicalize(_dataset);
}

/// <summary>RDFC-1.0 on inputs of the W3C rdf-canon suite that exercise Hash N-Degree Quads.</summary>
[MemoryDiagnoser]
public class RdfcSuiteBenchmarks
{
    private RdfDataset _dataset = null!;

    [Params("test020", "test044", "test054", "test059", "test068")]
    public string Case { get; set; } = "test020";

    [GlobalSetup]
    public void Setup()
    {
        var root = Environment.GetEnvironmentVariable("TRADEPROOF_CONFORMANCE") ?? FindConformance();
        _dataset = Tradeproof.Rdf.NQuads.NQuadsParser.Parse(File.ReadAllText(Path.Combine(root, "rdf-canon", "rdfc10", Case + "-in.nq")));
    }

    [Benchmark]
    public CanonicalizationResult Canonicalize() => RdfCanonicalizer.Canonicalize(_dataset);

    private static string FindConformance()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/conformance not found; set TRADEPROOF_CONFORMANCE.");
    }
}
