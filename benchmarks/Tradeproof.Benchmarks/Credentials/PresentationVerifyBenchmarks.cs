using BenchmarkDotNet.Attributes;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using Tradeproof.Trade.Presentations;

namespace Tradeproof.Benchmarks.Credentials;

/// <summary>
/// The verification a presentation submission runs before the store (<see cref="TraceablePresentationVerifier"/>):
/// a TraceablePresentation of 5 mill test reports (<see cref="SubmissionFixture"/>, as the load generator sends it),
/// the holder's proof with its challenge (compared, not consumed: no challenge store), then each credential's
/// pipeline. <c>submission-probe</c> splits the same work into its stages.
/// </summary>
[MemoryDiagnoser]
public class PresentationVerifyBenchmarks
{
    private const string Challenge = "bench-challenge-0001";
    private SubmissionFixture _fixture = null!;
    private TraceablePresentationVerifier _verifier = null!;
    private byte[] _presentation = null!;
    private VerificationRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new SubmissionFixture(SystemRandomSource.Instance);
        _verifier = new TraceablePresentationVerifier(new CredentialVerifier(new VerifierOptions
        {
            TimeProvider = new SubmissionProbe.FixedClock(SubmissionFixture.Created.AddDays(30)),
            Transforms = _fixture.Transforms,
        }));
        _presentation = _fixture.Present(Challenge);
        _request = new VerificationRequest { Challenge = Challenge };
        if (!VerifyPresentation())
        {
            throw new InvalidOperationException("The presentation does not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    /// <summary>The presentation and its 5 credentials, every check.</summary>
    [Benchmark]
    public bool VerifyPresentation()
    {
        var result = _verifier.VerifyAsync(_presentation, _request).AsTask().GetAwaiter().GetResult();
        return result.Verified && result.Presentation is not null;
    }
}
