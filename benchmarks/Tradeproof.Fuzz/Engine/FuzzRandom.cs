using Tradeproof.Cryptography;

namespace Tradeproof.Fuzz.Engine;

/// <summary>
/// The fuzzer's only source of randomness: SplitMix64 from a seed, so a case is the same on every run and machine.
/// It is also an <see cref="IRandomSource"/> for code under test that draws random bytes.
/// </summary>
public sealed class FuzzRandom(ulong seed) : IRandomSource
{
    private ulong _state = seed;

    /// <summary>The seed of case <paramref name="caseIndex"/> of <paramref name="target"/> in the run seeded <paramref name="runSeed"/>:
    /// each case can be replayed alone.</summary>
    public static ulong CaseSeed(ulong runSeed, string target, long caseIndex)
    {
        ArgumentNullException.ThrowIfNull(target);
        var h = 0xcbf29ce484222325UL;
        foreach (var c in target)
        {
            h = (h ^ c) * 0x100000001b3UL;
        }

        return Mix(Mix(runSeed ^ h) + (ulong)caseIndex);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A number in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>A number in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>True with probability 1/<paramref name="n"/>.</summary>
    public bool OneIn(int n) => Next(n) == 0;

    /// <summary>One element of <paramref name="items"/>.</summary>
    public T Pick<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items[Next(items.Count)];
    }

    /// <inheritdoc />
    public void Fill(Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (byte)NextUInt64();
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
