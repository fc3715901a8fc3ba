using BenchmarkDotNet.Attributes;
using Tradeproof.Benchmarks.Credentials;
using Tradeproof.Cryptography;
using Tradeproof.Rdf;

namespace Tradeproof.Benchmarks.JsonLd;

/// <summary>
/// JSON-LD toRdf of what a submission's proofs cover (issue #7): the presentation the load generator sends, proof
/// removed (5 mill test reports with their proofs, in VC 2.0's graph containers: the direct path since round four,
/// the node map before), and one of its credentials alone, proof removed; since round five also the presentation's
/// toRdf keeping its credentials (<see cref="Tradeproof.JsonLd.EmbeddedDocuments"/>: each credential's own dataset
/// set aside, what the verifier runs) and a credential's dataset from its kept expanded form.
/// <c>--filter '*SubmissionToRdfBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class SubmissionToRdfBenchmarks
{
    private SubmissionFixture _fixture = null!;
    private byte[] _presentation = null!;
    private byte[] _credential = null!;
    private Tradeproof.JsonLd.EmbeddedDocuments _kept = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new SubmissionFixture(SystemRandomSource.Instance);
        _presentation = _fixture.UnsecuredPresentation();
        _credential = _fixture.UnsecuredCredential();
        _kept = NewKept();
        Tradeproof.JsonLd.JsonLdProcessor.ToRdf(_presentation, _fixture.Transforms.JsonLdOptions, _kept);
    }

    private static Tradeproof.JsonLd.EmbeddedDocuments NewKept() => new("verifiableCredential", "proof", "https://w3id.org/security#proof");

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    [Benchmark]
    public RdfDataset Presentation() => _fixture.Transforms.ToRdf(_presentation);

    [Benchmark]
    public RdfDataset Credential() => _fixture.Transforms.ToRdf(_credential);

    [Benchmark]
    public RdfDataset PresentationKeepingCredentials() => Tradeproof.JsonLd.JsonLdProcessor.ToRdf(_presentation, _fixture.Transforms.JsonLdOptions, NewKept());

    [Benchmark]
    public RdfDataset? CredentialFromKeptExpansion() => _kept.ExpandedToRdf(0, _fixture.Transforms.JsonLdOptions);
}
