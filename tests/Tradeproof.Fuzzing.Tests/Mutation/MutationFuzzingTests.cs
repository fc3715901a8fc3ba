using System.Globalization;
using Tradeproof.Fuzz.Engine;
using Tradeproof.Fuzz.Targets;

namespace Tradeproof.Fuzzing.Tests.Mutation;

/// <summary>
/// The CI run of the mutation fuzzer: a few thousand seeded cases per parser (TRADEPROOF_FUZZ_CASES overrides the
/// count, TRADEPROOF_FUZZ_SEED the seed). Only the parser's documented typed errors may escape; no hang (per-case
/// timeout), no case allocating past its bound, no broken invariant. The long run is benchmarks/fuzz/run.sh.
/// </summary>
public sealed class MutationFuzzingTests
{
    private static readonly long Cases = long.TryParse(Environment.GetEnvironmentVariable("TRADEPROOF_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 2000;

    private static readonly ulong Seed = ulong.TryParse(Environment.GetEnvironmentVariable("TRADEPROOF_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 20261122;

    public static TheoryData<string> Targets() => [.. ParserTargets.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Mutated_input_gets_a_result_or_a_documented_error(string target)
    {
        var fuzzTarget = ParserTargets.Get(target);
        Assert.NotEmpty(fuzzTarget.Seeds);
        // Cheaper targets run more cases; the verifiers (JWT, SD-JWT, Data Integrity) and the status list decoder
        // (up to 16 MiB inflated per case) run fewer, to keep the whole run within seconds.
        var cases = target is "status-list" ? Cases / 4 : Cases;
        var result = FuzzRunner.Run(fuzzTarget, Seed, 0, cases);
        Assert.True(result.Findings.Count == 0, string.Join(Environment.NewLine, result.Findings.Select(f => f + Environment.NewLine + f.Message)));
        Assert.Equal(cases, result.Cases);
    }

    [Fact]
    public void Every_target_is_listed_once_and_built()
    {
        Assert.Equal(ParserTargets.Names.Order(StringComparer.Ordinal), ParserTargets.All.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_seed_inputs_are_accepted_by_their_parsers()
    {
        // A corpus of inputs every parser refuses would fuzz nothing but the first few bytes.
        foreach (var target in ParserTargets.All)
        {
            var accepted = target.Seeds.Count(seed => FuzzRunner.RunOne(target, seed, out var documented, out _) is null && !documented);
            Assert.True(accepted > 0, $"{target.Name}: none of {target.Seeds.Count} seeds is accepted");
        }
    }

    [Fact]
    public void The_hostile_seeds_are_refused_with_typed_errors()
    {
        // The decompression bomb (64 MiB of zeros) stops at the 16 MiB cap as a StatusListException, within the case's memory bound.
        var statusList = ParserTargets.Get("status-list");
        var bomb = statusList.Seeds[^1];
        Assert.Null(FuzzRunner.RunOne(statusList, bomb, out var documented, out var allocated));
        Assert.True(documented);
        Assert.InRange(allocated, 0, statusList.AllocationBound(bomb.Length));

        // JSON nested 10,000 deep is a typed error at the node's depth cap.
        var intake = ParserTargets.Get("json-intake");
        Assert.Null(FuzzRunner.RunOne(intake, [.. Enumerable.Repeat((byte)'[', 10_000), .. Enumerable.Repeat((byte)']', 10_000)], out documented, out _));
        Assert.True(documented);
    }
}
