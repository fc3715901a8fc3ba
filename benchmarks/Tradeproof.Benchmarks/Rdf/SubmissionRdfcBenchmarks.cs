using BenchmarkDotNet.Attributes;
using Tradeproof.Benchmarks.Credentials;
using Tradeproof.Cryptography;
using Tradeproof.Rdf;
using Tradeproof.Rdf.Canonicalization;

namespace Tradeproof.Benchmarks.Rdf;

/// <summary>
/// RDFC-1.0 of what a submission canonicalizes (issue #7): the presentation the load generator sends (5 mill test
/// reports, each in its own named graph with its proof graph: the blank nodes of the five credentials share first
/// degree hashes, so Hash N-Degree Quads runs) and one of its credentials alone (proof removed).
/// <c>--filter '*SubmissionRdfcBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class SubmissionRdfcBenchmarks
{
    private RdfDataset _presentation = null!;
    private RdfDataset _credential = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var fixture = new SubmissionFixture(SystemRandomSource.Instance);
        _presentation = fixture.Transforms.ToRdf(fixture.UnsecuredPresentation());
        _credential = fixture.Transforms.ToRdf(fixture.UnsecuredCredential());
    }

    [Benchmark]
    public CanonicalizationResult Presentation() => RdfCanonicalizer.Canonicalize(_presentation);

    [Benchmark]
    public CanonicalizationResult Credential() => RdfCanonicalizer.Canonicalize(_credential);
}
