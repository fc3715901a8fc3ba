using System.Buffers.Binary;
using Tradeproof.Cryptography;

namespace Tradeproof.Storage.Tests.Support;

/// <summary>A deterministic, thread-safe random source: a counter run through SplitMix64 (never repeats a block).</summary>
public sealed class CountingRandomSource(ulong seed = 1) : IRandomSource
{
    private ulong _state = seed;

    public void Fill(Span<byte> destination)
    {
        Span<byte> block = stackalloc byte[8];
        for (var offset = 0; offset < destination.Length; offset += 8)
        {
            var z = Interlocked.Add(ref _state, 0x9E3779B97F4A7C15UL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            BinaryPrimitives.WriteUInt64LittleEndian(block, z);
            block[..Math.Min(8, destination.Length - offset)].CopyTo(destination[offset..]);
        }
    }
}
