using BenchmarkDotNet.Attributes;
using Tradeproof.Rdf;
using Tradeproof.Rdf.NQuads;

namespace Tradeproof.Benchmarks.Rdf;

/// <summary>N-Quads parsing and canonical serialization of credential-shaped datasets, sizes 10^2..10^5.</summary>
[MemoryDiagnoser]
public class NQuadsBenchmarks
{
    private RdfDataset _dataset = null!;
    private string _text = null!;

    [Params(100, 1_000, 10_000, 100_000)]
    public int Quads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dataset = CredentialDatasets.Generate(Quads);
        _text = NQuadsSerializer.Serialize(_dataset);
    }

    [Benchmark]
    public RdfDataset Parse() => NQuadsParser.Parse(_text);

    [Benchmark]
    public string Serialize() => NQuadsSerializer.Serialize(_dataset);
}
