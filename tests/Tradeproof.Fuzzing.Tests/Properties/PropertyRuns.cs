using System.Globalization;
using FsCheck;
using Microsoft.FSharp.Core;

namespace Tradeproof.Fuzzing.Tests.Properties;

/// <summary>How the property tests run FsCheck: a fixed replay seed (the same cases on every run; TRADEPROOF_PROPERTY_SEED
/// overrides it) and a small number of cases, so each property costs a second or two in CI.</summary>
internal static class PropertyRuns
{
    private static readonly ulong Seed =
        ulong.TryParse(Environment.GetEnvironmentVariable("TRADEPROOF_PROPERTY_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 20261122UL;

    public static void Check(Property property, int maxTest = 100)
    {
        var replay = FSharpOption<Replay>.Some(new Replay(new Rnd(Seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None));
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(replay), property);
    }
}
