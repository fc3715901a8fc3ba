using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Tradeproof.Cryptography;

namespace Tradeproof.Testing;

/// <summary>A deterministic random source: SHA-256 of a seed text and a counter (the same seed, the same bytes).</summary>
public sealed class SeededRandom(string seed) : IRandomSource
{
    private readonly byte[] _seed = Encoding.UTF8.GetBytes(seed);
    private long _counter;

    public void Fill(Span<byte> destination)
    {
        var offset = 0;
        while (offset < destination.Length)
        {
            var block = SHA256.HashData([.. _seed, .. BitConverter.GetBytes(_counter++)]);
            var n = Math.Min(block.Length, destination.Length - offset);
            block.AsSpan(0, n).CopyTo(destination[offset..]);
            offset += n;
        }
    }
}

/// <summary>A deterministic random source: a byte counter from a starting value (not thread-safe).</summary>
public sealed class CounterRandom(byte start = 0) : IRandomSource
{
    private byte _next = start;

    public void Fill(Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = _next++;
        }
    }
}

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
