using Tradeproof.Fuzz.Engine;

namespace Tradeproof.Fuzzing.Tests.Mutation;

/// <summary>The fuzzer itself: deterministic by seed, and its oracle reports what it must.</summary>
public sealed class FuzzerEngineTests
{
    private static FuzzTarget Fake(Action<byte[]> run, TimeSpan? timeout = null, long maxAllocated = 1 << 20) => new()
    {
        Name = "fake",
        Seeds = ["{\"a\": [1, 2, \"x\"]}"u8.ToArray(), "<http://a> <http://b> _:c ."u8.ToArray()],
        Tokens = TokenKinds.Json | TokenKinds.NQuads | TokenKinds.Base64Url | TokenKinds.Text,
        DocumentedErrors = [typeof(FormatException)],
        Run = run,
        Timeout = timeout ?? TimeSpan.FromSeconds(5),
        MaxAllocatedBytes = maxAllocated,
        MaxAllocatedPerInputByte = 0,
    };

    [Fact]
    public void A_case_is_the_same_for_the_same_seed_and_index_and_differs_otherwise()
    {
        var target = Fake(_ => { });
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(FuzzRunner.InputOf(target, 7, i), FuzzRunner.InputOf(target, 7, i));
        }

        var distinct = Enumerable.Range(0, 200).Select(i => Convert.ToHexString(FuzzRunner.InputOf(target, 7, i))).Distinct().Count();
        Assert.True(distinct > 150, $"only {distinct} distinct inputs in 200 cases");
        Assert.NotEqual(
            Enumerable.Range(0, 20).Select(i => Convert.ToHexString(FuzzRunner.InputOf(target, 7, i))),
            Enumerable.Range(0, 20).Select(i => Convert.ToHexString(FuzzRunner.InputOf(target, 8, i))));
    }

    [Fact]
    public void Mutations_stay_within_the_length_bound_and_reach_every_kind()
    {
        var random = new FuzzRandom(3);
        var seed = "{\"a\": {\"b\": [1, 2]}, \"c\": \"eyJhbGciOiJFZERTQSJ9.e30.c2ln\"}"u8.ToArray();
        var sawDeep = false;
        var sawShorter = false;
        var sawLonger = false;
        for (var i = 0; i < 2000; i++)
        {
            var mutated = Mutator.Mutate(seed, [seed], TokenKinds.Json | TokenKinds.Base64Url, random);
            Assert.InRange(mutated.Length, 0, Mutator.MaxLength);
            sawDeep |= mutated.Length > 300 && mutated.Count(b => b == (byte)'[' || b == (byte)'{') > 60;
            sawShorter |= mutated.Length < seed.Length;
            sawLonger |= mutated.Length > seed.Length;
        }

        Assert.True(sawDeep && sawShorter && sawLonger);
    }

    [Fact]
    public void Documented_errors_pass_and_other_exceptions_are_findings_with_their_case()
    {
        var documented = FuzzRunner.Run(Fake(_ => throw new FormatException("typed")), 1, 0, 50);
        Assert.Empty(documented.Findings);
        Assert.Equal(50, documented.DocumentedErrors);

        var other = FuzzRunner.Run(Fake(input => { if (input.Length % 2 == 0) { throw new InvalidOperationException("boom"); } }), 1, 0, 200, maxFindings: 3);
        Assert.Equal(3, other.Findings.Count);
        Assert.All(other.Findings, f => Assert.Equal(FindingKind.Exception, f.Kind));
        Assert.All(other.Findings, f => Assert.Equal(f.Input, FuzzRunner.InputOf(Fake(_ => { }), 1, f.CaseIndex)));
        Assert.Contains("InvalidOperationException", other.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_past_its_timeout_is_a_hang_finding()
    {
        using var release = new ManualResetEventSlim();
        var result = FuzzRunner.Run(Fake(_ => release.Wait(TimeSpan.FromSeconds(30)), timeout: TimeSpan.FromMilliseconds(300)), 1, 0, 10);
        release.Set();
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingKind.Hang, finding.Kind);
        Assert.Equal(0, finding.CaseIndex);
    }

    [Fact]
    public void A_case_allocating_past_its_bound_is_a_memory_finding()
    {
        var result = FuzzRunner.Run(Fake(_ => GC.KeepAlive(new byte[4 << 20]), maxAllocated: 1 << 20), 1, 0, 5);
        Assert.Equal(5, result.Findings.Count);
        Assert.All(result.Findings, f => Assert.Equal(FindingKind.Memory, f.Kind));
    }

    [Fact]
    public void A_broken_invariant_is_a_finding()
    {
        var result = FuzzRunner.Run(Fake(_ => throw new FuzzOracleException("round trip")), 1, 0, 3);
        Assert.Equal(3, result.Findings.Count);
    }
}
